// The plain-pg repository of examples/custom-repository, held to the published contract on a real
// PostgreSQL server (its own throwaway database).
import pg from 'pg';
import { afterAll } from 'vitest';
import { createPgOrderRepository } from '../../examples/custom-repository/pg-order-repository';
import { migrateOrderSyncSchema } from '../../src/repositories/kysely/index';
import { runOrderRepositoryContract } from '../../src/testing/index';
import { emptyTables, seedRows } from '../integration/kysely/support/seed-rows';
import { createPostgresDatabase, PG } from '../integration/kysely/support/test-databases';

const database = await createPostgresDatabase();
const pool = new pg.Pool({ ...PG, database: database.name, max: 10 });
afterAll(async () => {
  await pool.end();
  await database.drop();
});
await migrateOrderSyncSchema(database.db);

await runOrderRepositoryContract({
  name: 'examples/custom-repository: plain pg',
  setup: async () => {
    await emptyTables(database.db);
    return {
      repository: createPgOrderRepository(pool),
      insert: (rows) => seedRows(database.db, 'postgres', rows),
    };
  },
});
