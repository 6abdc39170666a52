// BullMQ variant: a repeatable job ("job scheduler") on Redis runs one sweep every EVERY_MS, on whichever
// worker process picks it up. Run this file in as many processes as you like: BullMQ runs each repetition
// once, and with a repository that has claimPendingOrders (the Kysely one) even overlapping sweeps never
// check one order twice.
//   npx tsx examples/reconcile-job/bullmq.ts            # until SIGTERM / Ctrl-C
//   npx tsx examples/reconcile-job/bullmq.ts --once     # first run of the scheduler on a throwaway queue, then exits
// REDIS_URL defaults to redis://127.0.0.1:6379.
import { randomUUID } from 'node:crypto';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { ReconcileSummary } from 'phonepe-order-sync';
import { createDemoPaymentSync } from './demo-store';

const EVERY_MS = 5_000;
const once = process.argv.includes('--once');
const queueName = once ? `reconcile-once-${randomUUID()}` : 'phonepe-reconcile';
const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
  maxRetriesPerRequest: null,
});
const paymentSync = createDemoPaymentSync();
const shutdown = new AbortController();

const queue = new Queue(queueName, { connection });
const worker = new Worker<unknown, ReconcileSummary>(
  queueName,
  // Bounded (maxOrders) so each repetition ends in reasonable time; the next one carries on.
  async () =>
    paymentSync.reconcile({ concurrency: 4, rateLimit: 10, maxOrders: 5_000, signal: shutdown.signal }),
  { connection, concurrency: 1 },
);
worker.on('completed', (_job: Job, summary: ReconcileSummary) =>
  console.log(JSON.stringify({ event: 'sweep', ...summary })),
);
worker.on('failed', (_job, error) =>
  console.error(JSON.stringify({ event: 'sweep-failed', message: error.message })),
);

async function stop(): Promise<void> {
  shutdown.abort(); // the running sweep finishes its in-flight checks and returns
  await worker.close(); // waits for that job to complete
  if (once) await queue.obliterate({ force: true });
  await queue.close();
  await connection.quit();
  console.log(JSON.stringify({ event: 'stopped' }));
}

// One scheduler id per queue: however many processes run this, BullMQ keeps one repetition at a time.
await queue.upsertJobScheduler('reconcile-every-5s', { every: EVERY_MS }, { name: 'reconcile' });
if (once) {
  // The scheduler's first run starts at once; stop after it.
  await new Promise<void>((resolve) => worker.once('completed', () => resolve()));
  await queue.removeJobScheduler('reconcile-every-5s');
  await stop();
} else {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop());
}
