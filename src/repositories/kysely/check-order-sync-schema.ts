import type { Kysely } from 'kysely';
import { SchemaMismatchError } from '../../errors/schema-mismatch-error';
import { withRepositoryErrors } from '../../errors/with-repository-errors';
import type { DialectAdapter } from './dialects/dialect-adapter';
import { resolveDialect } from './dialects/resolve-dialect';
import {
  hasColumn,
  type RequiredColumn,
  requiredColumns,
  type TableColumns,
  tableColumns,
} from './inspect-order-sync-schema';
import {
  type KyselyOrderRepositoryOptions,
  type OrderSyncDialect,
  type OrderSyncSchemaMapping,
  resolveKyselyOptions,
} from './kysely-repository-options';

/** One thing the database lacks for the mapping. */
export interface OrderSyncSchemaProblem {
  /** A mapped table that does not exist, or a mapped column missing from an existing table. */
  kind: 'missing-table' | 'missing-column';
  /** The table as mapped, e.g. `orders_order`. */
  table: string;
  /** The missing column; `null` for a missing table. */
  column: string | null;
  /** `table.column` (or `table`), what it is mapped as, and how to fix it. */
  message: string;
}

/**
 * What {@link checkOrderSyncSchema} found. `ok: false` carries the {@link SchemaMismatchError} that
 * `migrateOrderSyncSchema` would throw, so start-up code can `throw report.error`.
 */
export type OrderSyncSchemaReport =
  | { ok: true; dialect: OrderSyncDialect; problems: [] }
  | { ok: false; dialect: OrderSyncDialect; problems: OrderSyncSchemaProblem[]; error: SchemaMismatchError };

/** Options of {@link checkOrderSyncSchema}: the repository's own options (`idType` is not used). */
export type CheckOrderSyncSchemaOptions = KyselyOrderRepositoryOptions;

/** @internal The mapped tables' columns, as found. */
export interface FoundTables {
  orders: TableColumns;
  payments: TableColumns;
}

/** @internal Reads the two mapped tables' columns from the catalog. */
export async function inspectTables<DB>(
  db: Kysely<DB>,
  dialect: DialectAdapter,
  { orders, payments }: OrderSyncSchemaMapping,
): Promise<FoundTables> {
  return {
    orders: await tableColumns(db, dialect, orders.table),
    payments: await tableColumns(db, dialect, payments.table),
  };
}

const hint = (required: RequiredColumn): string => {
  if (required.lease) {
    return 'the reconciler lease: migrateOrderSyncSchema adds it, or map payments.leaseOwner and payments.leaseUntil to null, which turns off reconciler claims';
  }
  if (required.key === 'merchantOrderId' || required.key === 'createdAt') {
    return `orders.${required.key}; map it to null when your table has no such column`;
  }
  return `${required.table}.${required.key}`;
};

/**
 * @internal The mapped tables and columns missing from `found`. `ignore` leaves out columns the caller
 * will add itself (the migration's lease columns).
 */
export function findSchemaProblems(
  dialect: DialectAdapter,
  mapping: OrderSyncSchemaMapping,
  found: FoundTables,
  ignore: (required: RequiredColumn) => boolean = () => false,
): OrderSyncSchemaProblem[] {
  const problems: OrderSyncSchemaProblem[] = [];
  for (const which of ['orders', 'payments'] as const) {
    if (found[which] === null) {
      const table = mapping[which].table;
      problems.push({ kind: 'missing-table', table, column: null, message: `${table}: no such table` });
    }
  }
  for (const required of requiredColumns(mapping)) {
    const columns = found[required.table];
    if (columns === null || hasColumn(dialect, columns, required.column) || ignore(required)) continue;
    const table = mapping[required.table].table;
    problems.push({
      kind: 'missing-column',
      table,
      column: required.column,
      message: `${table}.${required.column}: no such column (${hint(required)})`,
    });
  }
  return problems;
}

/** @internal The error naming every problem. */
export function schemaMismatchError(where: string, problems: OrderSyncSchemaProblem[]): SchemaMismatchError {
  return new SchemaMismatchError(
    `${where}: the database's tables do not fit the mapping: ${problems.map((p) => p.message).join('; ')}`,
    {
      missingTables: problems.filter((p) => p.kind === 'missing-table').map((p) => p.table),
      missingColumns: problems.flatMap((p) => (p.column === null ? [] : [`${p.table}.${p.column}`])),
    },
  );
}

/**
 * Checks, without changing anything, that the database has every table and column the repository's
 * mapping names (the same options as `createKyselyOrderRepository`, `orders.extraColumns` included):
 * the check `migrateOrderSyncSchema` runs before it writes. For start-up and readiness probes.
 *
 * Resolves with a report: `ok: true`, or `ok: false` with every problem and the `SchemaMismatchError`
 * to throw. It rejects only when the catalog cannot be read (a `RepositoryError`, e.g. the database is
 * down), which a readiness probe answers as not ready too. Reads the catalog only
 * (`information_schema`/`pg_attribute`, `pragma_table_info`): no table is locked, nothing is created.
 *
 * @param db - Your Kysely instance.
 * @param options - The mapping you give `createKyselyOrderRepository` (`idType` is ignored).
 * @example
 * ```ts
 * import { checkOrderSyncSchema, createKyselyOrderRepository } from 'phonepe-order-sync/kysely';
 *
 * const mapping = {
 *   orders: { table: 'orders_order', merchantOrderId: null, extraColumns: { customerId: 'user_id' } },
 *   payments: { table: 'payments_payment', leaseOwner: null, leaseUntil: null },
 * };
 * // start-up: refuse to serve on tables the repository cannot read
 * const report = await checkOrderSyncSchema(db, mapping);
 * if (!report.ok) throw report.error; // SchemaMismatchError: orders_order.user_id: no such column ...
 * const repository = createKyselyOrderRepository(db, mapping);
 *
 * // readiness probe
 * app.get('/ready', async (_req, res) => {
 *   const schema = await checkOrderSyncSchema(db, mapping).catch(() => null);
 *   res.status(schema?.ok ? 200 : 503).json({ problems: schema?.problems.map((p) => p.message) ?? ['database unreachable'] });
 * });
 * ```
 */
export async function checkOrderSyncSchema<DB>(
  db: Kysely<DB>,
  options?: CheckOrderSyncSchemaOptions,
): Promise<OrderSyncSchemaReport> {
  const where = 'checkOrderSyncSchema';
  const { mapping, dialect: given } = resolveKyselyOptions(options, where);
  const dialect = resolveDialect(db, given, where);
  const found = await withRepositoryErrors(`Kysely OrderRepository.${where}`, () =>
    inspectTables(db, dialect, mapping),
  );
  const problems = findSchemaProblems(dialect, mapping, found);
  return problems.length === 0
    ? { ok: true, dialect: dialect.name, problems: [] }
    : { ok: false, dialect: dialect.name, problems, error: schemaMismatchError(where, problems) };
}
