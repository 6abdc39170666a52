// Three reconciler "processes" (three createPaymentSync instances, distinct workerIds, each with its own
// Kysely pool) sweeping one real database of 2,000 pending orders, on PostgreSQL and on MariaDB. The only
// thing they share is the database: the claims (FOR UPDATE SKIP LOCKED leases) must keep them apart.
//
// The gateway is scripted in-process (see plannedGateway): the subject here is the lease in the database,
// and a scripted gateway lets the shared manual clock step through PhonePe's cadence (minutes of order
// age) without waiting for it, records every call against that clock, and catches two concurrent checks
// of one order the moment they overlap. The HTTP path to the simulator is covered by reconcile-over-http.
import { Kysely, MysqlDialect, PostgresDialect, sql } from 'kysely';
import { createPool } from 'mysql2';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPaymentSync,
  type GatewayPaymentStatus,
  type PaymentGateway,
  type ReconcileSummary,
  type StatusChangeEvent,
} from '../../../src/index';
import { createPhonePeSchedule } from '../../../src/phonepe/index';
import {
  createKyselyOrderRepository,
  type KyselyOrderRepositoryOptions,
  migrateOrderSyncSchema,
} from '../../../src/repositories/kysely/index';
import { buildOrderPayment } from '../../../src/testing/index';
import { createManualClock } from '../../support/manual-clock';
import {
  createMariaDatabase,
  createPostgresDatabase,
  MARIADB,
  PG,
  type TestDatabase,
} from '../kysely/support/test-databases';

const ORDERS = 2_000;
const START = Date.parse('2024-01-01T10:00:00.000Z');
const WORKERS = ['worker-a', 'worker-b', 'worker-c'];
const FULL_ROUNDS = 120;

/** Order i settles on its (i % 7 + 1)-th check, COMPLETED or FAILED by parity. Calls yield to real I/O. */
function plannedGateway(clock: { now(): Date }) {
  const checks = new Map<string, Array<{ at: number; worker: string }>>();
  const inFlight = new Set<string>();
  const overlaps: string[] = [];
  const gatewayFor = (worker: string): PaymentGateway => ({
    async getPaymentStatus(merchantOrderId): Promise<GatewayPaymentStatus> {
      if (inFlight.has(merchantOrderId)) overlaps.push(merchantOrderId);
      inFlight.add(merchantOrderId);
      const times = checks.get(merchantOrderId) ?? [];
      times.push({ at: clock.now().getTime(), worker });
      checks.set(merchantOrderId, times);
      try {
        await new Promise((resolve) => setImmediate(resolve));
        const id = Number(merchantOrderId);
        if (times.length < (id % 7) + 1) return { state: 'PENDING', amount: 1000 };
        return { state: id % 2 ? 'COMPLETED' : 'FAILED', transactionId: `T${id}`, amount: 1000 };
      } finally {
        inFlight.delete(merchantOrderId);
      }
    },
  });
  return { gatewayFor, checks, overlaps };
}

// biome-ignore lint/suspicious/noExplicitAny: raw SQL over an untyped Kysely
async function seed(db: Kysely<any>, dialect: 'postgres' | 'mysql') {
  const rows = Array.from({ length: ORDERS }, (_, i) => i + 1);
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const createdAt = (id: number) => new Date(START + (id % 60) * 1000);
    await sql`insert into orders (id, payment_status, order_status, amount, created_at) values ${sql.join(
      chunk.map((id) => sql`(${id}, 'PENDING', 'PLACED', 1000, ${createdAt(id)})`),
    )}`.execute(db);
    const empty = dialect === 'postgres' ? sql`'{}'::jsonb` : sql`json_object()`;
    await sql`insert into payments (order_id, payment_status, additional_info) values ${sql.join(
      chunk.map((id) => sql`(${id}, 'PENDING', ${empty})`),
    )}`.execute(db);
  }
}

/** One process's own connection pool on the test database. */
function ownPool(database: TestDatabase): TestDatabase['db'] {
  return database.dialect === 'postgres'
    ? new Kysely({
        dialect: new PostgresDialect({ pool: new pg.Pool({ ...PG, database: database.name, max: 4 }) }),
      })
    : new Kysely({
        dialect: new MysqlDialect({
          pool: createPool({ ...MARIADB, database: database.name, connectionLimit: 4, timezone: 'Z' }),
        }),
      });
}

describe.each([
  ['PostgreSQL', createPostgresDatabase],
  ['MariaDB', createMariaDatabase],
] as const)('three reconcilers over %s, 2,000 pending orders', (_label, create) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await create();
    await migrateOrderSyncSchema(database.db);
    await seed(database.db, database.dialect as 'postgres' | 'mysql');
  }, 60_000);
  afterAll(() => database?.drop());

  it('never checks an order twice within its schedule step; each settles once, announced once', async () => {
    const { overlaps, tooEarly } = await runThreeWorkers(database, {});
    expect(overlaps).toEqual([]);
    expect(tooEarly).toEqual([]);
  }, 240_000);

  // Control, proving the checks above can fail: the same three processes without the lease columns
  // (the listing fallback) do ask about one order at the same moment. On PostgreSQL only (the claims are
  // what differs, not the database), over the first 300 orders (listing re-reads every pending order each
  // sweep), for half a minute (the first orders fall due at 20 s).
  if (_label === 'PostgreSQL') {
    it('control: without claims, checks of one order overlap', async () => {
      const { db } = database;
      await sql`delete from payments where order_id > 300`.execute(db);
      await sql`delete from orders where id > 300`.execute(db);
      await sql`update payments set payment_status = 'PENDING', additional_info = '{}'::jsonb,
        reconcile_lease_owner = null, reconcile_lease_until = null`.execute(db);
      await sql`update orders set payment_status = 'PENDING', order_status = 'PLACED'`.execute(db);
      const noClaims = { payments: { leaseOwner: null, leaseUntil: null } };
      const { overlaps } = await runThreeWorkers(database, noClaims, 30);
      expect(overlaps.length).toBeGreaterThan(0);
    }, 240_000);
  }
});

/**
 * Runs `rounds` one-second rounds of three concurrent sweeps. With the full two minutes, asserts that
 * every order settled once, on the planned check, announced once, and that the work was shared.
 */
async function runThreeWorkers(
  database: TestDatabase,
  options: KyselyOrderRepositoryOptions,
  rounds = FULL_ROUNDS,
) {
  const clock = createManualClock(new Date(START).toISOString());
  const { gatewayFor, checks, overlaps } = plannedGateway(clock);
  const events: StatusChangeEvent[] = [];
  const pools = WORKERS.map(() => ownPool(database));
  try {
    const workers = WORKERS.map((workerId, i) => ({
      workerId,
      sync: createPaymentSync({
        repository: createKyselyOrderRepository(pools[i]!, options),
        gateway: gatewayFor(workerId),
        clock,
        circuitBreaker: false,
        onStatusChange: (event) => void events.push(event),
      }),
    }));
    const summaries: ReconcileSummary[] = [];
    // Orders are created over a minute and take up to 7 checks on PhonePe's cadence (3 s steps at first):
    // two minutes of one-second rounds settle every one. All three sweep at once, every round.
    for (let round = 0; round < 120 && events.length < ORDERS; round++) {
      const results = await Promise.all(
        workers.map((w) =>
          w.sync.reconcile({
            workerId: w.workerId,
            concurrency: 8,
            pageSize: 50,
            rateLimit: Number.POSITIVE_INFINITY,
            // The scripted gateway recommends no schedule: ask for PhonePe's cadence, as the test steps through it.
            schedule: createPhonePeSchedule(),
          }),
        ),
      );
      summaries.push(...results);
      clock.advance(1000);
    }

    const tooEarly: string[] = [];
    if (rounds === FULL_ROUNDS) {
      const { rows } = await sql<{ id: unknown; status: string; order_status: string }>`select o.id,
        p.payment_status as status, o.payment_status as order_status from orders o join payments p on p.order_id = o.id`.execute(
        database.db,
      );
      expect(rows).toHaveLength(ORDERS);
      expect(rows.filter((r) => r.status === 'PENDING')).toEqual([]);
      expect(rows.every((r) => r.status === r.order_status)).toBe(true);

      // Consecutive checks must respect the schedule's step (asserted by the caller, with the overlaps).
      const schedule = createPhonePeSchedule();
      for (let id = 1; id <= ORDERS; id++) {
        const times = checks.get(String(id)) ?? [];
        expect([id, times.length]).toEqual([id, (id % 7) + 1]);
        const createdAt = new Date(START + (id % 60) * 1000);
        if (times[0]!.at < createdAt.getTime() + 20_000)
          tooEarly.push(`${id}: first check at ${times[0]!.at}`);
        for (let i = 1; i < times.length; i++) {
          const before = buildOrderPayment({
            id,
            createdAt,
            additionalInfo: { last_checked: new Date(times[i - 1]!.at).toISOString() },
          });
          if (!schedule(before, new Date(times[i]!.at)).due) tooEarly.push(`${id}: check ${i + 1}`);
        }
      }
      // Exactly one onStatusChange per order across the three, matching what was stored.
      expect(events).toHaveLength(ORDERS);
      expect(new Set(events.map((e) => String(e.orderId))).size).toBe(ORDERS);
      const stored = new Map(rows.map((r) => [String(r.id), r.status]));
      expect(events.filter((e) => stored.get(String(e.orderId)) !== e.paymentStatus)).toEqual([]);
      expect(summaries.reduce((n, s) => n + s.updated, 0)).toBe(ORDERS);
    }
    // The work was really shared: each worker made a good part of the calls.
    const perWorker = new Map(WORKERS.map((w) => [w, 0]));
    for (const times of checks.values())
      for (const t of times) perWorker.set(t.worker, perWorker.get(t.worker)! + 1);
    const total = [...perWorker.values()].reduce((a, b) => a + b, 0);
    for (const [, n] of perWorker) expect(n).toBeGreaterThan(total / 10);
    console.log(
      `${database.dialect}${options.payments ? ' (no claims)' : ''}: ${total} checks, per worker ${JSON.stringify(Object.fromEntries(perWorker))}, overlapping checks ${overlaps.length}`,
    );
    return { overlaps, tooEarly };
  } finally {
    await Promise.all(pools.map((db) => db.destroy()));
  }
}
