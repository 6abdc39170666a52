// examples/express as a real process: the smoke scenario on its default SQLite file, once on PostgreSQL
// through DATABASE_URL, and once configured for real PhonePe (pointed at a simulator this test runs).
// The examples import the package by name (dist/): `npm test` builds first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DEMO_API_TOKEN } from '../../examples/shared/api-token';
import { migrateOrderSyncSchema } from '../../src/repositories/kysely/index';
import { createPhonePeSimulator, servePhonePeSimulator } from '../../src/testing/index';
import { createPostgresDatabase } from '../integration/kysely/support/test-databases';
import { expectStoppedCleanly, httpExampleScenario, startExample } from './support/http-example-scenario';
import { cleanEnv, runExample } from './support/run-example';

const file = 'examples/express/server.ts';

describe('examples/express', { timeout: 60_000 }, () => {
  httpExampleScenario({
    file,
    orderPath: (id) => `/api/common/orders/${id}/`,
    webhookPath: '/webhooks/phonepe',
  });

  it('DATABASE_URL=postgres://... switches the same app to PostgreSQL', async () => {
    const database = await createPostgresDatabase({ max: 2 });
    try {
      const { run, url, paid } = await startExample(file, {
        DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database.name}`,
      });
      expect(run.lines()).toContainEqual(expect.objectContaining({ event: 'database', kind: 'postgres' }));
      const res = await fetch(`${url}/api/common/orders/${paid}/`, {
        headers: { authorization: `Bearer ${DEMO_API_TOKEN}` },
      });
      expect(await res.json()).toMatchObject({
        order: { id: paid, order_status: 'CONFIRMED' },
        status_updated: true,
      });
      await expectStoppedCleanly(run);
      const rows = await database.db
        .selectFrom('orders')
        .select(['id', 'order_status'])
        .where('id', '=', paid)
        .execute();
      expect(rows.map((r) => ({ id: Number(r.id), order_status: r.order_status }))).toEqual([
        { id: paid, order_status: 'CONFIRMED' },
      ]);
    } finally {
      await database.drop();
    }
  });

  it('with PhonePe credentials: uses them (no simulator, no demo rows); a request in flight at SIGTERM completes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-example-'));
    const sqliteFile = join(dir, 'shop.sqlite');
    // "PhonePe" here is a simulator this test runs, reached through PHONEPE_BASE_URL; only these
    // credentials get a token.
    const phonepe = createPhonePeSimulator({
      clients: [{ clientId: 'merchant-1', clientSecret: 'client-s3cret' }],
    });
    const served = await servePhonePeSimulator(phonepe);
    try {
      // biome-ignore lint/suspicious/noExplicitAny: the default tables, untyped
      const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(sqliteFile) }) });
      await migrateOrderSyncSchema(db);
      await db.insertInto('orders').values({ id: 500, amount: 10_000 }).execute();
      await db.insertInto('payments').values({ order_id: 500 }).execute();
      await db.destroy();
      phonepe.createOrder('500', { amount: 10_000, state: 'COMPLETED', transactionId: 'TXN500' });

      const run = runExample(
        file,
        cleanEnv({
          PORT: '0',
          DATABASE_URL: sqliteFile,
          PHONEPE_CLIENT_ID: 'merchant-1',
          PHONEPE_CLIENT_SECRET: 'client-s3cret',
          PHONEPE_BASE_URL: served.url,
          PHONEPE_WEBHOOK_USERNAME: 'hook-user',
          PHONEPE_WEBHOOK_PASSWORD: 'hook-password',
          API_TOKEN: 'test-token',
        }),
      );
      const url = String((await run.waitFor('listening')).url);
      expect(run.lines()).toContainEqual(
        expect.objectContaining({ event: 'phonepe', environment: 'sandbox' }),
      );
      expect(
        run.lines().filter((l) => /simulator|demo|api-token|webhook-credentials/.test(String(l.event))),
      ).toEqual([]);
      expect(
        (
          await fetch(`${url}/api/common/orders/500/`, {
            headers: { authorization: `Bearer ${DEMO_API_TOKEN}` },
          })
        ).status,
      ).toBe(404);

      // Hold PhonePe's answer, send SIGTERM while the read waits for it: the read still completes.
      phonepe.inject({ type: 'latency', ms: 1_000 }, { endpoint: 'status' });
      const statusCallsBefore = phonepe.counts.status;
      const inFlight = fetch(`${url}/api/common/orders/500/`, {
        headers: { authorization: 'Bearer test-token' },
      });
      while (phonepe.counts.status === statusCallsBefore) await new Promise((r) => setTimeout(r, 10));
      const exit = run.stop('SIGTERM');
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        order: { id: 500, payment_status: 'COMPLETED', order_status: 'CONFIRMED' },
        payment: { transaction_id: 'TXN500' },
        status_updated: true,
      });
      expect(await exit).toBe(0);
      expect(run.stderr()).toBe('');
      const events = run.lines().map((l) => l.event);
      expect(events.indexOf('stopping')).toBeLessThan(events.indexOf('status-change'));
      expect(events.indexOf('status-change')).toBeLessThan(events.indexOf('stopped'));
      expect(phonepe.counts.token).toBe(1);

      const sqlite = new Database(sqliteFile, { readonly: true });
      try {
        expect(sqlite.prepare('select id, order_status from orders').all()).toEqual([
          { id: 500, order_status: 'CONFIRMED' },
        ]);
      } finally {
        sqlite.close();
      }
    } finally {
      await served.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with PhonePe credentials but no webhook credentials: refuses to start, naming the variables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-example-'));
    try {
      const run = runExample(
        file,
        cleanEnv({
          PORT: '0',
          DATABASE_URL: join(dir, 'shop.sqlite'),
          PHONEPE_CLIENT_ID: 'merchant-1',
          PHONEPE_CLIENT_SECRET: 'client-s3cret',
          API_TOKEN: 'test-token',
        }),
      );
      expect(await run.exit).toBe(1);
      expect(run.stderr()).toContain('Set PHONEPE_WEBHOOK_USERNAME and PHONEPE_WEBHOOK_PASSWORD');
      expect(run.lines().some((l) => l.event === 'listening')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
