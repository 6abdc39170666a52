import { hasErrorKind, PaymentSyncError, type PaymentSyncErrorOptions } from './payment-sync-error';

/** What a {@link SchemaMismatchError} found missing. */
export interface SchemaMismatchDetails {
  /** Tables that do not exist (as mapped, e.g. `orders_order`). */
  missingTables: readonly string[];
  /** Columns that do not exist on an existing table, as `table.column`. */
  missingColumns: readonly string[];
}

/**
 * The database's tables do not have the columns the repository's mapping names, so the first read would
 * fail with "no such column". Raised by `migrateOrderSyncSchema` (which then writes nothing) and
 * reported by `checkOrderSyncSchema`; `missingTables` and `missingColumns` (`table.column`) say what.
 *
 * @example
 * ```ts
 * try { await migrateOrderSyncSchema(db); }
 * catch (error) {
 *   if (isSchemaMismatchError(error)) logger.error({ missing: error.missingColumns }, 'add these columns');
 *   throw error;
 * }
 * ```
 */
export class SchemaMismatchError extends PaymentSyncError {
  static override readonly kind: string = 'SchemaMismatchError';
  /** Tables that do not exist. */
  readonly missingTables: readonly string[];
  /** Missing columns of existing tables, as `table.column`. */
  readonly missingColumns: readonly string[];

  constructor(message: string, details: SchemaMismatchDetails, options: PaymentSyncErrorOptions = {}) {
    super(message, 'SCHEMA_MISMATCH', options);
    this.missingTables = Object.freeze([...details.missingTables]);
    this.missingColumns = Object.freeze([...details.missingColumns]);
  }
}

/** True when `error` is a {@link SchemaMismatchError}, from any installed copy of this package. */
export function isSchemaMismatchError(error: unknown): error is SchemaMismatchError {
  return hasErrorKind(error, 'SchemaMismatchError');
}
