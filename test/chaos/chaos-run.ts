// One chaos run: three "processes" (each its own DB pool and Kysely instance, its own PhonePe gateway
// and token, its own createPaymentSync and its own Express server on a real port) over one database,
// the real PhonePe gateway against the simulator on a real port with random faults, and bounded loops
// of reads, webhooks (genuine, duplicated, replayed, forged, malformed) and reconcile sweeps. Returns
// what happened, for the invariant checker. Every request goes to 127.0.0.1 and every loop stops at a
// deadline and a count.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import express from 'express';
import { Kysely, MysqlDialect, PostgresDialect, sql } from 'kysely';
import { createPool } from 'mysql2';
import pg from 'pg';
import { createOrderDetailsHandler, createPhonePeWebhookHandler } from '../../src/adapters/express/index';
import {
  createPaymentSync,
  type OrderPayment,
  type OrderRepository,
  type PaymentSync,
  type ReconcileSchedule,
  type ReconcileSummary,
} from '../../src/index';
import { createPhonePeGateway } from '../../src/phonepe/index';
import { createKyselyOrderRepository, migrateOrderSyncSchema } from '../../src/repositories/kysely/index';
import {
  buildOrderPayment,
  buildPhonePeWebhook,
  createPhonePeSimulator,
  type PhonePeWebhookRequest,
  phonePeWebhookAuthorization,
  type ServedPhonePeSimulator,
  servePhonePeSimulator,
} from '../../src/testing/index';
import { seedRows } from '../integration/kysely/support/seed-rows';
import { MARIADB, PG, type TestDatabase } from '../integration/kysely/support/test-databases';
import { createRecordingLogger } from '../support/recording-logger';
import { createFaultyPhonePe } from './faulty-phonepe';
import {
  type ChaosRecord,
  type FinalRow,
  type RecordedRead,
  type RecordedReconcileUpdate,
  type RecordedStatusChange,
  type RecordedWebhook,
  serializeForSearch,
  type Truth,
  type WebhookKind,
} from './invariants';

/** Knobs of one run (the test file sizes them from constants and env variables). */
export interface ChaosRunOptions {
  database: TestDatabase;
  /** Orders that go through the chaos (plus 4 PhonePe does not know and 4 settled from the start). */
  orders: number;
  /** How long the chaos lasts. */
  seconds: number;
  /** Processes: each its own pool, gateway, createPaymentSync, Express server and reconcile loop. */
  instances: number;
  seed: number;
  /** Probability that one token/status request to PhonePe gets a fault. */
  faultRate: number;
  /**
   * CONTROL RUN ONLY: each process's repository writes even when the payment is no longer PENDING
   * (the compare-and-set removed), to prove that the invariant checker catches it.
   */
  breakCompareAndSet?: boolean;
}

/** Besides the record: what was done, for the printed summary. */
export interface ChaosStats {
  chaosMs: number;
  settleMs: number;
  sweeps: number;
  finalSweeps: number;
  /** Reads of every order on every process once the run settled (counted in the reads). */
  postSettleReads: number;
  sweepTotals: Pick<ReconcileSummary, 'checked' | 'updated' | 'superseded' | 'errors' | 'skipped'>;
  phonePe: { status: number; token: number };
  faults: Record<string, number>;
  tokenRevocations: number;
  storms: number;
  sqlitePools: string | undefined;
  /** Event-loop delay during the chaos (ms): how starved the one thread everything runs on was. */
  loopDelay: { p50: number; p99: number; max: number };
  /** Gateway calls that ended in a timeout (from the log), however they were caused. */
  gatewayTimeouts: number;
}

// Timeouts leave room for a starved event loop (the simulator, three servers and the clients share one
// thread on a busy 2-core machine): below ~2 s, most failures seen were timeouts of healthy requests.
const GATEWAY_TIMEOUT_MS = 2_500;
const SYNC_TIMEOUT_MS = 3_000;
/** Generous: on a loaded 2-core machine a read waits for CPU, not for PhonePe (bounded by the timeouts above). */
const CLIENT_TIMEOUT_MS = 30_000;
const CIRCUIT = { failureThreshold: 6, cooldownMs: 300 };
const DECOYS = 4;
const SETTLED = 4;
/** Caps on each loop, on top of the deadline. */
const MAX_READS = 50_000;
const MAX_WEBHOOKS = 10_000;

type Plan = 'completes' | 'fails' | 'stays-pending' | 'early' | 'decoy' | 'settled';

/** A small seeded PRNG (mulberry32): a run's choices can be replayed with CHAOS_SEED (timing aside). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Checks due again 250 ms after the last one: many checks in a short run, each order at most once in flight per sweep. */
const eagerSchedule: ReconcileSchedule = (orderPayment, now) => {
  const last = Date.parse(String(orderPayment.payment.additionalInfo.last_checked ?? ''));
  const next = Number.isFinite(last) ? last + 250 : now.getTime();
  return { due: next <= now.getTime(), nextCheckAt: new Date(next) };
};

/**
 * CONTROL ONLY. The compare-and-set removed: before every write the stored payment is put back to
 * PENDING, so the real write's `WHERE payment_status = 'PENDING'` always matches, whatever was
 * committed meanwhile. A stale caller then overwrites a settled payment (a still-pending check moves it
 * back to PENDING; a terminal one announces the transition again).
 */
function withoutCompareAndSet(
  repository: OrderRepository,
  // biome-ignore lint/suspicious/noExplicitAny: raw SQL over an untyped Kysely
  db: Kysely<any>,
): OrderRepository {
  return {
    ...repository,
    async updatePendingPayment(orderId, change) {
      await sql`update payments set payment_status = 'PENDING' where order_id = ${Number(orderId)}`.execute(
        db,
      );
      return repository.updatePendingPayment(orderId, change);
    },
  };
}

/** One process's own pool (SQLite: the one shared connection, see the README). */
function ownPool(database: TestDatabase): TestDatabase['db'] {
  if (database.dialect === 'postgres') {
    return new Kysely({
      dialect: new PostgresDialect({ pool: new pg.Pool({ ...PG, database: database.name, max: 4 }) }),
    });
  }
  if (database.dialect === 'mysql') {
    return new Kysely({
      dialect: new MysqlDialect({
        pool: createPool({ ...MARIADB, database: database.name, connectionLimit: 4, timezone: 'Z' }),
      }),
    });
  }
  return database.db;
}

/** Runs the chaos once and returns the record (for `checkInvariants`) and stats (for the summary line). */
export async function runChaos(
  options: ChaosRunOptions,
): Promise<{ record: ChaosRecord; stats: ChaosStats }> {
  const { database, instances } = options;
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chaosMs = options.seconds * 1000;
  const logger = createRecordingLogger();

  // Secrets, distinctive so that a leak is found by substring.
  const clientSecret = `chaos-client-secret-${randomBytes(8).toString('hex')}`;
  const webhook = {
    username: 'chaos-merchant',
    password: `chaos-hook-pass-${randomBytes(8).toString('hex')}`,
  };
  const webhookHeader = phonePeWebhookAuthorization(webhook);

  // --- PhonePe: the simulator, the orders' futures, faults, served on a real port.
  const simulator = createPhonePeSimulator({
    clients: [{ clientId: 'chaos-client', clientSecret, clientVersion: 1 }],
  });
  const faulty = createFaultyPhonePe(simulator, {
    random,
    hangMs: () => GATEWAY_TIMEOUT_MS + 300 + Math.floor(random() * 1000),
  });
  const plans = new Map<string, Plan>();
  const amountOf = (id: number) => 1_000 + id * 10;
  const rows: OrderPayment[] = [];
  const seededInfo = new Map<string, Record<string, unknown>>();
  const untouchable = new Map<string, FinalRow>();
  const createdAt = new Date(Date.now() - 30_000);
  const total = options.orders + DECOYS + SETTLED;
  /** When (ms after the chaos starts) each order settles at PhonePe, and how. */
  const futures: Array<{ orderId: string; at: number; state: 'COMPLETED' | 'FAILED' }> = [];
  const atPhonePe: Array<() => void> = [];
  for (let id = 1; id <= total; id++) {
    const r = random();
    const plan: Plan =
      id > options.orders + DECOYS
        ? 'settled'
        : id > options.orders
          ? 'decoy'
          : r < 0.4
            ? 'completes'
            : r < 0.7
              ? 'fails'
              : r < 0.9
                ? 'stays-pending'
                : 'early';
    plans.set(String(id), plan);
    const info = {
      redirect_url: `https://shop.example/pay/${id}`,
      expire_at: '2030-01-01T00:00:00.000Z',
      callback_url: `https://shop.example/cb/${id}`,
      shop: { cart: id, tags: ['chaos', `o${id}`] },
    };
    seededInfo.set(String(id), info);
    const settledState = id % 2 ? 'COMPLETED' : 'FAILED';
    const row = buildOrderPayment({
      id,
      amount: amountOf(id),
      createdAt,
      additionalInfo: info,
      ...(plan === 'settled' ? { paymentStatus: settledState, transactionId: `T${id}` } : {}),
    });
    rows.push(row);
    if (plan === 'decoy' || plan === 'settled') {
      untouchable.set(String(id), {
        orderId: String(id),
        orderPaymentStatus: row.order.paymentStatus,
        orderStatus: row.order.orderStatus,
        paymentStatus: row.payment.paymentStatus,
        transactionId: row.payment.transactionId,
        additionalInfo: info,
      });
    }
    const at = Math.floor((0.05 + 0.65 * random()) * chaosMs);
    const amount = amountOf(id);
    const orderId = String(id);
    // Created at PhonePe when the chaos starts, so that `afterMs` counts from then.
    if (plan === 'completes' || plan === 'fails') {
      const state = plan === 'completes' ? 'COMPLETED' : 'FAILED';
      futures.push({ orderId, at, state });
      atPhonePe.push(() =>
        simulator.createOrder(orderId, {
          amount,
          transitions: [
            {
              afterMs: at,
              state,
              transactionId: `T${id}`,
              ...(plan === 'fails' ? { errorCode: 'INVALID_MPIN' } : {}),
            },
          ],
        }),
      );
    } else if (plan === 'stays-pending') atPhonePe.push(() => simulator.createOrder(orderId, { amount }));
    else if (plan === 'early') {
      const state = pick(['COMPLETED', 'FAILED'] as const);
      futures.push({ orderId, at: 0, state });
      atPhonePe.push(() => simulator.createOrder(orderId, { amount, state, transactionId: `T${id}` }));
    } else if (plan === 'settled')
      atPhonePe.push(() =>
        simulator.createOrder(orderId, { amount, state: settledState, transactionId: `T${id}` }),
      );
    // decoys: PhonePe has never heard of them.
  }
  const served: ServedPhonePeSimulator = await servePhonePeSimulator(faulty.simulator);

  // --- The database: schema and rows through the test's own connection.
  await migrateOrderSyncSchema(database.db);
  await seedRows(database.db, database.dialect, rows);

  // --- The processes.
  const statusChanges: RecordedStatusChange[] = [];
  const reconcileUpdates: RecordedReconcileUpdate[] = [];
  const reads: RecordedRead[] = [];
  const webhooks: RecordedWebhook[] = [];
  const servers: Server[] = [];
  const pools: Array<TestDatabase['db']> = [];
  const processes: Array<{ sync: PaymentSync; url: string }> = [];
  const stats: ChaosStats = {
    chaosMs,
    settleMs: 0,
    sweeps: 0,
    finalSweeps: 0,
    postSettleReads: 0,
    sweepTotals: { checked: 0, updated: 0, superseded: 0, errors: 0, skipped: 0 },
    phonePe: { status: 0, token: 0 },
    faults: faulty.injected as Record<string, number>,
    tokenRevocations: 0,
    storms: 0,
    loopDelay: { p50: 0, p99: 0, max: 0 },
    gatewayTimeouts: 0,
    sqlitePools:
      database.dialect === 'sqlite'
        ? 'one shared connection (better-sqlite3 is synchronous: a second connection waiting on the write lock would block the event loop the holder needs)'
        : undefined,
  };
  try {
    for (let i = 0; i < instances; i++) {
      const db = ownPool(database);
      if (db !== database.db) pools.push(db);
      const real = createKyselyOrderRepository(db);
      const repository = options.breakCompareAndSet ? withoutCompareAndSet(real, db) : real;
      const sync = createPaymentSync({
        repository,
        gateway: createPhonePeGateway({
          clientId: 'chaos-client',
          clientSecret,
          clientVersion: 1,
          environment: 'sandbox',
          baseUrl: served.url,
          authUrl: served.url,
          timeoutMs: GATEWAY_TIMEOUT_MS,
          retry: { limit: 2, baseDelayMs: 20, maxDelayMs: 120 },
        }),
        logger,
        timeoutMs: SYNC_TIMEOUT_MS,
        circuitBreaker: CIRCUIT,
      });
      sync.on('statusChange', (event) => {
        statusChanges.push({
          orderId: String(event.orderId),
          paymentStatus: event.paymentStatus,
          reportedState: event.reported.state,
          source: event.source,
          instance: i,
          at: performance.now(),
        });
      });
      const app = express();
      app.get(
        '/api/common/orders/:id/',
        createOrderDetailsHandler({ paymentSync: sync, authorize: () => true, logger }),
      );
      app.post(
        '/webhooks/phonepe',
        createPhonePeWebhookHandler({ paymentSync: sync, credentials: webhook, logger }),
      );
      const server = createServer(app);
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      processes.push({ sync, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    }

    // --- Requests, each recorded with its send time.
    const readOnce = async (orderId: string, instance: number) => {
      const sentAt = performance.now();
      const entry: RecordedRead = { orderId, instance, sentAt, doneAt: 0, status: 0, text: '' };
      try {
        const res = await fetch(`${processes[instance]!.url}/api/common/orders/${orderId}/`, {
          signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
        });
        entry.status = res.status;
        entry.text = await res.text();
        if (res.status === 200) entry.body = JSON.parse(entry.text) as RecordedRead['body'];
      } catch (error) {
        entry.text = String(error);
      }
      entry.doneAt = performance.now();
      reads.push(entry);
    };
    const postWebhook = async (
      kind: WebhookKind,
      request: { body: string; headers: Record<string, string> },
      about: { orderId: string | undefined; claimedState: string | undefined; expected: readonly number[] },
      instance = Math.floor(random() * instances),
    ) => {
      const sentAt = performance.now();
      const entry: RecordedWebhook = {
        kind,
        orderId: about.orderId,
        claimedState: about.claimedState,
        expectedStatuses: about.expected,
        instance,
        sentAt,
        status: 0,
        text: '',
        reason: undefined,
      };
      try {
        const res = await fetch(`${processes[instance]!.url}/webhooks/phonepe`, {
          method: 'POST',
          headers: request.headers,
          body: request.body,
          signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
        });
        entry.status = res.status;
        entry.text = await res.text();
        if (res.status === 200) entry.reason = (JSON.parse(entry.text) as { reason?: string }).reason;
      } catch (error) {
        entry.text = String(error);
      }
      webhooks.push(entry);
    };

    const chaosIds = Array.from({ length: options.orders }, (_, i) => String(i + 1));
    const allIds = [...plans.keys()];
    // Reads favour the orders that move; the others are read too (answers from the store).
    const sentGenuine: Array<{ orderId: string; hook: PhonePeWebhookRequest }> = [];
    const readTarget = () => (random() < 0.85 ? pick(chaosIds) : pick(allIds));
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    for (const create of atPhonePe) create();
    const phonePeStart = performance.now();
    const deadline = phonePeStart + chaosMs;
    const running = () => performance.now() < deadline;
    faulty.setFaultRate(options.faultRate);

    // PhonePe notifies as an order settles: the webhook, one to three copies at once to different
    // processes, while the customer's browser, back from the payment page, reads the order on each
    // process. Writers race for the same transition here.
    const notified = (async () => {
      const inFlight: Array<Promise<unknown>> = [];
      for (const future of [...futures].sort((a, b) => a.at - b.at)) {
        // Now and then the webhook is ahead of the status API (sent just before PhonePe reports the
        // state): confirmation must then answer `unconfirmed` and write nothing.
        const wait =
          phonePeStart + future.at + (random() < 0.2 ? -40 : 0) + random() * 30 - performance.now();
        if (wait > 0) await sleep(wait);
        if (!running()) break;
        const { orderId } = future;
        const hook =
          simulator.getOrder(orderId)?.state === future.state
            ? simulator.webhookFor(orderId, webhook)
            : buildPhonePeWebhook({
                credentials: webhook,
                merchantOrderId: orderId,
                state: future.state,
                amount: amountOf(Number(orderId)),
                transactionId: `T${orderId}`,
              });
        sentGenuine.push({ orderId, hook });
        const first = Math.floor(random() * instances);
        inFlight.push(
          ...Array.from({ length: 1 + Math.floor(random() * 3) }, (_, k) =>
            postWebhook(
              'genuine',
              hook,
              { orderId, claimedState: future.state, expected: [200, 503] },
              (first + k) % instances,
            ),
          ),
          ...processes.map((_p, instance) => readOnce(orderId, instance)),
        );
      }
      await Promise.all(inFlight);
    })();

    const readers = Array.from({ length: 4 }, async () => {
      while (running() && reads.length < MAX_READS) {
        if (random() < 0.15) {
          // A burst: concurrent reads of one order on every process (single-flight and its joiners).
          const orderId = readTarget();
          await Promise.all(
            Array.from({ length: 2 + Math.floor(random() * 5) }, (_, k) => readOnce(orderId, k % instances)),
          );
        } else await readOnce(readTarget(), Math.floor(random() * instances));
        await sleep(5 + random() * 20);
      }
    });

    // Later deliveries: replays of earlier ones, and webhooks for orders settled long ago.
    const genuine = (async () => {
      while (running() && webhooks.length < MAX_WEBHOOKS) {
        await sleep(20 + random() * 60);
        if (sentGenuine.length > 0 && random() < 0.3) {
          // A replay of an earlier delivery, possibly long after the order settled.
          const old = pick(sentGenuine);
          await postWebhook('genuine', old.hook, {
            orderId: old.orderId,
            claimedState: String(old.hook.json.payload.state),
            expected: [200, 503],
          });
          continue;
        }
        const orderId = pick(allIds);
        const state = simulator.getOrder(orderId)?.state;
        if (state !== 'COMPLETED' && state !== 'FAILED') continue; // PhonePe sends webhooks for terminal states
        const hook = simulator.webhookFor(orderId, webhook);
        sentGenuine.push({ orderId, hook });
        // Duplicates: the same delivery one to three times at once, to any process.
        await Promise.all(
          Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
            postWebhook('genuine', hook, { orderId, claimedState: state, expected: [200, 503] }),
          ),
        );
      }
    })();

    /** A terminal state PhonePe will never report for this order. */
    const lie = (orderId: string): 'COMPLETED' | 'FAILED' => {
      const plan = plans.get(orderId)!;
      if (plan === 'completes') return 'FAILED';
      if (plan === 'fails') return 'COMPLETED';
      const final = simulator.getOrder(orderId)?.state;
      if (final === 'COMPLETED') return 'FAILED';
      if (final === 'FAILED') return 'COMPLETED';
      return pick(['COMPLETED', 'FAILED']);
    };
    const forged = (async () => {
      for (let round = 0; running() && webhooks.length < MAX_WEBHOOKS; round++) {
        await sleep(30 + random() * 70);
        const orderId = pick(allIds);
        const claimed = lie(orderId);
        const body = buildPhonePeWebhook({
          credentials: webhook,
          merchantOrderId: orderId,
          state: claimed,
          amount: amountOf(Number(orderId)),
          transactionId: `FORGED-${orderId}`,
        });
        // In turn, so that even a slow run sends each kind.
        const kind = (['forged-auth', 'forged-claim', 'malformed'] as const)[round % 3];
        if (kind === 'forged-claim') {
          // Correctly signed (the header leaked): only a trigger, PhonePe's answer decides.
          await postWebhook('forged-claim', body, { orderId, claimedState: claimed, expected: [200, 503] });
        } else if (kind === 'forged-auth') {
          const wrongHex = webhookHeader.replace(/^./, (c) => (c === '0' ? '1' : '0'));
          const authorization = pick([
            phonePeWebhookAuthorization({ username: webhook.username, password: 'guessed' }),
            wrongHex,
            `Bearer ${webhookHeader}`,
            '',
            'SHA256',
            phonePeWebhookAuthorization({ username: webhook.password, password: webhook.username }),
          ]);
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (authorization) headers.authorization = authorization;
          await postWebhook(
            'forged-auth',
            { body: body.body, headers },
            {
              orderId,
              claimedState: claimed,
              expected: [401],
            },
          );
        } else {
          const variants: Array<[string, number]> = [
            ['not json', 400],
            ['', 400],
            [body.body.slice(0, Math.floor(body.body.length / 2)), 400],
            ['{"event":"checkout.order.completed"}', 400],
            ['{"event":"checkout.order.completed","payload":[]}', 400],
            [`{"event":"checkout.order.completed","payload":{"state":"${claimed}","amount":1}}`, 400],
            [`{"event":"checkout.order.completed","payload":{"merchantOrderId":"${orderId}"}}`, 400],
            [
              buildPhonePeWebhook({
                credentials: webhook,
                merchantOrderId: orderId,
                state: claimed,
                extraPayload: { padding: 'x'.repeat(70 * 1024) },
              }).body,
              413,
            ],
          ];
          const [malformed, status] = pick(variants);
          await postWebhook(
            'malformed',
            {
              body: malformed,
              headers: { authorization: webhookHeader, 'content-type': 'application/json' },
            },
            { orderId, claimedState: claimed, expected: [status] },
          );
        }
      }
    })();

    const sweep = async (instance: number) => {
      const summary = await processes[instance]!.sync.reconcile({
        workerId: `worker-${instance}`,
        concurrency: 3,
        pageSize: 10,
        rateLimit: Number.POSITIVE_INFINITY,
        leaseMs: 6_000,
        errorBackoffMs: 150,
        schedule: eagerSchedule,
        onProgress: (progress) => {
          if (progress.outcome === 'updated')
            reconcileUpdates.push({ orderId: String(progress.orderId), instance });
        },
      });
      for (const key of Object.keys(stats.sweepTotals) as Array<keyof ChaosStats['sweepTotals']>)
        stats.sweepTotals[key] += summary[key];
      return summary;
    };
    const reconcilers = processes.map(async (_process, instance) => {
      while (running()) {
        await sweep(instance);
        stats.sweeps += 1;
        await sleep(50 + random() * 150);
      }
    });

    // PhonePe-side events: token revocation, and now and then a storm of 503s that trips the circuits.
    const events = (async () => {
      while (running()) {
        await sleep(600 + random() * 800);
        if (!running()) break;
        simulator.expireTokens();
        stats.tokenRevocations += 1;
        if (random() < 0.35) {
          simulator.inject({ type: 'http-error', status: 503 }, { endpoint: 'status', times: 10 });
          stats.storms += 1;
        }
      }
    })();

    await Promise.all([...readers, notified, genuine, forged, ...reconcilers, events]);

    loop.disable();
    stats.loopDelay = {
      p50: Math.round(loop.percentile(50) / 1e6),
      p99: Math.round(loop.percentile(99) / 1e6),
      max: Math.round(loop.max / 1e6),
    };

    // --- The chaos is over: no more faults, then reconcile until every order is at PhonePe's state.
    const settleStart = performance.now();
    faulty.setFaultRate(0);
    simulator.clearFaults();
    await sleep(CIRCUIT.cooldownMs + 100);
    const truthOf = (orderId: string): Truth => {
      const order = simulator.getOrder(orderId) as
        | { state: Truth['state']; paymentDetails: Array<{ transactionId?: string }> }
        | undefined;
      if (!order) return { state: 'PENDING', transactionId: null };
      return { state: order.state, transactionId: order.paymentDetails[0]?.transactionId ?? null };
    };
    // Bounded: 40 rounds (each at least 300 ms apart); a starved machine can still time a few calls out.
    for (let round = 0; round < 40; round++) {
      await sweep(0);
      stats.finalSweeps += 1;
      const { rows: pending } = await sql<{ id: unknown }>`select order_id as id from payments
        where payment_status = 'PENDING'`.execute(database.db);
      if (pending.every((row) => truthOf(String(row.id)).state === 'PENDING')) break;
      await sleep(300);
    }
    // Every order read once more on every process: reads sent after every commit, so each settled
    // order is checked for an older answer at least once, however few reads the chaos managed.
    const afterwards = allIds.flatMap((orderId) => processes.map((_p, instance) => ({ orderId, instance })));
    stats.postSettleReads = afterwards.length;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let next = afterwards.shift(); next; next = afterwards.shift())
          await readOnce(next.orderId, next.instance);
      }),
    );
    stats.settleMs = performance.now() - settleStart;
    stats.phonePe = { status: simulator.counts.status, token: simulator.counts.token };

    // --- What is stored, what is true.
    const { rows: stored } = await sql<{
      id: unknown;
      order_payment_status: string;
      order_status: string;
      payment_status: string;
      transaction_id: string | null;
      additional_info: unknown;
    }>`select o.id, o.payment_status as order_payment_status, o.order_status, p.payment_status,
         p.transaction_id, p.additional_info
       from orders o join payments p on p.order_id = o.id order by o.id`.execute(database.db);
    const finalRows: FinalRow[] = stored.map((row) => ({
      orderId: String(row.id),
      orderPaymentStatus: row.order_payment_status,
      orderStatus: row.order_status,
      paymentStatus: row.payment_status,
      transactionId: row.transaction_id,
      additionalInfo: (typeof row.additional_info === 'string'
        ? JSON.parse(row.additional_info)
        : row.additional_info) as Record<string, unknown>,
    }));
    const { rows: everyOrder } = await sql`select * from orders`.execute(database.db);
    const { rows: everyPayment } = await sql`select * from payments`.execute(database.db);

    const truth = new Map(allIds.map((id) => [id, truthOf(id)]));
    const secrets = [
      clientSecret,
      webhook.password,
      webhookHeader,
      webhookHeader.toUpperCase(),
      ...faulty.tokens,
    ];
    stats.gatewayTimeouts = logger.records.filter(
      (line) => (line.obj.err as { code?: unknown } | undefined)?.code === 'GATEWAY_TIMEOUT',
    ).length;
    if (process.env.CHAOS_DEBUG) {
      const byMessage: Record<string, number> = {};
      for (const line of logger.records) {
        const key = `${line.level} ${line.msg} ${JSON.stringify({ outcome: line.obj.outcome, code: line.obj.code, err: (line.obj.err as { code?: unknown } | undefined)?.code })}`;
        byMessage[key] = (byMessage[key] ?? 0) + 1;
      }
      console.log(byMessage);
    }
    const record: ChaosRecord = {
      truth,
      settledAtStart: new Set(allIds.filter((id) => plans.get(id) === 'settled')),
      seededInfo,
      untouchable,
      orderStatusFor: { COMPLETED: 'CONFIRMED', FAILED: 'CANCELLED', PENDING: 'PLACED' },
      statusChanges,
      reads,
      webhooks,
      reconcileUpdates,
      finalRows,
      secrets,
      logText: logger.records.map((line) => serializeForSearch(line)).join('\n'),
      rowsText: serializeForSearch({ everyOrder, everyPayment }),
    };
    return { record, stats };
  } finally {
    faulty.setFaultRate(0);
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await served.close();
    await Promise.all(pools.map((db) => db.destroy()));
  }
}
