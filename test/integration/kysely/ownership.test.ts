// Ownership with the Kysely repository: `orders.extraColumns` reads the shop's own columns along with the
// order, so the order route's `authorize` can check who owns it without a second query. On the real
// databases, through the framework-neutral order handler, and on every read path of the repository.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrderDetailsHttpHandler } from '../../../src/http/index';
import { createPaymentSync, type OrderPayment } from '../../../src/index';
import {
  checkOrderSyncSchema,
  createKyselyOrderRepository,
  migrateOrderSyncSchema,
} from '../../../src/repositories/kysely/index';
import { createFakePaymentGateway } from '../../../src/testing/index';
import { createDjangoSchema, DJANGO_MAPPING } from './support/mapped-schemas';
import { createTestDatabase, type Dialect, type TestDatabase } from './support/test-databases';

interface FakeRequest {
  user?: { id: number };
}

describe.each<[Dialect]>([['postgres'], ['mysql'], ['sqlite']])('ownership on %s', (dialect) => {
  let django: TestDatabase;
  let defaults: TestDatabase;
  beforeAll(async () => {
    [django, defaults] = await Promise.all([createTestDatabase(dialect), createTestDatabase(dialect)]);
    await createDjangoSchema(django);
    for (const [id, userId] of [
      [1, 41],
      [2, 42],
    ] as const) {
      await sql`insert into orders_order (id, user_id, amount, payment_status, order_status)
        values (${id}, ${userId}, 49900, 'PENDING', 'PLACED')`.execute(django.db);
      await sql`insert into payments_payment (order_id, payment_status, additional_info)
        values (${id}, 'PENDING', '{}')`.execute(django.db);
    }
    await migrateOrderSyncSchema(defaults.db);
    await sql`alter table orders add column customer_id bigint`.execute(defaults.db);
    await sql`insert into orders (id, amount, customer_id) values (7, 100, 41)`.execute(defaults.db);
    await sql`insert into payments (order_id) values (7)`.execute(defaults.db);
  });
  afterAll(async () => {
    await django?.drop();
    await defaults?.drop();
  });

  it("authorize sees the order's customer through extraColumns (Django's user_id)", async () => {
    const mapping = {
      ...DJANGO_MAPPING,
      orders: { ...DJANGO_MAPPING.orders, extraColumns: { customerId: 'user_id' } },
    };
    await expect(checkOrderSyncSchema(django.db, mapping)).resolves.toMatchObject({ ok: true });
    const repository = createKyselyOrderRepository(django.db, mapping);
    const seen: unknown[] = [];
    const handle = createOrderDetailsHttpHandler<FakeRequest>({
      paymentSync: createPaymentSync({
        repository,
        gateway: createFakePaymentGateway()
          .script('1', { state: 'PENDING' })
          .script('2', { state: 'PENDING' }),
      }),
      authorize: (request, orderPayment: OrderPayment) => {
        const { customerId } = repository.extraOf(orderPayment);
        seen.push(customerId);
        return request.user !== undefined && Number(customerId) === request.user.id;
      },
    });
    const get = (id: string, user?: { id: number }) =>
      handle({ method: 'GET', params: { id }, headers: {}, original: user ? { user } : {} });

    const own = await get('1', { id: 41 });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ order: { id: 1, amount: 49_900 } });
    // The extra column is for authorize, never sent to the client.
    expect(JSON.stringify(own.body)).not.toContain('customerId');
    expect((await get('2', { id: 41 })).status).toBe(404);
    expect((await get('2')).status).toBe(404);
    expect((await get('2', { id: 42 })).status).toBe(200);
    expect(seen.map(Number)).toEqual([41, 42, 42, 42]);
  });

  it('returns the extra columns on every read path: find, update, list and claim', async () => {
    const repository = createKyselyOrderRepository(defaults.db, {
      orders: { extraColumns: { customerId: 'customer_id', placedAt: 'created_at' } },
    });
    const customer = (op: OrderPayment | null) => (op ? Number(repository.extraOf(op).customerId) : null);
    expect(customer(await repository.findOrderPayment('7'))).toBe(41);
    expect(customer(await repository.findOrderPaymentByMerchantOrderId!('7'))).toBe(41);
    expect((await repository.listPendingOrders({ limit: 5 })).map(customer)).toEqual([41]);
    const [claimed] = await repository.claimPendingOrders!({
      limit: 5,
      workerId: 'w',
      leaseMs: 1000,
      now: new Date(),
    });
    expect(customer(claimed ?? null)).toBe(41);
    expect(repository.extraOf(claimed!).placedAt).toBeTruthy();
    const updated = await repository.updatePendingPayment('7', {
      paymentStatus: 'COMPLETED',
      orderStatus: 'CONFIRMED',
      transactionId: 'T1',
      additionalInfo: {},
    });
    expect(customer(updated)).toBe(41);
    // Read, never written: the column keeps its value.
    const { rows } = await sql<{ customer_id: unknown }>`select customer_id from orders where id = 7`.execute(
      defaults.db,
    );
    expect(Number(rows[0]!.customer_id)).toBe(41);
  });
});
