/**
 * The SQL `OrderRepository` for phonepe-order-sync over Kysely: PostgreSQL, MySQL/MariaDB and SQLite.
 * Requires the optional peer dependency `kysely` and your database driver.
 * @module phonepe-order-sync/kysely
 */
export {
  isSchemaMismatchError,
  type SchemaMismatchDetails,
  SchemaMismatchError,
} from '../../errors/schema-mismatch-error';
export {
  type CheckOrderSyncSchemaOptions,
  checkOrderSyncSchema,
  type OrderSyncSchemaProblem,
  type OrderSyncSchemaReport,
} from './check-order-sync-schema';
export { createKyselyOrderRepository } from './create-kysely-order-repository';
export type { KyselyOrderRepository } from './kysely-order-repository';
export {
  DEFAULT_ORDER_SYNC_SCHEMA,
  type KyselyOrderRepositoryOptions,
  type OrderIdType,
  type OrderSyncDialect,
  type OrderSyncSchemaMapping,
  type OrdersTableMapping,
  type PaymentsTableMapping,
} from './kysely-repository-options';
export { type MigrateOrderSyncSchemaOptions, migrateOrderSyncSchema } from './migrate-order-sync-schema';
