import type { Logger } from 'phonepe-order-sync';

type Level = keyof Logger;

/**
 * A console logger with pino's call shape, writing one line per entry to stderr (the table goes to
 * stdout). Warnings and errors always show, so a PhonePe outage is visible; debug and info only with
 * `--verbose`. In your app pass pino (or any pino-compatible logger) instead.
 */
export function createDemoLogger(options: { verbose: boolean; write?: (line: string) => void }): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const at =
    (level: Level, always: boolean) =>
    (obj: Record<string, unknown>, msg?: string): void => {
      if (always || options.verbose) write(`[${level}] ${msg ?? ''} ${JSON.stringify(obj)}`);
    };
  return {
    debug: at('debug', false),
    info: at('info', false),
    warn: at('warn', true),
    error: at('error', true),
  };
}
