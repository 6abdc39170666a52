import { type RawBuilder, sql } from 'kysely';
import type { Order, OrderPayment } from '../../core/order-payment';
import { isPaymentStatus, type PaymentStatus } from '../../core/payment-status';
import type { OrderIdType, OrderSyncSchemaMapping } from './kysely-repository-options';
import { readOrderId } from './order-id';

/** @internal The row shape every read selects, under fixed aliases so mapping is dialect-neutral. */
export interface OrderPaymentRow {
  o_id: unknown;
  o_payment_status: unknown;
  o_order_status: unknown;
  o_amount: unknown;
  o_merchant_order_id?: unknown;
  o_created_at?: unknown;
  p_payment_status: unknown;
  p_transaction_id: unknown;
  p_additional_info: unknown;
  /** `orders.extraColumns`, each under `e_<key>`. */
  [extra: `e_${string}`]: unknown;
}

const EXTRA_PREFIX = 'e_';

/** @internal `o.<column>` / `p.<column>` as a quoted reference. */
export const orderColumn = (column: string): RawBuilder<unknown> => sql.id('o', column);
export const paymentColumn = (column: string): RawBuilder<unknown> => sql.id('p', column);

/** @internal The order's columns under their fixed aliases; `ref` qualifies a column name. */
export function orderColumns(
  { orders }: OrderSyncSchemaMapping,
  ref: (column: string) => RawBuilder<unknown> = orderColumn,
): RawBuilder<unknown> {
  const columns = [
    sql`${ref(orders.id)} as o_id`,
    sql`${ref(orders.paymentStatus)} as o_payment_status`,
    sql`${ref(orders.orderStatus)} as o_order_status`,
    sql`${ref(orders.amount)} as o_amount`,
  ];
  if (orders.merchantOrderId) columns.push(sql`${ref(orders.merchantOrderId)} as o_merchant_order_id`);
  if (orders.createdAt) columns.push(sql`${ref(orders.createdAt)} as o_created_at`);
  // Quoted aliases keep the key's case on PostgreSQL.
  for (const [key, column] of Object.entries(orders.extraColumns ?? {})) {
    columns.push(sql`${ref(column)} as ${sql.id(`${EXTRA_PREFIX}${key}`)}`);
  }
  return sql.join(columns);
}

/** @internal The payment's columns under their fixed aliases; `ref` qualifies a column name. */
export function paymentColumns(
  { payments }: OrderSyncSchemaMapping,
  ref: (column: string) => RawBuilder<unknown> = paymentColumn,
): RawBuilder<unknown> {
  return sql.join([
    sql`${ref(payments.paymentStatus)} as p_payment_status`,
    sql`${ref(payments.transactionId)} as p_transaction_id`,
    sql`${ref(payments.additionalInfo)} as p_additional_info`,
  ]);
}

/** @internal The select list of an order joined with its payment (aliases `o` and `p`). */
export function selectOrderPayment(mapping: OrderSyncSchemaMapping): RawBuilder<unknown> {
  return sql`${orderColumns(mapping)}, ${paymentColumns(mapping)}`;
}

/** @internal `orders o join payments p on p.order_id = o.id`. */
export function fromOrderPayment({ orders, payments }: OrderSyncSchemaMapping): RawBuilder<unknown> {
  return sql`${sql.table(orders.table)} as o join ${sql.table(payments.table)} as p on ${paymentColumn(
    payments.orderId,
  )} = ${orderColumn(orders.id)}`;
}

/**
 * @internal A fresh `OrderPayment` from one row. Values are normalised across drivers (bigint strings,
 * JSON text, DATETIME strings); a row this library cannot read (an unknown status, additional_info
 * that is not a JSON object) throws, rather than being guessed at.
 */
export function toOrderPayment(row: OrderPaymentRow, idType: OrderIdType): OrderPayment {
  const id = readOrderId(idType, row.o_id);
  const order: Order = {
    id,
    paymentStatus: status(row.o_payment_status, 'order payment status'),
    orderStatus: String(row.o_order_status),
    amount: Number(row.o_amount),
  };
  if ('o_merchant_order_id' in row) {
    order.merchantOrderId = row.o_merchant_order_id == null ? null : String(row.o_merchant_order_id);
  }
  if ('o_created_at' in row) order.createdAt = toDate(row.o_created_at);
  const extra = Object.entries(row).filter(([key]) => key.startsWith(EXTRA_PREFIX));
  if (extra.length > 0) {
    // Not a field of `Order`: read it through `repository.extraOf`.
    Object.assign(order, {
      extra: Object.fromEntries(extra.map(([key, value]) => [key.slice(EXTRA_PREFIX.length), value])),
    });
  }
  return {
    order,
    payment: {
      orderId: id,
      paymentStatus: status(row.p_payment_status, 'payment status'),
      transactionId: row.p_transaction_id == null ? null : String(row.p_transaction_id),
      additionalInfo: toJsonObject(row.p_additional_info),
    },
  };
}

function status(value: unknown, what: string): PaymentStatus {
  if (isPaymentStatus(value)) return value;
  throw new TypeError(`Stored ${what} ${JSON.stringify(value)} is not PENDING, COMPLETED or FAILED`);
}

function toDate(value: unknown): Date | null {
  if (value == null) return null;
  // SQLite's CURRENT_TIMESTAMP text is UTC without a zone marker; read it as UTC, not local time.
  const text = String(value);
  const date =
    value instanceof Date
      ? new Date(value.getTime())
      : new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
  return Number.isNaN(date.getTime()) ? null : date;
}

function toJsonObject(value: unknown): Record<string, unknown> {
  if (value == null) return {};
  const parsed: unknown =
    typeof value === 'string' || Buffer.isBuffer(value) ? JSON.parse(String(value)) : value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError('Stored additional_info is not a JSON object');
  }
  // pg parses jsonb itself and hands out a fresh object per query; a clone keeps callers off any driver cache.
  return structuredClone(parsed as Record<string, unknown>);
}
