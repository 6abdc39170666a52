import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { OrderId, PaymentChange } from '../../core/order-payment';
import type { PendingOrdersCursor, PendingOrdersQuery } from '../../ports/order-repository';
import { type KyselyOrderRepository, readOrderExtra } from './kysely-order-repository';
import { createKyselyClaims } from './kysely-reconcile-claims';
import {
  type KyselyOrderRepositoryOptions,
  type OrderIdType,
  resolveKyselyOptions,
} from './kysely-repository-options';
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
import { guard } from './repository-guard';
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
 *   indexes (a partial expression index on PostgreSQL and SQLite), ties by the payment's order id, and
 *   pages with the `after` keyset cursor (a range condition on that expression).
 * - `claimPendingOrders`/`releaseOrderClaim` (several reconcilers on one database) keep a lease in two
 *   columns beside the payment row, `payments.leaseOwner`/`payments.leaseUntil` (default
 *   `reconcile_lease_owner`/`reconcile_lease_until`, created by the migration). PostgreSQL: one
 *   `UPDATE ... WHERE order_id IN (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING`; MariaDB 10.6+/MySQL 8:
 *   a transaction of `SELECT ... FOR UPDATE SKIP LOCKED` then `UPDATE`; SQLite: one write transaction.
 *   Mapped tables without those columns: map both to `null`, and the repository has no claim methods
 *   (the reconciler then lists, and you run one reconciler process).
 * - Every database failure is thrown as a `RepositoryError` with the driver's error as `cause`.
 * - `orders.extraColumns` reads your own columns along with every order (`{ customerId: 'customer_id' }`);
 *   `repository.extraOf(orderPayment).customerId` gives them back, typed by the keys, e.g. in `authorize`.
 *   {@link checkOrderSyncSchema} tells at start-up whether the tables have every mapped column.
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
 * const db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: DATABASE_URL }) }) });
 * await migrateOrderSyncSchema(db);
 * const repository = createKyselyOrderRepository(db);
 * // or, over a Django app's tables:
 * const django = createKyselyOrderRepository(db, {
 *   orders: { table: 'orders_order', merchantOrderId: null },
 *   payments: { table: 'payments_payment', leaseOwner: null, leaseUntil: null },
 * });
 * // your own columns, for an ownership check in `authorize`:
 * const owned = createKyselyOrderRepository(db, { orders: { extraColumns: { customerId: 'customer_id' } } });
 * const authorize = (req: { user?: { id: number } }, orderPayment: OrderPayment) =>
 *   owned.extraOf(orderPayment).customerId === req.user?.id;
 * ```
 */
export function createKyselyOrderRepository<DB, Extra extends string = never>(
  db: Kysely<DB>,
  options?: KyselyOrderRepositoryOptions<Extra>,
): KyselyOrderRepository<Extra> {
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

  const readWhere = async (executor: Kysely<DB>, condition: RawBuilder<unknown>) => {
    const { rows } = await sql<OrderPaymentRow>`select ${select} from ${from} where ${condition}`.execute(
      executor,
    );
    return rows[0] ? toOrderPayment(rows[0], idType) : null;
  };
  const byId = (id: OrderId) => sql`${orderColumn(orders.id)} = ${id}`;

  /** The SET lists of the two writes; the order's is empty for a check-only change. */
  const setClauses = (change: PaymentChange) => {
    const info = sql.id(payments.additionalInfo);
    const payment = [sql`${sql.id(payments.paymentStatus)} = ${change.paymentStatus}`];
    if (change.transactionId !== undefined) {
      payment.push(sql`${sql.id(payments.transactionId)} = ${change.transactionId}`);
    }
    payment.push(sql`${info} = ${mergeJsonExpression(dialect, info, change.additionalInfo)}`);
    const order = [];
    if (change.paymentStatus !== 'PENDING')
      order.push(sql`${sql.id(orders.paymentStatus)} = ${change.paymentStatus}`);
    if (change.orderStatus !== undefined)
      order.push(sql`${sql.id(orders.orderStatus)} = ${change.orderStatus}`);
    return { payment, order };
  };
  // The compare-and-set. Whoever reaches the payment row second waits for the first's row lock, then
  // re-checks the condition against the committed row and matches nothing.
  const casPayment = (id: OrderId, set: RawBuilder<unknown>[]) =>
    sql`update ${sql.table(payments.table)} set ${sql.join(set)}
      where ${sql.id(payments.orderId)} = ${id} and ${sql.id(payments.paymentStatus)} = ${PENDING}`;
  const ownOrderColumns = orderColumns(mapping, (c) => sql.id(c));
  const ownPaymentColumns = paymentColumns(mapping, (c) => sql.id(c));

  /**
   * PostgreSQL: both writes in ONE statement (data-modifying CTEs), which is atomic on its own: one
   * round trip instead of BEGIN, two UPDATEs and COMMIT. The order is written only when the payment's
   * compare-and-set matched, and the payment only when its order exists.
   */
  const writePendingPostgres = async (id: OrderId, change: PaymentChange) => {
    const set = setClauses(change);
    const orderExists = sql`exists (select 1 from ${sql.table(orders.table)} where ${sql.id(orders.id)} = ${id})`;
    const orderStep =
      set.order.length > 0
        ? sql`update ${sql.table(orders.table)} set ${sql.join(set.order)}
            where ${sql.id(orders.id)} = ${id} and exists (select 1 from p) returning ${ownOrderColumns}`
        : sql`select ${ownOrderColumns} from ${sql.table(orders.table)}
            where ${sql.id(orders.id)} = ${id} and exists (select 1 from p)`;
    const { rows } = await sql<OrderPaymentRow>`with
      p as (${casPayment(id, set.payment)} and ${orderExists} returning ${ownPaymentColumns}),
      o as (${orderStep})
      select o.*, p.* from p left join o on true`.execute(db);
    const row = rows[0];
    if (!row) return null;
    // Unreachable while payments reference their order (a foreign key); reported, never hidden.
    if (row.o_id == null) throw new Error('the order row vanished during the update');
    return toOrderPayment(row, idType);
  };

  /** MariaDB/MySQL and SQLite: one transaction, payment first (the compare-and-set), then the order. */
  const writePendingInTransaction = async (trx: Kysely<DB>, id: OrderId, change: PaymentChange) => {
    const set = setClauses(change);
    if (dialect === 'sqlite') {
      const paid =
        await sql<OrderPaymentRow>`${casPayment(id, set.payment)} returning ${ownPaymentColumns}`.execute(
          trx,
        );
      if (!paid.rows[0]) return null;
      const { rows } =
        set.order.length > 0
          ? await sql<OrderPaymentRow>`update ${sql.table(orders.table)} set ${sql.join(set.order)}
              where ${sql.id(orders.id)} = ${id} returning ${ownOrderColumns}`.execute(trx)
          : await sql<OrderPaymentRow>`select ${ownOrderColumns} from ${sql.table(orders.table)}
              where ${sql.id(orders.id)} = ${id}`.execute(trx);
      // Throwing rolls the payment write back: never half-written.
      if (!rows[0]) throw new Error('the order row vanished during the update');
      return toOrderPayment({ ...rows[0], ...paid.rows[0] }, idType);
    }
    const { numAffectedRows } = await casPayment(id, set.payment).execute(trx);
    if (!numAffectedRows) return null;
    if (set.order.length > 0) {
      const written = await sql`update ${sql.table(orders.table)} set ${sql.join(set.order)}
        where ${sql.id(orders.id)} = ${id}`.execute(trx);
      if (!written.numAffectedRows) throw new Error('the order row vanished during the update');
    }
    return readWhere(trx, byId(id));
  };

  const findOrderPayment = (orderId: string) => {
    const id = parseOrderId(idType, orderId);
    if (id === undefined) return Promise.resolve(null);
    return guard('findOrderPayment', () => readWhere(db, byId(id)));
  };

  const repository: KyselyOrderRepository<Extra> = {
    findOrderPayment,
    extraOf: (orderOrPayment) => readOrderExtra(orderOrPayment) as Readonly<Record<Extra, unknown>>,

    findOrderPaymentByMerchantOrderId(merchantOrderId) {
      if (!orders.merchantOrderId) return findOrderPayment(merchantOrderId);
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
        dialect === 'postgres'
          ? writePendingPostgres(id, change)
          : db
              .transaction()
              .execute((trx) => writePendingInTransaction(trx as unknown as Kysely<DB>, id, change)),
      );
    },

    listPendingOrders({ limit, checkedBefore, after }: PendingOrdersQuery) {
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
      const afterId = after === undefined ? undefined : parseCursor(after, idType);
      if (afterId === null) {
        return Promise.reject(
          new TypeError(
            `${WHERE}: listPendingOrders \`after\` must be { lastChecked: string | null, orderId } with an id of this table`,
          ),
        );
      }
      const due = checkedBefore
        ? sql`and (${lastChecked} is null or ${lastChecked} < ${checkedBefore.toISOString()})`
        : sql``;
      const orderId = paymentColumn(payments.orderId);
      // Strictly after (lastChecked, orderId) in the listing order, NULL first. The `>=` on a non-null
      // position is a range condition on the indexed expression, so the scan starts at the cursor instead
      // of filtering every row before it.
      const keyset =
        after === undefined || afterId === undefined
          ? sql``
          : after.lastChecked === null
            ? sql`and (${lastChecked} is not null or ${orderId} > ${afterId})`
            : sql`and ${lastChecked} >= ${after.lastChecked}
                and (${lastChecked} > ${after.lastChecked} or ${orderId} > ${afterId})`;
      // MySQL/MariaDB and SQLite sort NULL first in ascending order already; PostgreSQL is told to, and
      // its index is declared NULLS FIRST so that the sort is read off the index (ties by order id are
      // sorted per group of equal last_checked, an incremental sort).
      const nullsFirst = dialect === 'postgres' ? sql`nulls first` : sql``;
      return guard('listPendingOrders', async () => {
        const { rows } = await sql<OrderPaymentRow>`select ${select} from ${from}
          where ${paymentColumn(payments.paymentStatus)} = ${PENDING} ${due} ${keyset}
          order by ${lastChecked} asc ${nullsFirst}, ${orderId} asc limit ${sql.lit(limit)}`.execute(db);
        return rows.map((row) => toOrderPayment(row, idType));
      });
    },
  };
  // Present only when the lease columns are mapped: without the methods the reconciler falls back to listing.
  const claims = createKyselyClaims(db, { mapping, idType, dialect });
  return claims ? Object.assign(repository, claims) : repository;
}

/** The cursor's id to bind, or `null` when the cursor is malformed (a bad argument, not an empty page). */
function parseCursor(after: PendingOrdersCursor, idType: OrderIdType): OrderId | null {
  if (typeof after !== 'object' || after === null) return null;
  const { lastChecked, orderId } = after;
  if (lastChecked !== null && typeof lastChecked !== 'string') return null;
  return parseOrderId(idType, orderId) ?? null;
}
