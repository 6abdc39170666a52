import type { Kysely, RawBuilder } from 'kysely';
import type { OrderPayment } from '../../../core/order-payment';
import type { ClaimPendingOrdersQuery } from '../../../ports/order-repository';
import type { TableColumns } from '../inspect-order-sync-schema';
import type { ClaimSql } from '../kysely-reconcile-claims';
import type { OrderSyncDialect } from '../kysely-repository-options';
import type { PendingWrite, RepositorySql } from '../repository-sql';

/**
 * @internal Everything that differs between the databases the Kysely repository speaks, behind one
 * interface, as Kysely keeps each of its databases behind its `DialectAdapter`. Each database implements
 * it in its own module (`postgres.ts`, `mysql.ts`, `sqlite.ts`); the repository, its claims, the
 * migration and the schema check pick one adapter once (`resolveDialect`) and never branch on the
 * database again.
 */
export interface DialectAdapter {
  /** The `dialect` option that names this database. */
  readonly name: OrderSyncDialect;

  /** Kysely's adapter class for this database, by name (`resolveDialect` walks the prototype chain). */
  readonly kyselyAdapterClass: string;
  /**
   * How this database's Kysely compiler writes `${sql.id('x')} = ${1}` (identifier quote and
   * placeholder): confirms a detected adapter that merely shares a class name.
   */
  readonly compiledProbe: string;

  /**
   * `additional_info.last_checked` as text, `null` when absent. The repository sorts and filters on
   * exactly this expression, and the migration indexes exactly this expression: keep the two in step.
   */
  lastChecked(additionalInfo: RawBuilder<unknown>): RawBuilder<unknown>;
  /**
   * The stored JSON object with `patch`'s top-level keys set, computed inside the UPDATE so that it reads
   * the row version the UPDATE itself locked: two concurrent writers never lose each other's keys. A
   * shallow, key-by-key merge (not RFC 7396 merge-patch, which would recurse and delete null keys).
   */
  mergeJson(column: RawBuilder<unknown>, patch: Record<string, unknown>): RawBuilder<unknown>;
  /** `expression asc` with NULL (never checked) first: the listing order's first key. */
  ascNullsFirst(expression: RawBuilder<unknown>): RawBuilder<unknown>;

  /**
   * Runs `updatePendingPayment`'s two writes atomically, payment first (the compare-and-set): the
   * order and payment as written, or `null` when the payment was not `PENDING` (or there is no such order).
   */
  writePending<DB>(repository: RepositorySql<DB>, write: PendingWrite): Promise<OrderPayment | null>;
  /**
   * Leases up to `query.limit` claimable payments to `query.workerId` and reads them back, in listing
   * order, so that concurrent claimers never get the same row.
   */
  claim<DB>(claims: ClaimSql<DB>, query: ClaimPendingOrdersQuery): Promise<OrderPayment[]>;

  /** The default schema's DDL, each statement idempotent on its own (`if not exists`). */
  readonly schemaStatements: readonly string[];
  /** Column types of the reconciler lease, added to a `payments` table that predates them. */
  readonly leaseColumnTypes: { readonly owner: string; readonly until: string };
  /** `alter table ... add column ...` for one missing column. */
  addColumn(table: string, column: string, type: string): RawBuilder<unknown>;
  /**
   * The columns of the unqualified `table` (in `schema` when given) as the catalog reports them, resolved
   * as the repository's queries resolve the name; `null` when there is no such table. Reads the catalog only.
   */
  tableColumns<DB>(db: Kysely<DB>, schema: string | null, table: string): Promise<TableColumns>;
  /** A mapped column name as {@link tableColumns} reports the column a quoted identifier finds. */
  catalogName(column: string): string;
}

/** The payment status check of the default tables, alike on every database. */
export const STATUS_CHECK = "('PENDING', 'COMPLETED', 'FAILED')";
