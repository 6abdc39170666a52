// "Creating an order" in src/repositories/kysely/README.md: the snippet is examples/shared/create-order.ts,
// quoted unchanged, and it creates an order the library sees, settles and lists, on the real databases.
// An order row without its payment row is invisible, as that README says.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder } from '../../../examples/shared/create-order';
import { createPaymentSync } from '../../../src/index';
import { createKyselyOrderRepository, migrateOrderSyncSchema } from '../../../src/repositories/kysely/index';
import { createFakePaymentGateway } from '../../../src/testing/index';
import { createTestDatabase, type Dialect, type TestDatabase } from './support/test-databases';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('Kysely README: creating an order', () => {
  it('quotes examples/shared/create-order.ts unchanged', () => {
    const readme = read('src/repositories/kysely/README.md');
    const marker = '<!-- quoted from examples/shared/create-order.ts';
    const at = readme.indexOf(marker);
    expect(at).toBeGreaterThan(-1);
    const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
    expect(block?.[1]).toBe(read('examples/shared/create-order.ts'));
  });
});

describe.each<[Dialect]>([['postgres'], ['mysql'], ['sqlite']])('createOrder on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await migrateOrderSyncSchema(database.db);
  });
  afterAll(() => database?.drop());

  it('creates an order the repository reads, a webhook settles and the reconciler lists', async () => {
    const { db } = database;
    const id = await createOrder(db, {
      amount: 49_900,
      merchantOrderId: 'SHOP-1001',
      redirectUrl: 'https://shop.example/pay/1001',
    });
    const second = await createOrder(db, { amount: 100, merchantOrderId: 'SHOP-1002' });
    expect(typeof id).toBe('number');

    const repository = createKyselyOrderRepository(db);
    await expect(repository.findOrderPayment(String(id))).resolves.toMatchObject({
      order: {
        id,
        paymentStatus: 'PENDING',
        orderStatus: 'PLACED',
        amount: 49_900,
        merchantOrderId: 'SHOP-1001',
      },
      payment: {
        orderId: id,
        paymentStatus: 'PENDING',
        transactionId: null,
        additionalInfo: { redirect_url: 'https://shop.example/pay/1001' },
      },
    });
    expect((await repository.listPendingOrders({ limit: 10 })).map((op) => op.order.id).sort()).toEqual(
      [id, second].sort(),
    );

    const paymentSync = createPaymentSync({ repository, gateway: createFakePaymentGateway() });
    const settled = await paymentSync.applyGatewayStatus(
      'SHOP-1001',
      { state: 'COMPLETED', transactionId: 'TXN1', amount: 49_900 },
      { source: 'webhook' },
    );
    expect(settled).toMatchObject({
      outcome: 'updated',
      order: { orderStatus: 'CONFIRMED' },
      payment: {
        paymentStatus: 'COMPLETED',
        additionalInfo: { redirect_url: 'https://shop.example/pay/1001' },
      },
    });
  });

  it('an order row without its payment row is invisible', async () => {
    const { db } = database;
    await sql`insert into orders (amount, merchant_order_id) values (500, 'SHOP-ORPHAN')`.execute(db);
    const { rows } = await sql<{
      id: unknown;
    }>`select id from orders where merchant_order_id = 'SHOP-ORPHAN'`.execute(db);
    const repository = createKyselyOrderRepository(db);
    await expect(repository.findOrderPayment(String(rows[0]!.id))).resolves.toBeNull();
    await expect(repository.findOrderPaymentByMerchantOrderId!('SHOP-ORPHAN')).resolves.toBeNull();
    const listed = await repository.listPendingOrders({ limit: 10 });
    expect(listed.map((op) => op.order.merchantOrderId)).not.toContain('SHOP-ORPHAN');
  });
});
