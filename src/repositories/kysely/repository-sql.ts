import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { OrderId, OrderPayment, PaymentChange } from '../../core/order-payment';
import type { DialectAdapter } from './dialects/dialect-adapter';
import type { OrderIdType, OrderSyncSchemaMapping } from './kysely-repository-options';
import {
  fromOrderPayment,
  type OrderPaymentRow,
  orderColumn,
  orderColumns,
  paymentColumns,
  selectOrderPayment,
  toOrderPayment,
} from './read-order-payment';

const PENDING = sql.lit('PENDING');

/**
 * @internal The repository's SQL bound to its mapping, id type and dialect, built once per repository
 * and shared by the repository, its claims and the dialect's operations.
 */
export interface RepositorySql<DB> {
  readonly db: Kysely<DB>;
  readonly mapping: OrderSyncSchemaMapping;
  readonly idType: OrderIdType;
  readonly dialect: DialectAdapter;
  /** The select list of an order joined with its payment (aliases `o` and `p`), and that join. */
  readonly select: RawBuilder<unknown>;
  readonly from: RawBuilder<unknown>;
  /** The order's and the payment's own columns under the row aliases, unqualified: a RETURNING list. */
  readonly orderColumns: RawBuilder<unknown>;
  readonly paymentColumns: RawBuilder<unknown>;
  /** `o.<id> = :id` */
  byId(id: OrderId): RawBuilder<unknown>;
  /** The order joined with its payment where `condition` holds, or `null`. */
  read(executor: Kysely<DB>, condition: RawBuilder<unknown>): Promise<OrderPayment | null>;
  toOrderPayment(row: OrderPaymentRow): OrderPayment;
  /** The statements `updatePendingPayment(id, change)` runs; the dialect runs them (`writePending`). */
  pendingWrite(id: OrderId, change: PaymentChange): PendingWrite;
}

/** @internal The statements of one `updatePendingPayment`, bare: each dialect adds what it needs. */
export interface PendingWrite {
  readonly id: OrderId;
  /**
   * The compare-and-set: `update payments set ... where order_id = :id and payment_status = 'PENDING'`.
   * Whoever reaches the payment row second waits for the first's row lock, then re-checks the condition
   * against the committed row and matches nothing.
   */
  readonly payment: RawBuilder<unknown>;
  /** `update orders set ... where id = :id`; `undefined` for a check-only change, which leaves the order as it is. */
  readonly order: RawBuilder<unknown> | undefined;
  /** `select <order columns> from orders where id = :id` (unqualified, as {@link RepositorySql.orderColumns}). */
  readonly readOrder: RawBuilder<unknown>;
}

/** @internal Builds the {@link RepositorySql} of one repository. */
export function createRepositorySql<DB>(
  db: Kysely<DB>,
  mapping: OrderSyncSchemaMapping,
  idType: OrderIdType,
  dialect: DialectAdapter,
): RepositorySql<DB> {
  const { orders, payments } = mapping;
  const select = selectOrderPayment(mapping);
  const from = fromOrderPayment(mapping);
  const ownOrderColumns = orderColumns(mapping, (c) => sql.id(c));
  const toRow = (row: OrderPaymentRow) => toOrderPayment(row, idType);

  return {
    db,
    mapping,
    idType,
    dialect,
    select,
    from,
    orderColumns: ownOrderColumns,
    paymentColumns: paymentColumns(mapping, (c) => sql.id(c)),
    byId: (id) => sql`${orderColumn(orders.id)} = ${id}`,
    async read(executor, condition) {
      const { rows } = await sql<OrderPaymentRow>`select ${select} from ${from} where ${condition}`.execute(
        executor,
      );
      return rows[0] ? toRow(rows[0]) : null;
    },
    toOrderPayment: toRow,

    pendingWrite(id, change) {
      const info = sql.id(payments.additionalInfo);
      const paymentSet = [sql`${sql.id(payments.paymentStatus)} = ${change.paymentStatus}`];
      if (change.transactionId !== undefined) {
        paymentSet.push(sql`${sql.id(payments.transactionId)} = ${change.transactionId}`);
      }
      paymentSet.push(sql`${info} = ${dialect.mergeJson(info, change.additionalInfo)}`);
      const orderSet = [];
      if (change.paymentStatus !== 'PENDING') {
        orderSet.push(sql`${sql.id(orders.paymentStatus)} = ${change.paymentStatus}`);
      }
      if (change.orderStatus !== undefined) {
        orderSet.push(sql`${sql.id(orders.orderStatus)} = ${change.orderStatus}`);
      }
      const ordersTable = sql.table(orders.table);
      const orderIs = sql`${sql.id(orders.id)} = ${id}`;
      return {
        id,
        payment: sql`update ${sql.table(payments.table)} set ${sql.join(paymentSet)}
          where ${sql.id(payments.orderId)} = ${id} and ${sql.id(payments.paymentStatus)} = ${PENDING}`,
        order:
          orderSet.length > 0
            ? sql`update ${ordersTable} set ${sql.join(orderSet)} where ${orderIs}`
            : undefined,
        readOrder: sql`select ${ownOrderColumns} from ${ordersTable} where ${orderIs}`,
      };
    },
  };
}
