import { afterAll } from 'vitest';
import {
  createKyselyOrderRepository,
  migrateOrderSyncSchema,
} from '../../../../src/repositories/kysely/index';
import { runOrderRepositoryContract } from '../../../../src/testing/index';
import { readStoredOrderPayment } from '../../../contract/support/read-stored-order-payment';
import { createShopSchema, SHOP_MAPPING, uuidOf } from './mapped-schemas';
import { emptyTables, seedRows } from './seed-rows';
import { createTestDatabase, type Dialect } from './test-databases';

/** The repository contract on one real database: default schema with integer ids, and a mapped uuid schema. */
export async function registerKyselyContract(dialect: Dialect, label: string): Promise<void> {
  const database = await createTestDatabase(dialect);
  afterAll(() => database.drop());
  const { db } = database;
  await migrateOrderSyncSchema(db);
  await migrateOrderSyncSchema(db); // idempotent
  await createShopSchema(database);

  await runOrderRepositoryContract({
    name: `kysely on ${label} (default schema, integer ids)`,
    setup: async () => {
      await emptyTables(db);
      return {
        repository: createKyselyOrderRepository(db),
        insert: (rows) => seedRows(db, dialect, rows),
        read: (id) => readStoredOrderPayment(db, id),
      };
    },
  });

  await runOrderRepositoryContract({
    name: `kysely on ${label} (mapped schema, uuid ids)`,
    makeId: uuidOf,
    setup: async () => {
      await emptyTables(db, SHOP_MAPPING);
      return {
        repository: createKyselyOrderRepository(db, { ...SHOP_MAPPING, idType: 'uuid' }),
        insert: (rows) => seedRows(db, dialect, rows, SHOP_MAPPING),
        read: (id) => readStoredOrderPayment(db, id, SHOP_MAPPING),
      };
    },
  });
}
