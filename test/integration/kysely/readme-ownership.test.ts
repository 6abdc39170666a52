// The README's shared `payment-sync.ts` module (examples/readme/payment-sync.ts, quoted unchanged): its
// `ownsOrder` reads the order's own `customer_id` column through `orders.extraColumns`. Run as written,
// over the built package and its in-memory SQLite database (ownership.test.ts covers PostgreSQL and MariaDB).
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createOrder } from '../../../examples/shared/create-order';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('README: payment-sync.ts and ownsOrder', () => {
  it('quotes examples/readme/payment-sync.ts unchanged', () => {
    const readme = read('README.md');
    const at = readme.indexOf('<!-- quoted from examples/readme/payment-sync.ts');
    expect(at).toBeGreaterThan(-1);
    expect(/```ts\n([\s\S]*?)```/.exec(readme.slice(at))?.[1]).toBe(read('examples/readme/payment-sync.ts'));
  });

  it("ownsOrder admits the order's customer only", async () => {
    Object.assign(process.env, {
      PHONEPE_CLIENT_ID: 'readme-client',
      PHONEPE_CLIENT_SECRET: 'readme-secret',
      PHONEPE_WEBHOOK_USERNAME: 'u',
      PHONEPE_WEBHOOK_PASSWORD: 'p',
    });
    const { db } = await import('../../../examples/readme/database');
    const { ownsOrder, paymentSync } = await import('../../../examples/readme/payment-sync');
    const { migrateOrderSyncSchema } = await import('phonepe-order-sync/kysely');
    try {
      await migrateOrderSyncSchema(db);
      await sql`alter table orders add column customer_id integer`.execute(db);
      const id = await createOrder(db, { amount: 100, merchantOrderId: 'README-1' });
      await sql`update orders set customer_id = 41 where id = ${id}`.execute(db);

      const orderPayment = await paymentSync.findOrderPayment(id);
      expect(orderPayment).not.toBeNull();
      expect(ownsOrder('41', orderPayment!)).toBe(true);
      expect(ownsOrder('42', orderPayment!)).toBe(false);
      expect(ownsOrder(undefined, orderPayment!)).toBe(false);
    } finally {
      await db.destroy();
    }
  });
});
