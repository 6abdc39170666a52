// Kysely repository on PostgreSQL (the built package, what users run; `npm run bench -- kysely` builds first):
// 1. Transitions per second with 32 concurrent workers: updatePendingPayment vs a hand-written transaction
//    doing the same two UPDATEs over the same Kysely pool (target >= 0.9x), plus raw `pg` for reference.
// 2. listPendingOrders on 1,000,000 orders of which 1% are pending: the EXPLAIN plan (an index scan on the
//    migration's partial expression index, no sort) and its speed against the same query with index
//    scans disabled. Creates and drops its own database.
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { PaymentChange } from '../../dist/index.js';
import { createKyselyOrderRepository, migrateOrderSyncSchema } from '../../dist/kysely.js';
import { opsPerSecond, printRatio } from './measure';

const SERVER = { host: '127.0.0.1', port: 5432, user: 'postgres' } as const;
const WORKERS = 32;

export default async function kyselyRepository(): Promise<void> {
  const name = `pos_kysely_bench_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const pool = new pg.Pool({ ...SERVER, database: name, max: WORKERS });
  const queries: { sql: string; parameters: readonly unknown[] }[] = [];
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') queries.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  try {
    await migrateOrderSyncSchema(db);
    // BENCH_ONLY=transitions|pending runs one half (the 1,000,000-row load takes a while).
    const only = process.env.BENCH_ONLY;
    if (!only || only === 'transitions') await transitions(db, pool, queries);
    if (!only || only === 'pending') await pendingList(db, pool, queries);
  } finally {
    await db.destroy();
    await admin(`drop database if exists ${name} with (force)`);
  }
}

async function transitions(db: Kysely<unknown>, pool: pg.Pool, queries: unknown[]): Promise<void> {
  const ops = 2_000;
  const rounds = 5;
  const perContender = Math.ceil(ops / 4) + ops * rounds;
  const total = perContender * 3;
  await sql`insert into orders (id, payment_status, order_status, amount)
    select g, 'PENDING', 'PLACED', 49900 from generate_series(1, ${total}::int) g`.execute(db);
  await sql`insert into payments (order_id, payment_status, additional_info)
    select g, 'PENDING', jsonb_build_object('redirect_url', 'https://shop.example/pay/' || g, 'expire_at', 'e')
    from generate_series(1, ${total}::int) g`.execute(db);
  await sql`analyze`.execute(db);

  const repository = createKyselyOrderRepository(db);
  const change = (id: number): PaymentChange => ({
    paymentStatus: 'COMPLETED',
    orderStatus: 'CONFIRMED',
    transactionId: `TXN-${id}`,
    additionalInfo: { last_checked: new Date().toISOString(), gateway_response: { state: 'COMPLETED' } },
  });
  // The same two statements, written by hand in one transaction, over the same pool.
  const handWritten = (id: number) => {
    const c = change(id);
    return db.transaction().execute(async (trx) => {
      const paid = await sql`update payments set payment_status = ${c.paymentStatus},
        transaction_id = ${c.transactionId}, additional_info = additional_info || ${JSON.stringify(c.additionalInfo)}::jsonb
        where order_id = ${id} and payment_status = 'PENDING'`.execute(trx);
      if (!paid.numAffectedRows) return;
      await sql`update orders set payment_status = ${c.paymentStatus}, order_status = ${c.orderStatus}
        where id = ${id}`.execute(trx);
    });
  };
  const rawPg = async (id: number) => {
    const c = change(id);
    const client = await pool.connect();
    try {
      await client.query('begin');
      const paid = await client.query(
        `update payments set payment_status = $1, transaction_id = $2, additional_info = additional_info || $3::jsonb
         where order_id = $4 and payment_status = 'PENDING'`,
        [c.paymentStatus, c.transactionId, JSON.stringify(c.additionalInfo), id],
      );
      if (paid.rowCount) {
        await client.query('update orders set payment_status = $1, order_status = $2 where id = $3', [
          c.paymentStatus,
          c.orderStatus,
          id,
        ]);
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  };

  // Each contender settles its own range of pending orders, WORKERS transitions in flight at a time.
  const contender = (label: string, first: number, transition: (id: number) => Promise<unknown>) => {
    let next = first;
    return {
      name: label,
      async run(n: number) {
        let left = n;
        await Promise.all(
          Array.from({ length: WORKERS }, async () => {
            while (left > 0) {
              left -= 1;
              await transition(next++);
            }
          }),
        );
      },
    };
  };
  const logged = queries.length;
  const results = await opsPerSecond(
    [
      contender('library', 1, async (id) => {
        if (!(await repository.updatePendingPayment(String(id), change(id)))) throw new Error(`lost ${id}`);
      }),
      contender('hand-written', perContender + 1, handWritten),
      contender('raw pg', 2 * perContender + 1, rawPg),
    ],
    { ops, rounds },
  );
  queries.length = logged;
  printRatio(
    `updatePendingPayment, ${WORKERS} workers, vs hand-written Kysely transaction`,
    results.get('library')!,
    results.get('hand-written')!,
    0.9,
  );
  printRatio(
    `updatePendingPayment, ${WORKERS} workers, vs hand-written raw pg transaction (reference)`,
    results.get('library')!,
    results.get('raw pg')!,
    0.9,
  );
  const { rows } = await sql<{
    n: string;
  }>`select count(*) as n from payments p join orders o on o.id = p.order_id
    where p.payment_status <> o.payment_status`.execute(db);
  console.log(`tables disagreeing after the run: ${rows[0]!.n} (expected 0)`);
}

async function pendingList(
  db: Kysely<unknown>,
  pool: pg.Pool,
  queries: { sql: string; parameters: readonly unknown[] }[],
): Promise<void> {
  await sql`truncate payments, orders`.execute(db);
  // 1,000,000 orders; every 100th is pending. Settled ones were checked; a tenth of pending ones never were.
  await sql`insert into orders (id, payment_status, order_status, amount)
    select g, case when g % 100 = 0 then 'PENDING' when g % 3 = 0 then 'FAILED' else 'COMPLETED' end,
      'PLACED', 49900 from generate_series(1, 1000000) g`.execute(db);
  await sql`insert into payments (order_id, payment_status, additional_info)
    select g, case when g % 100 = 0 then 'PENDING' when g % 3 = 0 then 'FAILED' else 'COMPLETED' end,
      case when g % 1000 = 0 then jsonb_build_object('redirect_url', 'r')
        else jsonb_build_object('redirect_url', 'r', 'last_checked',
          to_char((timestamptz '2024-01-01Z' + abs(hashint4(g) % 100000) * interval '1 second') at time zone 'UTC',
            'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      end
    from generate_series(1, 1000000) g`.execute(db);
  await sql`analyze`.execute(db);

  const repository = createKyselyOrderRepository(db);
  for (const query of [{ limit: 100 }, { limit: 100, checkedBefore: new Date('2024-01-01T12:00:00Z') }]) {
    queries.length = 0;
    const listed = await repository.listPendingOrders(query);
    const sent = queries.at(-1)!;
    const plan = await pool.query(`explain (analyze, buffers, costs off) ${sent.sql}`, [...sent.parameters]);
    const lines: string[] = plan.rows.map((r: Record<string, string>) => String(r['QUERY PLAN']));
    console.log(
      `\nlistPendingOrders(${JSON.stringify(query)}) on 1,000,000 orders (10,000 pending): ${listed.length} rows\n` +
        `SQL: ${sent.sql.replace(/\s+/g, ' ')}\n${lines.join('\n')}`,
    );
    const indexed = lines.some((l) => l.includes('Index Scan using payments_pending_check_order_idx'));
    const sorted = lines.some((l) => /^\s*(->\s*)?(Sort|Incremental Sort)\b/.test(l));
    console.log(
      `plan: ${indexed ? 'index scan' : 'NO INDEX SCAN'} on the pending index, ${sorted ? 'SORTED' : 'no sort'}`,
    );
  }

  // The same query with index scans disabled, on one dedicated connection, for the ratio.
  queries.length = 0;
  await repository.listPendingOrders({ limit: 100 });
  const sent = queries.at(-1)!;
  const noIndex = await pool.connect();
  await noIndex.query('set enable_indexscan = off; set enable_bitmapscan = off');
  try {
    const results = await opsPerSecond(
      [
        {
          name: 'library',
          run: async (n) => {
            for (let i = 0; i < n; i++) await repository.listPendingOrders({ limit: 100 });
          },
        },
        {
          name: 'no index',
          run: async (n) => {
            for (let i = 0; i < n; i++) await noIndex.query(sent.sql, [...sent.parameters]);
          },
        },
      ],
      { ops: 8, rounds: 3 },
    );
    printRatio(
      'listPendingOrders({ limit: 100 }) on 1,000,000 orders, vs the same query without index scans',
      results.get('library')!,
      results.get('no index')!,
      1,
    );
  } finally {
    noIndex.release(true);
  }
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ ...SERVER, database: 'postgres' });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
