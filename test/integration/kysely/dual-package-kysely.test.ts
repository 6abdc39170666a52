// The dual-package hazard: an app whose own code `require`s kysely (its CommonJS build) while our ESM build
// imports kysely's ESM build holds two copies of every kysely class. A Kysely instance from the CJS copy
// must still be recognised by the built package (dist, as users load it), on SQLite and PostgreSQL.

import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esmKysely from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createKyselyOrderRepository, migrateOrderSyncSchema } from '../../../dist/kysely.js';
import { buildOrderPayment } from '../../../src/testing/index';
import { seedRows } from './support/seed-rows';
import { createPostgresDatabase, PG } from './support/test-databases';

const require = createRequire(import.meta.url);
const cjsKysely = require('kysely') as typeof import('kysely');
const BetterSqlite = require('better-sqlite3') as typeof import('better-sqlite3');
const pg = require('pg') as typeof import('pg');

// biome-ignore lint/suspicious/noExplicitAny: raw SQL over an untyped Kysely
type AnyKysely = import('kysely').Kysely<any>;

async function roundTrip(db: AnyKysely, dialect: 'sqlite' | 'postgres') {
  await migrateOrderSyncSchema(db);
  const repository = createKyselyOrderRepository(db);
  await seedRows(db, dialect, [
    buildOrderPayment({ id: 1, amount: 1000 }),
    buildOrderPayment({ id: 2, amount: 2000 }),
  ]);
  const listed = await repository.listPendingOrders({ limit: 10 });
  expect(listed.map((op) => op.order.id)).toEqual([1, 2]);
  const updated = await repository.updatePendingPayment('1', {
    paymentStatus: 'COMPLETED',
    orderStatus: 'CONFIRMED',
    transactionId: 'T1',
    additionalInfo: { last_checked: '2024-01-01T10:00:00.000Z' },
  });
  expect(updated?.order).toMatchObject({ id: 1, paymentStatus: 'COMPLETED', orderStatus: 'CONFIRMED' });
  const claimed = await repository.claimPendingOrders!({
    limit: 10,
    workerId: 'w1',
    leaseMs: 60_000,
    now: new Date(),
  });
  expect(claimed.map((op) => op.order.id)).toEqual([2]);
}

describe('a Kysely instance from the CommonJS copy of kysely, given to the ESM build', () => {
  it('really is two copies: the CJS adapter is no instance of the ESM classes', () => {
    expect(cjsKysely.Kysely).not.toBe(esmKysely.Kysely);
    const db = new cjsKysely.Kysely({
      dialect: new cjsKysely.SqliteDialect({ database: new BetterSqlite(':memory:') }),
    });
    expect(db.getExecutor().adapter instanceof esmKysely.SqliteAdapter).toBe(false);
    return db.destroy();
  });

  it('SQLite: migrates and works without naming the dialect', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-dual-'));
    const sqlite = new BetterSqlite(join(dir, 'orders.sqlite'));
    sqlite.pragma('foreign_keys = on');
    const db: AnyKysely = new cjsKysely.Kysely({
      dialect: new cjsKysely.SqliteDialect({ database: sqlite }),
    });
    try {
      await roundTrip(db, 'sqlite');
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('PostgreSQL', () => {
    let drop: (() => Promise<void>) | undefined;
    afterAll(() => drop?.());

    it('migrates and works without naming the dialect', async () => {
      const database = await createPostgresDatabase({ max: 2 });
      drop = () => database.drop();
      const db: AnyKysely = new cjsKysely.Kysely({
        dialect: new cjsKysely.PostgresDialect({
          pool: new pg.Pool({ ...PG, database: database.name, max: 4 }),
        }),
      });
      try {
        await roundTrip(db, 'postgres');
      } finally {
        await db.destroy();
      }
    });
  });
});
