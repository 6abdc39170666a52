import { type Kysely, type RawBuilder, sql } from 'kysely';
import { abortableSleep } from '../../../core/abortable-sleep';
import type { OrderPayment } from '../../../core/order-payment';
import type { ClaimPendingOrdersQuery } from '../../../ports/order-repository';
import type { TableColumns } from '../inspect-order-sync-schema';
import { type ClaimSql, IDS_PER_STATEMENT } from '../kysely-reconcile-claims';
import { compareListed } from '../listing-order';
import type { PendingWrite, RepositorySql } from '../repository-sql';
import { type DialectAdapter, STATUS_CHECK } from './dialect-adapter';
import { jsonPath } from './json-path';

// MariaDB 10.6+ / MySQL 8 (`mysql2`): a JSON column merged with `json_set`, writes and claims in
// transactions, no RETURNING, and no index on the JSON sort key (the status index serves the lookup).

/** Attempts of a claim that lost a deadlock. */
const CLAIM_ATTEMPTS = 5;

/** One transaction, payment first (the compare-and-set), then the order; read back afterwards. */
function writePending<DB>(repository: RepositorySql<DB>, write: PendingWrite): Promise<OrderPayment | null> {
  return repository.db.transaction().execute(async (trx) => {
    const executor = trx as unknown as Kysely<DB>;
    const { numAffectedRows } = await write.payment.execute(executor);
    if (!numAffectedRows) return null;
    if (write.order) {
      const written = await write.order.execute(executor);
      // Throwing rolls the payment write back: never half-written.
      if (!written.numAffectedRows) throw new Error('the order row vanished during the update');
    }
    return repository.read(executor, repository.byId(write.id));
  });
}

/**
 * A claim in one transaction ({@link claimOnce}). A safety net: should InnoDB still pick a claim as a
 * deadlock victim (or time out a lock wait), the transaction is rolled back whole and nothing of it is
 * visible, so it is simply run again after a short random pause.
 */
async function claim<DB>(claims: ClaimSql<DB>, query: ClaimPendingOrdersQuery): Promise<OrderPayment[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await claimOnce(claims, query);
    } catch (error) {
      if (attempt >= CLAIM_ATTEMPTS || !isDeadlock(error)) throw error;
      await abortableSleep(Math.random() * 10 * attempt);
    }
  }
}

/**
 * One READ COMMITTED transaction (no gap locks): read the next candidates in listing order without
 * locking, lock them with `FOR UPDATE SKIP LOCKED` (the lock re-checks the WHERE on the latest committed
 * row), lease the ones locked, read them back.
 *
 * Why not one locking SELECT with ORDER BY ... LIMIT: MariaDB cannot index the JSON sort key, so that
 * statement filesorts and InnoDB locks every row it scanned, not just the LIMIT: a concurrent claimer
 * would skip them all and get an empty page while work remains. Locking named candidates locks only
 * those; candidates someone else holds are excluded and the next ones read, until the page is full or
 * nothing is left.
 */
function claimOnce<DB>(claims: ClaimSql<DB>, query: ClaimPendingOrdersQuery): Promise<OrderPayment[]> {
  const { payments } = claims.mapping;
  const table = sql.table(payments.table);
  return claims.db
    .transaction()
    .setIsolationLevel('read committed')
    .execute(async (trx) => {
      const executor = trx as unknown as Kysely<DB>;
      const { condition, lastChecked } = claims.claimable('q', query);
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
      const orderId = sql.id(payments.orderId);
      for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
        await sql`update ${table} set ${claims.leaseSet(query)}
          where ${orderId} in (${sql.join(ids.slice(i, i + IDS_PER_STATEMENT))})`.execute(executor);
      }
      return claims.readInOrder(executor, ids);
    });
}

/** ER_LOCK_DEADLOCK (1213) or ER_LOCK_WAIT_TIMEOUT (1205): the transaction was rolled back, retry it. */
function isDeadlock(error: unknown): boolean {
  const errno = (error as { errno?: unknown } | null)?.errno;
  return errno === 1213 || errno === 1205;
}

/** In the connection's database unless `schema` names one. */
async function tableColumns<DB>(db: Kysely<DB>, schema: string | null, table: string): Promise<TableColumns> {
  const { rows } = await sql<{ name: string }>`select column_name as name from information_schema.columns
    where table_schema = ${schema === null ? sql`database()` : schema} and table_name = ${table}`.execute(db);
  // A table has at least one column, so none means no such table.
  return rows.length === 0 ? null : new Set(rows.map((row) => String(row.name).toLowerCase()));
}

const SCHEMA = [
  `create table if not exists orders (
    id bigint not null auto_increment primary key,
    payment_status varchar(16) not null default 'PENDING' check (payment_status in ${STATUS_CHECK}),
    order_status varchar(64) not null default 'PLACED',
    amount bigint not null check (amount >= 0),
    merchant_order_id varchar(255) null,
    created_at datetime(3) not null default current_timestamp(3),
    unique key orders_merchant_order_id_key (merchant_order_id)
  ) engine = InnoDB`,
  // No index on a JSON expression here: the pending lookup is served by the status index and only the
  // pending rows are sorted.
  `create table if not exists payments (
    id bigint not null auto_increment primary key,
    order_id bigint not null,
    payment_status varchar(16) not null default 'PENDING' check (payment_status in ${STATUS_CHECK}),
    transaction_id varchar(255) null,
    additional_info json not null default (json_object()),
    reconcile_lease_owner varchar(200) null,
    reconcile_lease_until bigint null,
    unique key payments_order_id_key (order_id),
    key payments_payment_status_idx (payment_status),
    constraint payments_order_id_fkey foreign key (order_id) references orders (id) on delete cascade
  ) engine = InnoDB`,
];

/** @internal MariaDB 10.6+ and MySQL 8. */
export const mysqlAdapter: DialectAdapter = {
  name: 'mysql',
  kyselyAdapterClass: 'MysqlAdapter',
  compiledProbe: '`x` = ?',

  lastChecked: (column) => sql`json_unquote(json_extract(${column}, '$.last_checked'))`,
  // Each value is taken from the bound patch as JSON (json_extract's result is JSON), so strings,
  // numbers, null and nested objects are stored as they are.
  mergeJson(column, patch) {
    const keys = Object.keys(patch);
    if (keys.length === 0) return column;
    const json = JSON.stringify(patch);
    const pairs: RawBuilder<unknown>[] = keys.map((key) => {
      const path = jsonPath(key);
      return sql`${path}, json_extract(${json}, ${path})`;
    });
    return sql`json_set(coalesce(${column}, json_object()), ${sql.join(pairs)})`;
  },
  // NULL sorts first in ascending order already.
  ascNullsFirst: (expression) => sql`${expression} asc`,

  writePending,
  claim,

  schemaStatements: SCHEMA,
  leaseColumnTypes: { owner: 'varchar(200) null', until: 'bigint null' },
  addColumn: (table, column, type) =>
    sql`alter table ${sql.table(table)} add column ${sql.id(column)} ${sql.raw(type)}`,
  tableColumns,
  // Column names ignore case here; the catalog's are compared in lower case.
  catalogName: (column) => column.toLowerCase(),
};
