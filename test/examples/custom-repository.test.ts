// examples/custom-repository/main.ts as a real process against a throwaway PostgreSQL database: schema.sql
// applied, a read-path sync and a reconcile sweep that leases orders through the plain-pg claim methods.
import { describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../integration/kysely/support/test-databases';
import { cleanEnv, runExample } from './support/run-example';

describe('examples/custom-repository', { timeout: 60_000 }, () => {
  it('main.ts: applies schema.sql, syncs one order, sweeps the rest through claimed leases', async () => {
    const database = await createPostgresDatabase({ max: 2 });
    try {
      const env = cleanEnv({ DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database.name}` });
      const run = runExample('examples/custom-repository/main.ts', env);
      expect(await run.exit).toBe(0);
      expect(run.stderr()).toBe('');
      const lines = run.lines();
      const demo = lines.find((l) => l.event === 'demo-orders')!;
      expect(lines).toContainEqual(expect.objectContaining({ event: 'phonepe-simulator' }));
      expect(lines).toContainEqual(
        expect.objectContaining({
          event: 'sync',
          orderId: demo.paid,
          outcome: 'updated',
          orderStatus: 'CONFIRMED',
          statusUpdated: true,
        }),
      );
      // The paid order is settled already: the sweep checks the other two.
      expect(lines).toContainEqual(
        expect.objectContaining({
          event: 'sweep',
          checked: 2,
          updated: 1,
          stillPending: 1,
          stoppedBy: 'done',
        }),
      );

      const rows = await database.db
        .selectFrom('orders as o')
        .innerJoin('payments as p', 'p.order_id', 'o.id')
        .select([
          'o.id',
          'o.order_status',
          'p.payment_status',
          'p.reconcile_lease_owner',
          'p.reconcile_lease_until',
        ])
        .orderBy('o.id')
        .execute();
      const byId = new Map(rows.map((r) => [Number(r.id), r]));
      expect(byId.get(demo.paid as number)).toMatchObject({
        order_status: 'CONFIRMED',
        payment_status: 'COMPLETED',
      });
      expect(byId.get(demo.failed as number)).toMatchObject({
        order_status: 'CANCELLED',
        payment_status: 'FAILED',
      });
      expect(byId.get(demo.pending as number)).toMatchObject({
        order_status: 'PLACED',
        payment_status: 'PENDING',
      });
      // The swept orders went through claimPendingOrders and were released with a next-check time
      // (owner cleared, notBefore kept); the order settled by the read was never leased.
      for (const id of [demo.failed, demo.pending] as number[]) {
        expect(byId.get(id)).toMatchObject({
          reconcile_lease_owner: null,
          reconcile_lease_until: expect.any(Date),
        });
      }
      expect(byId.get(demo.paid as number)).toMatchObject({
        reconcile_lease_owner: null,
        reconcile_lease_until: null,
      });
    } finally {
      await database.drop();
    }
  });
});
