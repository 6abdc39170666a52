import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { OrderId } from '../../core/order-payment';
import { withRepositoryErrors } from '../../errors/with-repository-errors';
import type { PendingOrdersCursor, PendingOrdersQuery } from '../../ports/order-repository';
import { resolveDialect } from './dialects/resolve-dialect';
import { type KyselyOrderRepository, readOrderExtra } from './kysely-order-repository';
import { createKyselyClaims } from './kysely-reconcile-claims';
import {
  type KyselyOrderRepositoryOptions,
  type OrderIdType,
  resolveKyselyOptions,
} from './kysely-repository-options';
import { orderIdToBind } from './order-id';
import { type OrderPaymentRow, orderColumn, paymentColumn } from './read-order-payment';
import { createRepositorySql } from './repository-sql';

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
  // The database is told once, here: from now on its adapter answers every dialect question.
  const dialect = resolveDialect(db, given, WHERE);
  const repositorySql = createRepositorySql(db, mapping, idType, dialect);
  const { orders, payments } = mapping;
  const { select, from, read, byId } = repositorySql;
  const lastChecked = dialect.lastChecked(paymentColumn(payments.additionalInfo));

  const findOrderPayment = (orderId: string) => {
    const id = orderIdToBind(idType, orderId);
    if (id === undefined) return Promise.resolve(null);
    return withRepositoryErrors('Kysely OrderRepository.findOrderPayment', () => read(db, byId(id)));
  };

  const repository: KyselyOrderRepository<Extra> = {
    findOrderPayment,
    extraOf: (orderOrPayment) => readOrderExtra(orderOrPayment) as Readonly<Record<Extra, unknown>>,

    findOrderPaymentByMerchantOrderId(merchantOrderId) {
      if (!orders.merchantOrderId) return findOrderPayment(merchantOrderId);
      const column = orderColumn(orders.merchantOrderId);
      return withRepositoryErrors('Kysely OrderRepository.findOrderPaymentByMerchantOrderId', async () => {
        if (typeof merchantOrderId !== 'string' || merchantOrderId === '') return null;
        const found = await read(db, sql`${column} = ${merchantOrderId}`);
        if (found) return found;
        // An order without a merchant order id is known to PhonePe by String(id).
        const id = orderIdToBind(idType, merchantOrderId);
        return id === undefined ? null : read(db, sql`${byId(id)} and ${column} is null`);
      });
    },

    updatePendingPayment(orderId, change) {
      const id = orderIdToBind(idType, orderId);
      if (id === undefined) return Promise.resolve(null);
      return withRepositoryErrors('Kysely OrderRepository.updatePendingPayment', () =>
        dialect.writePending(repositorySql, repositorySql.pendingWrite(id, change)),
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
      const keyset =
        after === undefined || afterId === undefined
          ? sql``
          : keysetAfter(lastChecked, orderId, after.lastChecked, afterId);
      // Ties by order id are sorted per group of equal last_checked (on PostgreSQL, an incremental sort
      // read off the index).
      return withRepositoryErrors('Kysely OrderRepository.listPendingOrders', async () => {
        const { rows } = await sql<OrderPaymentRow>`select ${select} from ${from}
          where ${paymentColumn(payments.paymentStatus)} = ${PENDING} ${due} ${keyset}
          order by ${dialect.ascNullsFirst(lastChecked)}, ${orderId} asc limit ${sql.lit(limit)}`.execute(db);
        return rows.map(repositorySql.toOrderPayment);
      });
    },
  };
  // Present only when the lease columns are mapped: without the methods the reconciler falls back to listing.
  const claims = createKyselyClaims(repositorySql);
  return claims ? Object.assign(repository, claims) : repository;
}

/**
 * Strictly after the cursor `(lastChecked, orderId)` in the listing order, NULL first. The `>=` on a
 * non-null position is a range condition on the indexed expression, so the scan starts at the cursor
 * instead of filtering every row before it.
 */
function keysetAfter(
  lastChecked: RawBuilder<unknown>,
  orderId: RawBuilder<unknown>,
  afterChecked: string | null,
  afterId: OrderId,
): RawBuilder<unknown> {
  if (afterChecked === null) return sql`and (${lastChecked} is not null or ${orderId} > ${afterId})`;
  return sql`and ${lastChecked} >= ${afterChecked}
    and (${lastChecked} > ${afterChecked} or ${orderId} > ${afterId})`;
}

/** The cursor's id to bind, or `null` when the cursor is malformed (a bad argument, not an empty page). */
function parseCursor(after: PendingOrdersCursor, idType: OrderIdType): OrderId | null {
  if (typeof after !== 'object' || after === null) return null;
  const { lastChecked, orderId } = after;
  if (lastChecked !== null && typeof lastChecked !== 'string') return null;
  return orderIdToBind(idType, orderId) ?? null;
}
