// The plain-pg repository of examples/custom-repository, held to the published contract (claim cases
// included: it implements claimPendingOrders/releaseOrderClaim) on a real PostgreSQL server, in its own
// throwaway database created from the example's schema.sql. Stored states are also read back with raw SQL
// (the `read` backdoor), so a write the example's own getter reports must be in the tables.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { createPgOrderRepository } from '../../examples/custom-repository/pg-order-repository';
import { runOrderRepositoryContract } from '../../src/testing/index';
import { emptyTables, seedRows } from '../integration/kysely/support/seed-rows';
import { createPostgresDatabase, PG } from '../integration/kysely/support/test-databases';
import { readStoredOrderPayment } from './support/read-stored-order-payment';

const schema = await readFile(
  resolve(import.meta.dirname, '../../examples/custom-repository/schema.sql'),
  'utf8',
);
const database = await createPostgresDatabase();
const pool = new pg.Pool({ ...PG, database: database.name, max: 10 });
afterAll(async () => {
  await pool.end();
  await database.drop();
});
await pool.query(schema);

it('schema.sql is idempotent (run on every start)', async () => {
  await expect(pool.query(schema)).resolves.toBeDefined();
});

it('implements the optional claim capability', () => {
  const repository = createPgOrderRepository(pool);
  expect([typeof repository.claimPendingOrders, typeof repository.releaseOrderClaim]).toEqual([
    'function',
    'function',
  ]);
});

await runOrderRepositoryContract({
  name: 'examples/custom-repository: plain pg',
  setup: async () => {
    await emptyTables(database.db);
    return {
      repository: createPgOrderRepository(pool),
      insert: (rows) => seedRows(database.db, 'postgres', rows),
      read: (id) => readStoredOrderPayment(database.db, id),
    };
  },
});
