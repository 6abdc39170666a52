import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { OrderId, PaymentChange } from '../../core/order-payment';
import { isPaymentSyncError } from '../../errors/payment-sync-error';
import { RepositoryError } from '../../errors/repository-error';
import type { OrderRepository, PendingOrdersQuery } from '../../ports/order-repository';
import { type KyselyOrderRepositoryOptions, resolveKyselyOptions } from './kysely-repository-options';
import { parseOrderId } from './order-id';
import {
  fromOrderPayment,
  type OrderPaymentRow,
  orderColumn,
  orderColumns,
  paymentColumn,
  paymentColumns,
  selectOrderPayment,
  toOrderPayment,
} from './read-order-payment';
import { lastCheckedExpression, mergeJsonExpression, resolveDialect } from './sql-dialect';

const WHERE = 'createKyselyOrderRepository';
const PENDING = sql.lit('PENDING');

/**
 * An `OrderRepository` over your own Kysely instance: PostgreSQL (`pg`), MySQL/MariaDB (`mysql2`) or
 * SQLite (`better-sqlite3`). It reads and writes only the columns named in the mapping, so it fits an
 * existing schema; {@link migrateOrderSyncSchema} creates the default one.
 *
 * - `updatePendingPayment` runs one transaction: `UPDATE payments ... WHERE payment_status = 'PENDING'`
 *   (the compare-and-set; the row lock it takes orders concurrent writers), then the order row. The
 *   `additional_info` merge is computed inside that UPDATE (`||` on PostgreSQL, `json_set` on
 *   MariaDB/MySQL and SQLite), so a concurrent writer's keys are never lost. A failure in between rolls
 *   both back.
 * - `listPendingOrders` sorts on `additional_info.last_checked` by the same expression the migration
 *   indexes (a partial expression index on PostgreSQL and SQLite).
 * - Every database failure is thrown as a `RepositoryError` with the driver's error as `cause`.
 *
 * @param db - Your Kysely instance (the repository never closes it).
 * @param options - Table/column names, id type, dialect. Validated here: a bad option throws
 *   `TypeError`/`RangeError` naming it.
 * @example
 * ```ts
 * import { Kysely, PostgresDialect } from 'kysely';
 * import pg from 'pg';
 * import { createKyselyOrderRepository, migrateOrderSyncSchema } from 'phonepe-order-sync/kysely';
 *
 * const db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString }) }) });
 * await migrateOrderSyncSchema(db);
 * const repository = createKyselyOrderRepository(db);
 * // or, over a Django app's tables:
 * const django = createKyselyOrderRepository(db, {
 *   orders: { table: 'orders_order', merchantOrderId: null },
 *   payments: { table: 'payments_payment' },
 * });
 * ```
 */
export function createKyselyOrderRepository<DB>(
  db: Kysely<DB>,
  options?: KyselyOrderRepositoryOptions,
): OrderRepository {
  const candidate = db as Partial<Kysely<DB>> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.transaction !== 'function' ||
    typeof candidate.getExecutor !== 'function'
  ) {
    throw new TypeError(`${WHERE}: \`db\` must be a Kysely instance`);
  }
  const { mapping, idType, dialect: given } = resolveKyselyOptions(options);
  const dialect = resolveDialect(db, given, WHERE);
  const { orders, payments } = mapping;
  const select = selectOrderPayment(mapping);
  const from = fromOrderPayment(mapping);
  const lastChecked = lastCheckedExpression(dialect, paymentColumn(payments.additionalInfo));
  const returning = dialect !== 'mysql';

  const readWhere = async (executor: Kysely<DB>, condition: RawBuilder<unknown>) => {
    const { rows } = await sql<OrderPaymentRow>`select ${select} from ${from} where ${condition}`.execute(
      executor,
    );
    return rows[0] ? toOrderPayment(rows[0], idType) : null;
  };
  const byId = (id: OrderId) => sql`${orderColumn(orders.id)} = ${id}`;

  const writePending = async (trx: Kysely<DB>, id: OrderId, change: PaymentChange) => {
    const info = sql.id(payments.additionalInfo);
    const setPayment = [sql`${sql.id(payments.paymentStatus)} = ${change.paymentStatus}`];
    if (change.transactionId !== undefined) {
      setPayment.push(sql`${sql.id(payments.transactionId)} = ${change.transactionId}`);
    }
    setPayment.push(sql`${info} = ${mergeJsonExpression(dialect, info, change.additionalInfo)}`);
    // The compare-and-set. Whoever reaches the row second waits for the first's lock, then re-checks
    // the condition against the committed row and matches nothing.
    const updatePayment = sql`update ${sql.table(payments.table)} set ${sql.join(setPayment)}
      where ${sql.id(payments.orderId)} = ${id} and ${sql.id(payments.paymentStatus)} = ${PENDING}`;
    let paymentRow: Partial<OrderPaymentRow> | undefined;
    if (returning) {
      const { rows } = await sql<OrderPaymentRow>`${updatePayment} returning ${paymentColumns(mapping, (c) =>
        sql.id(c),
      )}`.execute(trx);
      if (!rows[0]) return null;
      paymentRow = rows[0];
    } else {
      const { numAffectedRows } = await updatePayment.execute(trx);
      if (!numAffectedRows) return null;
    }

    const setOrder = [];
    if (change.paymentStatus !== 'PENDING')
      setOrder.push(sql`${sql.id(orders.paymentStatus)} = ${change.paymentStatus}`);
    if (change.orderStatus !== undefined)
      setOrder.push(sql`${sql.id(orders.orderStatus)} = ${change.orderStatus}`);
    if (!returning) {
      if (setOrder.length > 0) {
        const { numAffectedRows } = await sql`update ${sql.table(orders.table)} set ${sql.join(setOrder)}
          where ${sql.id(orders.id)} = ${id}`.execute(trx);
        if (numAffectedRows === 0n) throw new Error('the order row vanished during the update');
      }
      return readWhere(trx, byId(id));
    }
    const ownColumns = orderColumns(mapping, (c) => sql.id(c));
    const { rows } =
      setOrder.length > 0
        ? await sql<OrderPaymentRow>`update ${sql.table(orders.table)} set ${sql.join(setOrder)}
            where ${sql.id(orders.id)} = ${id} returning ${ownColumns}`.execute(trx)
        : await sql<OrderPaymentRow>`select ${ownColumns} from ${sql.table(orders.table)}
            where ${sql.id(orders.id)} = ${id}`.execute(trx);
    // Throwing rolls the payment write back: never half-written.
    if (!rows[0]) throw new Error('the order row vanished during the update');
    return toOrderPayment({ ...rows[0], ...paymentRow } as OrderPaymentRow, idType);
  };

  return {
    findOrderPayment(orderId) {
      const id = parseOrderId(idType, orderId);
      if (id === undefined) return Promise.resolve(null);
      return guard('findOrderPayment', () => readWhere(db, byId(id)));
    },

    findOrderPaymentByMerchantOrderId(merchantOrderId) {
      if (!orders.merchantOrderId) return this.findOrderPayment(merchantOrderId);
      const column = orderColumn(orders.merchantOrderId);
      return guard('findOrderPaymentByMerchantOrderId', async () => {
        if (typeof merchantOrderId !== 'string' || merchantOrderId === '') return null;
        const found = await readWhere(db, sql`${column} = ${merchantOrderId}`);
        if (found) return found;
        // An order without a merchant order id is known to PhonePe by String(id).
        const id = parseOrderId(idType, merchantOrderId);
        return id === undefined ? null : readWhere(db, sql`${byId(id)} and ${column} is null`);
      });
    },

    updatePendingPayment(orderId, change) {
      const id = parseOrderId(idType, orderId);
      if (id === undefined) return Promise.resolve(null);
      return guard('updatePendingPayment', () =>
        db.transaction().execute((trx) => writePending(trx as unknown as Kysely<DB>, id, change)),
      );
    },

    listPendingOrders({ limit, checkedBefore }: PendingOrdersQuery) {
      if (!Number.isSafeInteger(limit) || limit < 1) {
        return Promise.reject(
          new RangeError(`${WHERE}: listPendingOrders \`limit\` must be a positive integer`),
        );
      }
      if (
        checkedBefore !== undefined &&
        !(checkedBefore instanceof Date && !Number.isNaN(checkedBefore.getTime()))
      ) {
        return Promise.reject(
          new TypeError(`${WHERE}: listPendingOrders \`checkedBefore\` must be a valid Date`),
        );
      }
      const due = checkedBefore
        ? sql`and (${lastChecked} is null or ${lastChecked} < ${checkedBefore.toISOString()})`
        : sql``;
      // MySQL/MariaDB and SQLite sort NULL first in ascending order already; PostgreSQL is told to, and
      // its index is declared NULLS FIRST so that the sort is read off the index.
      const nullsFirst = dialect === 'postgres' ? sql`nulls first` : sql``;
      return guard('listPendingOrders', async () => {
        const { rows } = await sql<OrderPaymentRow>`select ${select} from ${from}
          where ${paymentColumn(payments.paymentStatus)} = ${PENDING} ${due}
          order by ${lastChecked} asc ${nullsFirst} limit ${sql.lit(limit)}`.execute(db);
        return rows.map((row) => toOrderPayment(row, idType));
      });
    },
  };
}

/** Database failures leave as `RepositoryError`s with the driver's error as `cause`; nothing is swallowed. */
async function guard<T>(method: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isPaymentSyncError(error)) throw error;
    throw new RepositoryError(`Kysely OrderRepository.${method} failed`, { cause: error });
  }
}
