import type { Kysely } from 'kysely';
import type { DialectAdapter } from './dialects/dialect-adapter';
import type { OrderSyncSchemaMapping } from './kysely-repository-options';

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
export function hasColumn(dialect: DialectAdapter, columns: ReadonlySet<string>, column: string): boolean {
  return columns.has(dialect.catalogName(column));
}

/**
 * @internal The columns of `table` (which may be schema-qualified, `shop.orders`), resolved the way an
 * unqualified name in the repository's queries is: the search path on PostgreSQL, the connection's
 * database on MariaDB/MySQL, `main` (and attached databases) on SQLite. Names are lower-cased except on
 * PostgreSQL. Reads the catalog only.
 */
export function tableColumns<DB>(
  db: Kysely<DB>,
  dialect: DialectAdapter,
  table: string,
): Promise<TableColumns> {
  const dot = table.indexOf('.');
  return dot === -1
    ? dialect.tableColumns(db, null, table)
    : dialect.tableColumns(db, table.slice(0, dot), table.slice(dot + 1));
}
