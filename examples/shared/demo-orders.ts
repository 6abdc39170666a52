// Demo data for simulator runs: two pending orders in your database, and what the simulated PhonePe
// knows about them. Never runs against real PhonePe.
import type { Kysely } from 'kysely';
import type { Logger } from 'phonepe-order-sync';
import type { PhonePeSimulator } from 'phonepe-order-sync/testing';

export const DEMO_AMOUNT = 49_900;

async function insertPendingOrder(
  // biome-ignore lint/suspicious/noExplicitAny: the default tables, untyped
  db: Kysely<any>,
): Promise<number> {
  const { id } = await db
    .insertInto('orders')
    .values({ payment_status: 'PENDING', order_status: 'PLACED', amount: DEMO_AMOUNT })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('payments').values({ order_id: id, payment_status: 'PENDING' }).execute();
  return Number(id);
}

/**
 * `paid`: PhonePe already says COMPLETED (a lost webhook); reading the order confirms it.
 * `awaitingWebhook`: PENDING at PhonePe for its first two status checks, COMPLETED from the third on
 * (the customer pays meanwhile). The webhook handler confirms a webhook with the status API before it
 * writes, so a webhook sent after two reads settles it, and one sent earlier answers `unconfirmed`.
 */
export async function seedDemoOrders(
  // biome-ignore lint/suspicious/noExplicitAny: the default tables, untyped
  db: Kysely<any>,
  simulator: PhonePeSimulator,
  logger: Logger,
): Promise<{ paid: number; awaitingWebhook: number }> {
  const paid = await insertPendingOrder(db);
  const awaitingWebhook = await insertPendingOrder(db);
  simulator.createOrder(String(paid), {
    amount: DEMO_AMOUNT,
    state: 'COMPLETED',
    transactionId: `TXN${paid}`,
  });
  simulator.createOrder(String(awaitingWebhook), {
    amount: DEMO_AMOUNT,
    transitions: [{ afterChecks: 3, state: 'COMPLETED', transactionId: 'TXN-FROM-WEBHOOK' }],
  });
  logger.info(
    { event: 'demo-orders', paid, awaitingWebhook, amount: DEMO_AMOUNT },
    `demo orders: ${paid} (paid at PhonePe, PENDING here) and ${awaitingWebhook} (pending at PhonePe for two checks, then paid; send a webhook)`,
  );
  return { paid, awaitingWebhook };
}
