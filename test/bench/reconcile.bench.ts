// Reconciler throughput: 10,000 pending orders, a gateway answering after a real 20 ms, concurrency 64.
// Ideal wall time = orders x latency / concurrency (3.125 s). Printed side by side in one run:
// - the theoretical ideal,
// - a floor measured here: 64 bare workers awaiting the same 20 ms timer 10,000 times (what this machine's
//   timers allow, with no store and no library),
// - a hand-written sweep over the same store (claim a page, 64 workers: ask, write the audit; no schedule,
//   no rate limit, no single-flight, no events): what the store and this machine cost anyway,
// - the library's paymentSync.reconcile over the memory repository (with claims) and the fake gateway,
// - the same over the Kysely repository on SQLite (a file, better-sqlite3) with claims: the store's real
//   cost (claim pages in a write transaction, one transition transaction per order, releases),
// - over real HTTP: the PhonePe gateway (OAuth, ky, zod) against the simulator served on a local port, from
//   its own worker thread as PhonePe is another machine, with a 20 ms injected latency, beside a hand-written sweep of bare fetch calls to the same server (what
//   HTTP on this machine costs anyway).
// Target: library <= 1.25x the ideal. Memory: heap/RSS before and after, peak heap sampled during the sweep,
// peak RSS from the OS. It measures the built package: `npm run bench -- reconcile` builds first.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { createPaymentSync, type GatewayPaymentStatus, type OrderRepository } from '../../dist/index.js';
import { createKyselyOrderRepository, migrateOrderSyncSchema } from '../../dist/kysely.js';
import { createPhonePeGateway } from '../../dist/phonepe.js';
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

async function handWritten(repository: OrderRepository = seeded()): Promise<number> {
  const ask = async (): Promise<GatewayPaymentStatus> => {
    await delay(LATENCY_MS);
    return { state: 'PENDING', amount: 1000 };
  };
  const start = performance.now();
  const sweepStart = new Date();
  for (;;) {
    const page = await repository.claimPendingOrders!({
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

interface Run {
  ms: number;
  summary: unknown;
  heapBefore: number;
  heapPeak: number;
  heapAfter: number;
}

/** A gateway answering after a real 20 ms: every other answer COMPLETED, the others PENDING. */
function timerGateway() {
  let answered = 0;
  return {
    async getPaymentStatus(): Promise<GatewayPaymentStatus> {
      await delay(LATENCY_MS);
      answered += 1;
      return answered % 2
        ? { state: 'COMPLETED', transactionId: `T${answered}`, amount: 1000 }
        : { state: 'PENDING', amount: 1000 };
    },
  };
}

/** One sweep of the library over `repository`, timed, with the heap sampled while it runs. */
async function library(
  repository: OrderRepository,
  gateway: { getPaymentStatus(id: string, o?: { signal?: AbortSignal }): Promise<GatewayPaymentStatus> },
): Promise<Run> {
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
    workerId: 'bench',
  });
  const ms = performance.now() - start;
  clearInterval(sampler);
  global.gc?.();
  return { ms, summary, heapBefore, heapPeak, heapAfter: process.memoryUsage().heapUsed };
}

/** 10,000 pending orders in a fresh SQLite file, through the default schema (lease columns included). */
async function sqliteStore() {
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-'));
  const sqlite = new Database(join(dir, 'orders.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL'); // the usual WAL setting: no fsync per commit
  const db = new Kysely<Record<string, never>>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateOrderSyncSchema(db);
  const createdAt = new Date(Date.now() - 5 * 60_000).toISOString();
  for (let first = 1; first <= ORDERS; first += 500) {
    const ids = Array.from({ length: Math.min(500, ORDERS - first + 1) }, (_, i) => first + i);
    await sql`insert into orders (id, amount, created_at) values ${sql.join(
      ids.map((id) => sql`(${id}, 1000, ${createdAt})`),
    )}`.execute(db);
    await sql`insert into payments (order_id) values ${sql.join(ids.map((id) => sql`(${id})`))}`.execute(db);
  }
  return {
    repository: createKyselyOrderRepository(db),
    async close() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The simulator on a local port in its own thread (`simulator-thread.mjs`), every status answer 20 ms late,
 * half the orders COMPLETED; the PhonePe gateway pointed at it.
 */
async function servedSimulator() {
  const thread = new Worker(new URL('./simulator-thread.mjs', import.meta.url), {
    workerData: { orders: ORDERS, latencyMs: LATENCY_MS },
  });
  const [{ url }] = (await once(thread, 'message')) as [{ url: string }];
  const credentials = {
    clientId: 'id',
    clientSecret: 'secret',
    clientVersion: 1,
    environment: 'sandbox',
  } as const;
  return {
    url,
    gateway: createPhonePeGateway({ ...credentials, baseUrl: url, retry: false }),
    async close() {
      thread.postMessage('close');
      await once(thread, 'exit');
    },
  };
}

/** 64 workers of bare fetch calls (one token, no parsing beyond JSON) over the same 10,000 orders. */
async function bareFetch(url: string): Promise<number> {
  const form = 'grant_type=client_credentials&client_id=id&client_secret=secret&client_version=1';
  const tokenAnswer = await fetch(`${url}/apis/pg-sandbox/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  const { access_token: token } = (await tokenAnswer.json()) as { access_token: string };
  let next = 1;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next <= ORDERS) {
        const id = next++;
        const answer = await fetch(`${url}/apis/pg-sandbox/checkout/v2/order/${id}/status`, {
          headers: { authorization: `O-Bearer ${token}`, 'content-type': 'application/json' },
        });
        await answer.json();
      }
    }),
  );
  return performance.now() - start;
}

const line = (label: string, run: Run, ideal: number, extra = '') => {
  const ratio = run.ms / ideal;
  console.log(
    `${label}: ${Math.round(run.ms)} ms, ratio vs ideal ${ratio.toFixed(2)}x (target <= 1.25x: ${ratio <= 1.25 ? 'meets' : 'ABOVE'})${extra}; ` +
      `heap ${mb(run.heapBefore)} before, peak ${mb(run.heapPeak)} during, ${mb(run.heapAfter)} after; ` +
      `peak RSS so far ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
  console.log(`  summary: ${JSON.stringify(run.summary)}`);
};

export default async function reconcileBench(): Promise<void> {
  const ideal = (ORDERS * LATENCY_MS) / CONCURRENCY;
  const rssBefore = process.memoryUsage().rss;
  console.log(
    `orders ${ORDERS}, gateway latency ${LATENCY_MS} ms, concurrency ${CONCURRENCY}, ideal ${Math.round(ideal)} ms`,
  );
  await timerFloor(); // warm-up
  const floor = await timerFloor();
  const hand = await handWritten();
  console.log(
    `baselines: bare-timer floor ${Math.round(floor)} ms, hand-written sweep (memory) ${Math.round(hand)} ms`,
  );

  const memory = await library(seeded(), timerGateway());
  line(
    'memory repository (claims), in-process gateway',
    memory,
    ideal,
    `, vs bare-timer floor ${(memory.ms / floor).toFixed(2)}x, vs hand-written ${(memory.ms / hand).toFixed(2)}x`,
  );

  // The same store's floor: a hand-written claim-ask-write loop over a second, identical SQLite file.
  const handStore = await sqliteStore();
  let handOnSqlite: number;
  try {
    handOnSqlite = await handWritten(handStore.repository);
  } finally {
    await handStore.close();
  }
  const store = await sqliteStore();
  try {
    const onSqlite = await library(store.repository, timerGateway());
    line(
      'Kysely on SQLite (claims), in-process gateway',
      onSqlite,
      ideal,
      `, vs memory ${(onSqlite.ms / memory.ms).toFixed(2)}x, vs hand-written sweep on SQLite ${(onSqlite.ms / handOnSqlite).toFixed(2)}x (hand-written ${Math.round(handOnSqlite)} ms = ${(handOnSqlite / ideal).toFixed(2)}x ideal)`,
    );
  } finally {
    await store.close();
  }

  const simulator = await servedSimulator();
  try {
    const { gateway } = simulator;
    await gateway.getPaymentStatus('1'); // the OAuth token, fetched once
    const bare = await bareFetch(simulator.url);
    const overHttp = await library(seeded(), gateway);
    line(
      'memory repository, PhonePe gateway over HTTP to the simulator',
      overHttp,
      ideal,
      `, vs bare fetch to the same server ${(overHttp.ms / bare).toFixed(2)}x (bare fetch ${Math.round(bare)} ms = ${(bare / ideal).toFixed(2)}x ideal)`,
    );
  } finally {
    await simulator.close();
  }
  console.log(
    `RSS ${mb(rssBefore)} at start, ${mb(process.memoryUsage().rss)} now, peak ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
}
