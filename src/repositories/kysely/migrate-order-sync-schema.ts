import { type Kysely, sql } from 'kysely';
import { findSchemaProblems, inspectTables, schemaMismatchError } from './check-order-sync-schema';
import { resolveDialect } from './dialects/resolve-dialect';
import { hasColumn, tableColumns } from './inspect-order-sync-schema';
import {
  DEFAULT_ORDER_SYNC_SCHEMA,
  type KyselyOrderRepositoryOptions,
  type OrderSyncSchemaMapping,
  resolveKyselyOptions,
} from './kysely-repository-options';

/**
 * Options of {@link migrateOrderSyncSchema}: the repository's own options (`idType` is not used). With
 * none, the default tables are created when missing; with a mapping, your tables are only checked (and
 * get the mapped lease columns when those are missing).
 */
export type MigrateOrderSyncSchemaOptions = KyselyOrderRepositoryOptions;

const WHERE = 'migrateOrderSyncSchema';

/**
 * Creates the default `orders` and `payments` tables (the names `createKyselyOrderRepository` uses
 * without options) and the indexes its queries need: the payment by order id (unique), the order by
 * merchant order id (unique), and the pending-orders lookup least recently checked first (a partial
 * expression index on `additional_info->>'last_checked'` on PostgreSQL and SQLite; a status index on
 * MariaDB/MySQL). Column types per dialect: `jsonb` on PostgreSQL, `JSON` on MariaDB/MySQL, `TEXT`
 * (checked with `json_valid`) on SQLite. `payments` also gets the reconciler lease columns
 * `reconcile_lease_owner` (varchar) and `reconcile_lease_until` (bigint, epoch ms), added to a `payments`
 * table created by an earlier version too. The same DDL ships as `schema/postgres.sql`,
 * `schema/mysql.sql` and `schema/sqlite.sql` in the package. Idempotent: safe to run on every start.
 *
 * Existing tables are checked first (the check {@link checkOrderSyncSchema} runs): when one lacks a
 * column the repository reads, it throws a `SchemaMismatchError` naming every missing `table.column`,
 * and writes nothing. With a mapping (`options.orders`/`options.payments`, as given to
 * `createKyselyOrderRepository`) it never creates a table: it checks yours, and adds the two mapped lease
 * columns when they are missing (map both to `null` to turn reconciler claims off instead). On mapped
 * tables, create the pending index yourself (see the README).
 *
 * @example
 * ```ts
 * await migrateOrderSyncSchema(db); // default tables
 * // a Django app's tables: checked, never created
 * await migrateOrderSyncSchema(db, {
 *   orders: { table: 'orders_order', merchantOrderId: null },
 *   payments: { table: 'payments_payment', leaseOwner: null, leaseUntil: null },
 * });
 * ```
 */
export async function migrateOrderSyncSchema<DB>(
  db: Kysely<DB>,
  options: MigrateOrderSyncSchemaOptions = {},
): Promise<void> {
  const { mapping, dialect: given } = resolveKyselyOptions(options, WHERE);
  const dialect = resolveDialect(db, given, WHERE);
  const { payments } = mapping;
  const creates = isDefaultShaped(mapping);
  const found = await inspectTables(db, dialect, mapping);
  // A default table about to be created will have the default columns.
  const expected = {
    orders: found.orders ?? (creates ? DEFAULT_COLUMNS.orders : null),
    payments: found.payments ?? (creates ? DEFAULT_COLUMNS.payments : null),
  };
  const addsLease = payments.leaseOwner !== null && payments.leaseUntil !== null;
  const problems = findSchemaProblems(dialect, mapping, expected, (column) => column.lease && addsLease);
  if (problems.length > 0) throw schemaMismatchError(WHERE, problems);

  if (creates) for (const statement of dialect.schemaStatements) await sql.raw(statement).execute(db);
  if (!addsLease) return;
  // Columns added after the first release: `create table if not exists` leaves an older table as it is.
  const existing = (await tableColumns(db, dialect, payments.table)) ?? new Set<string>();
  const { owner, until } = dialect.leaseColumnTypes;
  for (const [column, type] of [
    [payments.leaseOwner, owner],
    [payments.leaseUntil, until],
  ] as const) {
    if (!column || hasColumn(dialect, existing, column)) continue;
    await dialect.addColumn(payments.table, column, type).execute(db);
  }
}

/** The column names of the tables the default schema creates (lower case, as the catalog reports them). */
const DEFAULT_COLUMNS = {
  orders: columnNames(DEFAULT_ORDER_SYNC_SCHEMA.orders),
  payments: new Set(['id', ...columnNames(DEFAULT_ORDER_SYNC_SCHEMA.payments)]),
};

function columnNames(mapping: object): Set<string> {
  return new Set(
    Object.entries(mapping).flatMap(([key, value]) =>
      key !== 'table' && typeof value === 'string' ? [value] : [],
    ),
  );
}

/**
 * Whether the default DDL gives the repository what `mapping` names: both default table names, and every
 * column either the default name or `null`. Only then may the migration create a table.
 */
function isDefaultShaped({ orders, payments }: OrderSyncSchemaMapping): boolean {
  const same = (mapped: object, defaults: object) =>
    Object.entries(mapped).every(
      ([key, value]) =>
        key === 'extraColumns' || value === null || value === (defaults as Record<string, unknown>)[key],
    );
  return same(orders, DEFAULT_ORDER_SYNC_SCHEMA.orders) && same(payments, DEFAULT_ORDER_SYNC_SCHEMA.payments);
}
