import { type Kysely, sql } from 'kysely';
import type { OrderId, OrderPayment } from '../../core/order-payment';
import type {
  ClaimPendingOrdersQuery,
  OrderClaimRelease,
  OrderRepository,
} from '../../ports/order-repository';
import type { OrderIdType, OrderSyncDialect, OrderSyncSchemaMapping } from './kysely-repository-options';
import { parseOrderId, readOrderId } from './order-id';
import {
  fromOrderPayment,
  type OrderPaymentRow,
  paymentColumn,
  selectOrderPayment,
  toOrderPayment,
} from './read-order-payment';
import { guard } from './repository-guard';
import { lastCheckedExpression } from './sql-dialect';

const WHERE = 'createKyselyOrderRepository';
const PENDING = sql.lit('PENDING');
/** Ids per `IN (...)` list when reading claimed rows back (MariaDB allows 65,535 bound values a statement). */
const READ_CHUNK = 1000;
/** Attempts of a MariaDB/MySQL claim that lost a deadlock. */
const MYSQL_CLAIM_ATTEMPTS = 5;

/** @internal What the claim queries need from the repository being built. */
export interface ClaimsContext {
  mapping: OrderSyncSchemaMapping;
  idType: OrderIdType;
  dialect: OrderSyncDialect;
}

type Claims = Required<Pick<OrderRepository, 'claimPendingOrders' | 'releaseOrderClaim'>>;

/**
 * @internal The reconciler lease pair over `payments.leaseOwner` / `payments.leaseUntil`, or `undefined`
 * when both are mapped to `null` (the repository then has no claim capability).
 *
 * A lease is free when `until` is null or at or before the caller's `now` (epoch ms, the reconciler's
 * clock, never the database's). A release sets `owner = null, until = notBefore`, only while the caller
 * still owns the lease. Order, payment status and `additional_info` are never written here.
 */
export function createKyselyClaims<DB>(db: Kysely<DB>, ctx: ClaimsContext): Claims | undefined {
  const { mapping, idType, dialect } = ctx;
  const { payments } = mapping;
  if (payments.leaseOwner === null || payments.leaseUntil === null) return undefined;
  const owner = sql.id(payments.leaseOwner);
  const until = sql.id(payments.leaseUntil);
  const table = sql.table(payments.table);
  const orderIdColumn = sql.id(payments.orderId);
  const select = selectOrderPayment(mapping);
  const from = fromOrderPayment(mapping);

  /** `PENDING`, lease free at `now`, due by `checkedBefore`; over `alias`'s columns. */
  const claimable = (alias: string, query: ClaimPendingOrdersQuery) => {
    const column = (name: string) => sql.id(alias, name);
    const lastChecked = lastCheckedExpression(dialect, column(payments.additionalInfo));
    const nowMs = query.now.getTime();
    const due = query.checkedBefore
      ? sql`and (${lastChecked} is null or ${lastChecked} < ${query.checkedBefore.toISOString()})`
      : sql``;
    const condition = sql`${column(payments.paymentStatus)} = ${PENDING}
      and (${column(payments.leaseUntil!)} is null or ${column(payments.leaseUntil!)} <= ${nowMs}) ${due}`;
    return { condition, lastChecked };
  };

  /** The joined rows of these order ids, in the order of `ids` (ids it cannot find are left out). */
  const readInOrder = async (executor: Kysely<DB>, ids: unknown[]): Promise<OrderPayment[]> => {
    const byId = new Map<string, OrderPayment>();
    for (let i = 0; i < ids.length; i += READ_CHUNK) {
      const chunk = ids.slice(i, i + READ_CHUNK);
      const { rows } = await sql<OrderPaymentRow>`select ${select} from ${from}
        where ${paymentColumn(payments.orderId)} in (${sql.join(chunk)})`.execute(executor);
      for (const row of rows) {
        const orderPayment = toOrderPayment(row, idType);
        byId.set(String(orderPayment.order.id), orderPayment);
      }
    }
    return ids.flatMap((id) => {
      const found = byId.get(String(readOrderId(idType, id)));
      return found ? [found] : [];
    });
  };

  /**
   * PostgreSQL: one statement. The inner SELECT picks the rows in listing order off the pending index and
   * locks them, skipping rows another transaction holds (a concurrent claimer, or an
   * `updatePendingPayment` in flight); under READ COMMITTED a row changed since the snapshot is re-checked
   * against the WHERE after its lock, so a lease another claimer just committed is seen. It is written
   * `order_id = any(array(select ...))`, the `IN (select ...)` form that the planner runs exactly once (an
   * InitPlan) and then meets with the unique order_id index, rather than a semi-join over every payment
   * row. RETURNING reads the order in the same statement.
   */
  const claimPostgres = async (query: ClaimPendingOrdersQuery) => {
    const { condition, lastChecked } = claimable('q', query);
    const { rows } = await sql<OrderPaymentRow>`with claimed as (
        update ${table} as p set ${owner} = ${query.workerId}, ${until} = ${query.now.getTime() + query.leaseMs}
        from ${sql.table(mapping.orders.table)} as o
        where ${sql.id('o', mapping.orders.id)} = ${paymentColumn(payments.orderId)}
          and ${paymentColumn(payments.orderId)} = any (array(
            select ${sql.id('q', payments.orderId)} from ${table} as q where ${condition}
            order by ${lastChecked} asc nulls first, ${sql.id('q', payments.orderId)} asc limit ${sql.lit(query.limit)}
            for update skip locked))
        returning ${select}, ${lastCheckedExpression(dialect, paymentColumn(payments.additionalInfo))} as c_last_checked)
      select * from claimed order by c_last_checked asc nulls first, o_id asc`.execute(db);
    return rows.map((row) => toOrderPayment(row, idType));
  };

  /**
   * MariaDB 10.6+/MySQL 8, one READ COMMITTED transaction (no gap locks): read the next candidates in
   * listing order without locking, lock them with `FOR UPDATE SKIP LOCKED` (the lock re-checks the WHERE
   * on the latest committed row), lease the ones locked, read them back.
   *
   * Why not one locking SELECT with ORDER BY ... LIMIT: MariaDB cannot index the JSON sort key, so that
   * statement filesorts and InnoDB locks every row it scanned, not just the LIMIT: a concurrent claimer
   * would skip them all and get an empty page while work remains. Locking named candidates locks only
   * those; candidates someone else holds are excluded and the next ones read, until the page is full or
   * nothing is left.
   */
  const claimMysql = async (query: ClaimPendingOrdersQuery) => {
    // A safety net: should InnoDB still pick a claim as a deadlock victim (or time out a lock wait), the
    // transaction is rolled back whole and nothing of it is visible, so it is simply run again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await claimMysqlOnce(query);
      } catch (error) {
        if (attempt >= MYSQL_CLAIM_ATTEMPTS || !isMysqlDeadlock(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  };

  const claimMysqlOnce = (query: ClaimPendingOrdersQuery) =>
    db
      .transaction()
      .setIsolationLevel('read committed')
      .execute(async (trx) => {
        const executor = trx as unknown as Kysely<DB>;
        const { condition, lastChecked } = claimable('q', query);
        const orderIdOf = sql.id('q', payments.orderId);
        const taken: Array<{ id: unknown; lastChecked: unknown }> = [];
        const passed: unknown[] = [];
        while (taken.length < query.limit) {
          const seen = [...taken.map((row) => row.id), ...passed];
          const excluded = seen.length > 0 ? sql`and ${orderIdOf} not in (${sql.join(seen)})` : sql``;
          const candidates = await sql<{ id: unknown }>`select ${orderIdOf} as id from ${table} as q
            where ${condition} ${excluded}
            order by ${lastChecked} asc, ${orderIdOf} asc limit ${sql.lit(query.limit - taken.length)}`.execute(
            executor,
          );
          if (candidates.rows.length === 0) break;
          const ids = candidates.rows.map((row) => row.id);
          // Locked by order_id alone, so InnoDB walks only that unique index: with the status condition in
          // the WHERE it may walk the status index instead, whose records SKIP LOCKED does not skip (and
          // which every transition rewrites), and wait there. The claim conditions are then checked here
          // on the rows as locked (a locking read sees the latest committed version).
          const locked = await sql<{
            id: unknown;
            status: unknown;
            until: unknown;
            last_checked: unknown;
          }>`select
              ${orderIdOf} as id, ${sql.id('q', payments.paymentStatus)} as status,
              ${sql.id('q', payments.leaseUntil!)} as until, ${lastChecked} as last_checked
            from ${table} as q where ${orderIdOf} in (${sql.join(ids)})
            for update skip locked`.execute(executor);
          const nowMs = query.now.getTime();
          const before = query.checkedBefore?.toISOString();
          const claimableRows = locked.rows.filter(
            (row) =>
              row.status === 'PENDING' &&
              (row.until == null || Number(row.until) <= nowMs) &&
              (before === undefined || row.last_checked == null || String(row.last_checked) < before),
          );
          const got = new Set(claimableRows.map((row) => String(row.id)));
          for (const row of claimableRows) taken.push({ id: row.id, lastChecked: row.last_checked });
          passed.push(...ids.filter((id) => !got.has(String(id))));
        }
        if (taken.length === 0) return [];
        const ids = taken
          .sort((a, b) => compareListed(a.lastChecked, a.id, b.lastChecked, b.id))
          .map((row) => row.id);
        await lease(executor, ids, query);
        return readInOrder(executor, ids);
      });

  /**
   * SQLite: a write first, so the transaction holds the database's write lock from its first statement
   * (BEGIN IMMEDIATE semantics: no reader-to-writer upgrade that could fail with SQLITE_BUSY), which
   * serialises claimers; the UPDATE picks and leases in one statement.
   */
  const claimSqlite = (query: ClaimPendingOrdersQuery) =>
    db.transaction().execute(async (trx) => {
      const executor = trx as unknown as Kysely<DB>;
      const { condition, lastChecked } = claimable('q', query);
      const { rows } = await sql<{ id: unknown; last_checked: unknown }>`update ${table}
          set ${owner} = ${query.workerId}, ${until} = ${query.now.getTime() + query.leaseMs}
          where ${orderIdColumn} in (
            select ${sql.id('q', payments.orderId)} from ${table} as q where ${condition}
            order by ${lastChecked} asc, ${sql.id('q', payments.orderId)} asc limit ${sql.lit(query.limit)})
          returning ${orderIdColumn} as id, ${lastCheckedExpression(dialect, sql.id(payments.additionalInfo))} as last_checked`.execute(
        executor,
      );
      // RETURNING comes in no particular order: sort like the listing (never checked first, then text
      // order, ties by order id).
      const ordered = [...rows].sort((a, b) => compareListed(a.last_checked, a.id, b.last_checked, b.id));
      return readInOrder(
        executor,
        ordered.map((row) => row.id),
      );
    });

  const lease = async (executor: Kysely<DB>, ids: unknown[], query: ClaimPendingOrdersQuery) => {
    for (let i = 0; i < ids.length; i += READ_CHUNK) {
      await sql`update ${table} set ${owner} = ${query.workerId}, ${until} = ${query.now.getTime() + query.leaseMs}
        where ${orderIdColumn} in (${sql.join(ids.slice(i, i + READ_CHUNK))})`.execute(executor);
    }
  };

  return {
    claimPendingOrders(query) {
      const invalid = invalidClaimQuery(query);
      if (invalid) return Promise.reject(invalid);
      return guard('claimPendingOrders', () =>
        dialect === 'postgres'
          ? claimPostgres(query)
          : dialect === 'mysql'
            ? claimMysql(query)
            : claimSqlite(query),
      );
    },

    releaseOrderClaim(orderId: string, release: OrderClaimRelease) {
      const { workerId, notBefore } = release ?? ({} as OrderClaimRelease);
      if (typeof workerId !== 'string' || workerId === '') {
        return Promise.reject(
          new TypeError(`${WHERE}: releaseOrderClaim \`workerId\` must be a non-empty string`),
        );
      }
      if (!isValidDate(notBefore)) {
        return Promise.reject(
          new TypeError(`${WHERE}: releaseOrderClaim \`notBefore\` must be a valid Date`),
        );
      }
      const id: OrderId | undefined = parseOrderId(idType, orderId);
      // Not such an id: no such order, nothing to release.
      if (id === undefined) return Promise.resolve();
      return guard('releaseOrderClaim', async () => {
        await sql`update ${table} set ${owner} = null, ${until} = ${notBefore.getTime()}
          where ${orderIdColumn} = ${id} and ${owner} = ${workerId}`.execute(db);
      });
    },
  };
}

function invalidClaimQuery(query: ClaimPendingOrdersQuery): Error | undefined {
  const { limit, workerId, leaseMs, now, checkedBefore } = query ?? ({} as ClaimPendingOrdersQuery);
  if (!Number.isSafeInteger(limit) || limit < 1) {
    return new RangeError(`${WHERE}: claimPendingOrders \`limit\` must be a positive integer`);
  }
  if (typeof workerId !== 'string' || workerId === '') {
    return new TypeError(`${WHERE}: claimPendingOrders \`workerId\` must be a non-empty string`);
  }
  if (!Number.isSafeInteger(leaseMs) || leaseMs < 1) {
    return new RangeError(`${WHERE}: claimPendingOrders \`leaseMs\` must be a positive integer`);
  }
  if (!isValidDate(now)) return new TypeError(`${WHERE}: claimPendingOrders \`now\` must be a valid Date`);
  if (checkedBefore !== undefined && !isValidDate(checkedBefore)) {
    return new TypeError(`${WHERE}: claimPendingOrders \`checkedBefore\` must be a valid Date`);
  }
  return undefined;
}

/** ER_LOCK_DEADLOCK (1213) or ER_LOCK_WAIT_TIMEOUT (1205): the transaction was rolled back, retry it. */
function isMysqlDeadlock(error: unknown): boolean {
  const errno = (error as { errno?: unknown } | null)?.errno;
  return errno === 1213 || errno === 1205;
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** SQL's ascending text order with NULL first, as `listPendingOrders` sorts. */
function compareLastChecked(a: unknown, b: unknown): number {
  if (a == null) return b == null ? 0 : -1;
  if (b == null) return 1;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The listing order: `last_checked` (never checked first), then order id (numerically when both are numbers). */
function compareListed(aChecked: unknown, aId: unknown, bChecked: unknown, bId: unknown): number {
  const byChecked = compareLastChecked(aChecked, bChecked);
  if (byChecked !== 0) return byChecked;
  const x = Number(aId);
  const y = Number(bId);
  if (Number.isFinite(x) && Number.isFinite(y) && typeof aId !== 'string' && typeof bId !== 'string')
    return x - y;
  return compareLastChecked(String(aId), String(bId));
}
