// examples/express as a real process: the smoke scenario on its default SQLite file, and once on
// PostgreSQL through DATABASE_URL. The examples import the package by name (dist/): `npm test` builds first.
import { describe, expect, it } from 'vitest';
import { DEMO_API_TOKEN } from '../../examples/shared/api-token';
import { createPostgresDatabase } from '../integration/kysely/support/test-databases';
import { expectStoppedCleanly, httpExampleScenario, startExample } from './support/http-example-scenario';

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
});
