// Graceful shutdown on SIGTERM (orchestrators) and SIGINT (Ctrl-C): stop accepting requests, let the
// ones in flight finish, close the database, and let the process exit by itself (nothing left open).
import type { Logger } from 'phonepe-order-sync';

export function onShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'stopping', signal }, 'shutting down');
    stop().then(
      () => logger.info({ event: 'stopped' }, 'stopped'),
      (error: unknown) => {
        logger.error({ event: 'stop-failed', err: String(error) }, 'shutdown failed');
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGTERM', handle);
  process.once('SIGINT', handle);
}
