import { type Kysely, sql } from 'kysely';
import type { OrderPayment } from '../../../../src/index';
import {
  DEFAULT_ORDER_SYNC_SCHEMA,
  type OrderSyncSchemaMapping,
  type OrdersTableMapping,
  type PaymentsTableMapping,
} from '../../../../src/repositories/kysely/index';
import type { Dialect } from './test-databases';

export interface PartialMapping {
  orders?: Partial<OrdersTableMapping>;
  payments?: Partial<PaymentsTableMapping>;
}

export const fullMapping = (mapping: PartialMapping = {}): OrderSyncSchemaMapping => ({
  orders: { ...DEFAULT_ORDER_SYNC_SCHEMA.orders, ...mapping.orders },
  payments: { ...DEFAULT_ORDER_SYNC_SCHEMA.payments, ...mapping.payments },
});

/** Writes rows as they are (any status), bypassing the repository: the contract's `insert`. */
export async function seedRows(
  // biome-ignore lint/suspicious/noExplicitAny: raw SQL over an untyped Kysely
  db: Kysely<any>,
  dialect: Dialect,
  rows: OrderPayment[],
  mapping: PartialMapping = {},
): Promise<void> {
  const { orders, payments } = fullMapping(mapping);
  for (const { order, payment } of rows) {
    const columns = [orders.id, orders.paymentStatus, orders.orderStatus, orders.amount];
    const values: unknown[] = [order.id, order.paymentStatus, order.orderStatus, order.amount];
    if (orders.merchantOrderId) {
      columns.push(orders.merchantOrderId);
      values.push(order.merchantOrderId ?? null);
    }
    if (orders.createdAt && order.createdAt) {
      columns.push(orders.createdAt);
      values.push(dialect === 'sqlite' ? order.createdAt.toISOString() : order.createdAt);
    }
    await sql`insert into ${sql.table(orders.table)} (${sql.join(columns.map((c) => sql.id(c)))})
      values (${sql.join(values)})`.execute(db);
    await sql`insert into ${sql.table(payments.table)} (${sql.join(
      [payments.orderId, payments.paymentStatus, payments.transactionId, payments.additionalInfo].map((c) =>
        sql.id(c),
      ),
    )}) values (${order.id}, ${payment.paymentStatus}, ${payment.transactionId}, ${JSON.stringify(
      payment.additionalInfo,
    )})`.execute(db);
  }
}

/** Empties both tables between tests. */
// biome-ignore lint/suspicious/noExplicitAny: raw SQL over an untyped Kysely
export async function emptyTables(db: Kysely<any>, mapping: PartialMapping = {}): Promise<void> {
  const { orders, payments } = fullMapping(mapping);
  await sql`delete from ${sql.table(payments.table)}`.execute(db);
  await sql`delete from ${sql.table(orders.table)}`.execute(db);
}
