// Runs phonepe-order-sync on the plain-pg repository: applies schema.sql, then one read-path sync and
// one reconcile sweep (which leases orders through claimPendingOrders / releaseOrderClaim).
//   npm run build
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/shop npx tsx examples/custom-repository/main.ts
// Without PHONEPE_CLIENT_ID, the PhonePe simulator stands in and three demo orders are inserted.
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { createPaymentSync } from 'phonepe-order-sync';
import { createLogger } from '../shared/logger';
import { connectPhonePe } from '../shared/phonepe';
import { createPgOrderRepository } from './pg-order-repository';

const DEMO_AMOUNT = 49_900;

const logger = createLogger();
if (!process.env.DATABASE_URL?.startsWith('postgres')) {
  logger.error({ event: 'config' }, 'set DATABASE_URL=postgres://user@host:5432/database');
  process.exit(1);
}
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 5 });
const phonepe = await connectPhonePe(process.env, logger);
try {
  await pool.query(await readFile(new URL('./schema.sql', import.meta.url), 'utf8'));
  const paymentSync = createPaymentSync({
    repository: createPgOrderRepository(pool),
    gateway: phonepe.gateway,
    logger,
    onStatusChange: (e) =>
      logger.info({
        event: 'status-change',
        orderId: e.orderId,
        orderStatus: e.orderStatus,
        source: e.source,
      }),
  });

  if (phonepe.simulator) {
    // Placed 5 minutes ago, so the reconciler's PhonePe schedule finds them due.
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { rows } = await pool.query<{ id: string }>(
        `WITH o AS (INSERT INTO orders (amount, created_at) VALUES ($1, now() - interval '5 minutes') RETURNING id)
         INSERT INTO payments (order_id) SELECT id FROM o RETURNING order_id AS id`,
        [DEMO_AMOUNT],
      );
      ids.push(Number(rows[0]!.id));
    }
    const [paid, failed, pending] = ids as [number, number, number];
    phonepe.simulator
      .createOrder(String(paid), { amount: DEMO_AMOUNT, state: 'COMPLETED', transactionId: `TXN${paid}` })
      .createOrder(String(failed), { amount: DEMO_AMOUNT, state: 'FAILED' })
      .createOrder(String(pending), { amount: DEMO_AMOUNT });
    logger.info({ event: 'demo-orders', paid, failed, pending });

    // The read path: what an order-details route does.
    const result = await paymentSync.sync(String(paid));
    logger.info({
      event: 'sync',
      orderId: result.order.id,
      outcome: result.outcome,
      orderStatus: result.order.orderStatus,
      statusUpdated: result.statusUpdated,
    });
  }

  // The reconciler path: every pending order, each leased to this worker while it is checked.
  const summary = await paymentSync.reconcile({ concurrency: 4, workerId: `main-${process.pid}` });
  logger.info({ event: 'sweep', ...summary });
} finally {
  await phonepe.close();
  await pool.end();
}
