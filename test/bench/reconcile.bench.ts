// Reconciler throughput: 10,000 pending orders, a gateway answering after a real 20 ms, concurrency 64.
// Ideal wall time = orders x latency / concurrency (3.125 s). Printed side by side in one run:
// - the theoretical ideal,
// - a floor measured here: 64 bare workers awaiting the same 20 ms timer 10,000 times (what this machine's
//   timers allow, with no store and no library),
// - a hand-written sweep over the same store (claim a page, 64 workers: ask, write the audit; no schedule,
//   no rate limit, no single-flight, no events): what the store and this machine cost anyway,
// - the library's paymentSync.reconcile over the memory repository (with claims) and the fake gateway.
// Target: library <= 1.25x the ideal. Memory: heap/RSS before and after, peak heap sampled during the sweep,
// peak RSS from the OS. It measures the built package: `npm run bench -- reconcile` builds first.
import { createPaymentSync, type GatewayPaymentStatus } from '../../dist/index.js';
import { buildOrderPayment, createMemoryOrderRepository } from '../../dist/testing.js';

const ORDERS = 10_000;
const LATENCY_MS = 20;
const CONCURRENCY = 64;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function timerFloor(): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < ORDERS) await delay(LATENCY_MS);
    }),
  );
  return performance.now() - start;
}

function seeded() {
  const createdAt = new Date(Date.now() - 5 * 60_000);
  return createMemoryOrderRepository(
    Array.from({ length: ORDERS }, (_, i) => buildOrderPayment({ id: i + 1, amount: 1000, createdAt })),
  );
}

async function handWritten(): Promise<number> {
  const repository = seeded();
  const ask = async (): Promise<GatewayPaymentStatus> => {
    await delay(LATENCY_MS);
    return { state: 'PENDING', amount: 1000 };
  };
  const start = performance.now();
  const sweepStart = new Date();
  for (;;) {
    const page = await repository.claimPendingOrders({
      limit: 256,
      workerId: 'hand',
      leaseMs: 60_000,
      now: new Date(),
      checkedBefore: sweepStart,
    });
    if (page.length === 0) break;
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < page.length) {
          const op = page[next++]!;
          const status = await ask();
          await repository.updatePendingPayment(String(op.order.id), {
            paymentStatus: status.state,
            additionalInfo: {
              last_checked: new Date().toISOString(),
              gateway_response: { state: status.state },
            },
          });
        }
      }),
    );
  }
  return performance.now() - start;
}

async function library(): Promise<{
  ms: number;
  summary: unknown;
  heapBefore: number;
  heapPeak: number;
  heapAfter: number;
}> {
  const repository = seeded();
  let answered = 0;
  const gateway = {
    async getPaymentStatus(): Promise<GatewayPaymentStatus> {
      await delay(LATENCY_MS);
      answered += 1;
      return answered % 2
        ? { state: 'COMPLETED', transactionId: `T${answered}`, amount: 1000 }
        : { state: 'PENDING', amount: 1000 };
    },
  };
  const paymentSync = createPaymentSync({ repository, gateway, circuitBreaker: false });
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }, 25);
  const start = performance.now();
  const summary = await paymentSync.reconcile({
    concurrency: CONCURRENCY,
    pageSize: 256,
    rateLimit: 100_000,
  });
  const ms = performance.now() - start;
  clearInterval(sampler);
  global.gc?.();
  return { ms, summary, heapBefore, heapPeak, heapAfter: process.memoryUsage().heapUsed };
}

export default async function reconcileBench(): Promise<void> {
  const ideal = (ORDERS * LATENCY_MS) / CONCURRENCY;
  const rssBefore = process.memoryUsage().rss;
  await timerFloor(); // warm-up
  const floor = await timerFloor();
  const run = await library();
  const hand = await handWritten();
  const ratio = run.ms / ideal;
  console.log(`orders ${ORDERS}, gateway latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}`);
  console.log(`summary: ${JSON.stringify(run.summary)}`);
  console.log(
    `wall time: library ${Math.round(run.ms)} ms, ideal ${Math.round(ideal)} ms, bare-timer floor ${Math.round(floor)} ms, ` +
      `hand-written sweep ${Math.round(hand)} ms`,
  );
  console.log(
    `ratio vs ideal ${ratio.toFixed(2)}x (target <= 1.25x: ${ratio <= 1.25 ? 'meets' : 'ABOVE'}), ` +
      `vs bare-timer floor ${(run.ms / floor).toFixed(2)}x, vs hand-written sweep ${(run.ms / hand).toFixed(2)}x`,
  );
  console.log(
    `memory: heap ${mb(run.heapBefore)} before (store of ${ORDERS} orders included), peak ${mb(run.heapPeak)} during, ` +
      `${mb(run.heapAfter)} after; RSS ${mb(rssBefore)} at start, ${mb(process.memoryUsage().rss)} now, ` +
      `peak ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
}
