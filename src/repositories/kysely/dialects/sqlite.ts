import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { OrderPayment } from '../../../core/order-payment';
import type { ClaimPendingOrdersQuery } from '../../../ports/order-repository';
import type { TableColumns } from '../inspect-order-sync-schema';
import type { ClaimSql } from '../kysely-reconcile-claims';
import { compareListed } from '../listing-order';
import type { OrderPaymentRow } from '../read-order-payment';
import type { PendingWrite, RepositorySql } from '../repository-sql';
import { type DialectAdapter, STATUS_CHECK } from './dialect-adapter';
import { jsonPath } from './json-path';

// SQLite (`better-sqlite3`): JSON as checked TEXT merged with `json_set`, writes and claims in one write
// transaction each (RETURNING spares the read-back), a partial expression index.

const lastChecked = (column: RawBuilder<unknown>) => sql`json_extract(${column}, '$.last_checked')`;

/** One transaction, payment first (the compare-and-set), then the order, each returning its row. */
function writePending<DB>(
  { db, orderColumns, paymentColumns, toOrderPayment }: RepositorySql<DB>,
  write: PendingWrite,
): Promise<OrderPayment | null> {
  return db.transaction().execute(async (trx) => {
    const executor = trx as unknown as Kysely<DB>;
    const paid = await sql<OrderPaymentRow>`${write.payment} returning ${paymentColumns}`.execute(executor);
    if (!paid.rows[0]) return null;
    const { rows } = await (write.order
      ? sql<OrderPaymentRow>`${write.order} returning ${orderColumns}`
      : sql<OrderPaymentRow>`${write.readOrder}`
    ).execute(executor);
    // Throwing rolls the payment write back: never half-written.
    if (!rows[0]) throw new Error('the order row vanished during the update');
    return toOrderPayment({ ...rows[0], ...paid.rows[0] });
  });
}

/**
 * A write first, so the transaction holds the database's write lock from its first statement (BEGIN
 * IMMEDIATE semantics: no reader-to-writer upgrade that could fail with SQLITE_BUSY), which serialises
 * claimers; the UPDATE picks and leases in one statement.
 */
function claim<DB>(
  { db, mapping: { payments }, leaseSet, claimable, readInOrder }: ClaimSql<DB>,
  query: ClaimPendingOrdersQuery,
): Promise<OrderPayment[]> {
  const table = sql.table(payments.table);
  const orderId = sql.id(payments.orderId);
  const candidate = sql.id('q', payments.orderId);
  return db.transaction().execute(async (trx) => {
    const executor = trx as unknown as Kysely<DB>;
    const { condition, lastChecked: candidateChecked } = claimable('q', query);
    const { rows } = await sql<{ id: unknown; last_checked: unknown }>`update ${table} set ${leaseSet(query)}
        where ${orderId} in (
          select ${candidate} from ${table} as q where ${condition}
          order by ${candidateChecked} asc, ${candidate} asc limit ${sql.lit(query.limit)})
        returning ${orderId} as id, ${lastChecked(sql.id(payments.additionalInfo))} as last_checked`.execute(
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
}

/** In `main` (and attached databases) unless `schema` names one. */
async function tableColumns<DB>(db: Kysely<DB>, schema: string | null, table: string): Promise<TableColumns> {
  const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table}${
    schema === null ? sql`` : sql`, ${schema}`
  })`.execute(db);
  // A table has at least one column, so none means no such table.
  return rows.length === 0 ? null : new Set(rows.map((row) => String(row.name).toLowerCase()));
}

const SCHEMA = [
  `create table if not exists orders (
    id integer primary key,
    payment_status text not null default 'PENDING' check (payment_status in ${STATUS_CHECK}),
    order_status text not null default 'PLACED',
    amount integer not null check (amount >= 0),
    merchant_order_id text unique,
    created_at text not null default (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  )`,
  `create table if not exists payments (
    id integer primary key,
    order_id integer not null unique references orders (id) on delete cascade,
    payment_status text not null default 'PENDING' check (payment_status in ${STATUS_CHECK}),
    transaction_id text,
    additional_info text not null default '{}' check (json_valid(additional_info)),
    reconcile_lease_owner text,
    reconcile_lease_until integer
  )`,
  // Pending rows only, in listing order (NULL sorts first here already), ties by order id.
  `create index if not exists payments_pending_check_order_idx
    on payments (json_extract(additional_info, '$.last_checked'), order_id) where payment_status = 'PENDING'`,
  'drop index if exists payments_pending_last_checked_idx',
];

/** @internal SQLite. */
export const sqliteAdapter: DialectAdapter = {
  name: 'sqlite',
  kyselyAdapterClass: 'SqliteAdapter',
  compiledProbe: '"x" = ?',

  lastChecked,
  // Each value is taken from the bound patch as JSON (`->` returns JSON text and json() marks it as
  // JSON), so strings, numbers, null and nested objects are stored as they are.
  mergeJson(column, patch) {
    const keys = Object.keys(patch);
    if (keys.length === 0) return column;
    const json = JSON.stringify(patch);
    const pairs: RawBuilder<unknown>[] = keys.map((key) => {
      const path = jsonPath(key);
      return sql`${path}, json(${json} -> ${path})`;
    });
    return sql`json_set(coalesce(${column}, '{}'), ${sql.join(pairs)})`;
  },
  // NULL sorts first in ascending order already.
  ascNullsFirst: (expression) => sql`${expression} asc`,

  writePending,
  claim,

  schemaStatements: SCHEMA,
  leaseColumnTypes: { owner: 'text', until: 'integer' },
  addColumn: (table, column, type) =>
    sql`alter table ${sql.table(table)} add column ${sql.id(column)} ${sql.raw(type)}`,
  tableColumns,
  // Column names ignore case here; the catalog's are compared in lower case.
  catalogName: (column) => column.toLowerCase(),
};
