/** One log method: pino's `(object, message)` call shape. */
export type LogFn = (obj: Record<string, unknown>, msg?: string) => void;

/**
 * The logging port: the subset of pino's API the library uses, so a pino (or pino-compatible) logger
 * can be passed as is. Log lines never carry secrets or tokens.
 *
 * @example
 * ```ts
 * import pino from 'pino';
 * createPaymentSync({ repository, gateway, logger: pino() });
 * ```
 */
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

const noop: LogFn = () => {};

/** A logger that drops everything: the default. */
export const silentLogger: Logger = Object.freeze({ debug: noop, info: noop, warn: noop, error: noop });
