import { type Kysely, sql } from 'kysely';
import type { OrderPayment, PaymentStatus } from '../../../src/index';
import { fullMapping, type PartialMapping } from '../../integration/kysely/support/seed-rows';

/** A JSON column as the driver hands it over: parsed (PostgreSQL json/jsonb) or text (MariaDB, SQLite). */
const json = (value: unknown): Record<string, unknown> =>
  typeof value === 'string' ? JSON.parse(value) : (value as Record<string, unknown>);

/**
 * The contract's `read` backdoor for SQL stores: one order and its payment row by raw SQL over the
 * mapped tables, without the repository under test. Numbers come back as numbers (a `bigint` column is a
 * string with `pg`); ids keep what the driver returns (the contract compares them as strings).
 */
export async function readStoredOrderPayment(
  // biome-ignore lint/suspicious/noExplicitAny: raw SQL over an untyped Kysely
  db: Kysely<any>,
  orderId: string,
  mapping: PartialMapping = {},
): Promise<OrderPayment | null> {
  const { orders: o, payments: p } = fullMapping(mapping);
  const { rows } = await sql<Record<string, unknown>>`
    select ${sql.id('o', o.id)} as id, ${sql.id('o', o.paymentStatus)} as order_payment_status,
      ${sql.id('o', o.orderStatus)} as order_status, ${sql.id('o', o.amount)} as amount,
      ${sql.id('p', p.orderId)} as payment_order_id, ${sql.id('p', p.paymentStatus)} as payment_status,
      ${sql.id('p', p.transactionId)} as transaction_id, ${sql.id('p', p.additionalInfo)} as additional_info
    from ${sql.table(o.table)} as o join ${sql.table(p.table)} as p on ${sql.id('p', p.orderId)} = ${sql.id('o', o.id)}
    where ${sql.id('o', o.id)} = ${orderId}`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return {
    order: {
      id: row.id as string | number,
      paymentStatus: row.order_payment_status as PaymentStatus,
      orderStatus: row.order_status as string,
      amount: Number(row.amount),
    },
    payment: {
      orderId: row.payment_order_id as string | number,
      paymentStatus: row.payment_status as PaymentStatus,
      transactionId: (row.transaction_id as string | null) ?? null,
      additionalInfo: json(row.additional_info),
    },
  };
}
