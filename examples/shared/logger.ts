// A pino-shaped logger (`logger.info(obj, msg)`) printing one JSON line per call on stdout, so the
// examples need no logging dependency. In your app pass `pino()` instead: it has the same shape.
import type { Logger } from 'phonepe-order-sync';

const levels = ['debug', 'info', 'warn', 'error'] as const;

/** JSON lines on stdout; `debug` only when `LOG_LEVEL=debug`. */
export function createLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  const quiet = env.LOG_LEVEL !== 'debug';
  const write =
    (level: (typeof levels)[number]) =>
    (obj: Record<string, unknown>, msg?: string): void => {
      if (level === 'debug' && quiet) return;
      process.stdout.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg, ...obj })}\n`);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
