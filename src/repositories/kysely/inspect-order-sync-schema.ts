import { type Kysely, sql } from 'kysely';
import type { OrderSyncDialect, OrderSyncSchemaMapping } from './kysely-repository-options';

/** The column names of one table as the database reports them; `null` when the table does not exist. */
export type TableColumns = ReadonlySet<string> | null;

/** @internal One column this library needs, and why (said in the problem's message). */
export interface RequiredColumn {
  table: 'orders' | 'payments';
  key: string;
  column: string;
  lease: boolean;
}

/** @internal Every column the mapping names, the extra columns included; `null`-mapped ones left out. */
export function requiredColumns({ orders, payments }: OrderSyncSchemaMapping): RequiredColumn[] {
  const list: RequiredColumn[] = [];
  const add = (table: RequiredColumn['table'], key: string, column: string | null | undefined) => {
    if (column) list.push({ table, key, column, lease: key === 'leaseOwner' || key === 'leaseUntil' });
  };
  for (const key of ['id', 'paymentStatus', 'orderStatus', 'amount', 'merchantOrderId', 'createdAt'] as const)
    add('orders', key, orders[key]);
  for (const [key, column] of Object.entries(orders.extraColumns ?? {}))
    add('orders', `extraColumns.${key}`, column);
  for (const key of [
    'orderId',
    'paymentStatus',
    'transactionId',
    'additionalInfo',
    'leaseOwner',
    'leaseUntil',
  ] as const)
    add('payments', key, payments[key]);
  return list;
}

/**
 * @internal Whether `columns` holds `column` the way the repository's quoted identifiers will find it:
 * exactly on PostgreSQL, ignoring case on MariaDB/MySQL and SQLite.
 */
export function hasColumn(dialect: OrderSyncDialect, columns: ReadonlySet<string>, column: string): boolean {
  return columns.has(dialect === 'postgres' ? column : column.toLowerCase());
}

/**
 * @internal The columns of `table` (which may be schema-qualified, `shop.orders`), resolved the way an
 * unqualified name in the repository's queries is: the search path on PostgreSQL, the connection's
 * database on MariaDB/MySQL, `main` (and attached databases) on SQLite. Names are lower-cased except on
 * PostgreSQL. Reads the catalog only.
 */
export async function tableColumns<DB>(
  db: Kysely<DB>,
  dialect: OrderSyncDialect,
  table: string,
): Promise<TableColumns> {
  const dot = table.indexOf('.');
  const schema = dot === -1 ? null : table.slice(0, dot);
  const name = dot === -1 ? table : table.slice(dot + 1);
  if (dialect === 'postgres') {
    const quoted = (part: string) => `"${part.replace(/"/g, '""')}"`;
    const regclass = schema === null ? quoted(name) : `${quoted(schema)}.${quoted(name)}`;
    const { rows } = await sql<{ found: boolean; name: string | null }>`
      select r.oid is not null as found, a.attname as name
      from (select to_regclass(${regclass}) as oid) r
      left join pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped`.execute(db);
    if (!rows[0]?.found) return null;
    return new Set(rows.flatMap((row) => (row.name === null ? [] : [String(row.name)])));
  }
  const { rows } =
    dialect === 'mysql'
      ? await sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = ${schema === null ? sql`database()` : schema} and table_name = ${name}`.execute(
          db,
        )
      : await sql<{ name: string }>`select name from pragma_table_info(${name}${
          schema === null ? sql`` : sql`, ${schema}`
        })`.execute(db);
  // A table has at least one column on both, so none means no such table.
  return rows.length === 0 ? null : new Set(rows.map((row) => String(row.name).toLowerCase()));
}
