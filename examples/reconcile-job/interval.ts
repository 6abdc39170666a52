// Plain interval variant: one sweep every INTERVAL_MS in this process, stopped gracefully on SIGTERM/SIGINT
// (the sweep in flight finishes its gateway checks, starts no new one, hands claimed orders back).
//   npx tsx examples/reconcile-job/interval.ts           # runs until SIGTERM / Ctrl-C
//   npx tsx examples/reconcile-job/interval.ts --once    # one sweep, prints its summary, exits
import { setTimeout as sleep } from 'node:timers/promises';
import { createDemoPaymentSync } from './demo-store';

const INTERVAL_MS = 5_000;
const once = process.argv.includes('--once');
const paymentSync = createDemoPaymentSync();
const shutdown = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => shutdown.abort());

do {
  const summary = await paymentSync.reconcile({ concurrency: 4, rateLimit: 10, signal: shutdown.signal });
  console.log(JSON.stringify({ event: 'sweep', ...summary }));
  if (once || shutdown.signal.aborted) break;
  // Wait for the next run, or stop at once on shutdown.
  await sleep(INTERVAL_MS, undefined, { signal: shutdown.signal }).catch(() => {});
} while (!shutdown.signal.aborted);

console.log(JSON.stringify({ event: 'stopped' }));
