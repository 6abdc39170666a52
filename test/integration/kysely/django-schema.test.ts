// An existing Django schema (orders_order / payments_payment, bigint ids, extra columns of its own, no
// merchant order id column) mapped through the options, driven end to end by the core.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaymentSync, type StatusChangeEvent } from '../../../src/index';
import { createKyselyOrderRepository } from '../../../src/repositories/kysely/index';
import { createFakePaymentGateway } from '../../../src/testing/index';
import { createDjangoSchema, DJANGO_MAPPING } from './support/mapped-schemas';
import { createTestDatabase, type Dialect, type TestDatabase } from './support/test-databases';

describe.each<[Dialect]>([['postgres'], ['mysql'], ['sqlite']])('a Django schema on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await createDjangoSchema(database);
    const info = (id: number) =>
      JSON.stringify({ redirect_url: `https://shop.example/pay/${id}`, expire_at: 'e' });
    for (const id of [1, 2, 3]) {
      await sql`insert into orders_order (id, user_id, amount, payment_status, order_status)
        values (${id}, ${40 + id}, 49900, 'PENDING', 'PLACED')`.execute(database.db);
      await sql`insert into payments_payment (order_id, payment_status, transaction_id, additional_info)
        values (${id}, 'PENDING', null, ${info(id)})`.execute(database.db);
    }
  });
  afterAll(() => database?.drop());

  it('reads, checks, settles by webhook and lists pending orders through the mapping', async () => {
    const { db } = database;
    const repository = createKyselyOrderRepository(db, DJANGO_MAPPING);
    const events: StatusChangeEvent[] = [];
    const paymentSync = createPaymentSync({
      repository,
      gateway: createFakePaymentGateway()
        .script('1', { state: 'PENDING' })
        .script('2', { state: 'FAILED', amount: 49_900, summary: { errorCode: 'TXN_DECLINED' } }),
      onStatusChange: (event) => {
        events.push(event);
      },
    });

    const read = await paymentSync.getOrderDetails(1);
    expect(read).toMatchObject({ outcome: 'still-pending', checked: true, statusUpdated: false });
    expect(read.order.id).toBe(1); // a bigint primary key still answers a number
    expect(read.payment.additionalInfo).toMatchObject({ redirect_url: 'https://shop.example/pay/1' });
    expect(typeof read.payment.additionalInfo.last_checked).toBe('string');

    const webhook = await paymentSync.applyGatewayStatus(
      '1',
      { state: 'COMPLETED', transactionId: 'TXN789456123', amount: 49_900 },
      { source: 'webhook' },
    );
    expect(webhook).toMatchObject({ outcome: 'updated', statusUpdated: true });
    const failed = await paymentSync.sync('2');
    expect(failed).toMatchObject({ outcome: 'updated', statusUpdated: true });
    expect(events.map((e) => [e.orderId, e.paymentStatus, e.source])).toEqual([
      [1, 'COMPLETED', 'webhook'],
      [2, 'FAILED', 'read'],
    ]);

    const { rows } = await sql<Record<string, unknown>>`select o.id, o.user_id, o.payment_status as ops,
      o.order_status, p.payment_status as pps, p.transaction_id, p.additional_info
      from orders_order o join payments_payment p on p.order_id = o.id order by o.id`.execute(db);
    const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(
      rows.map((r) => [Number(r.id), Number(r.user_id), r.ops, r.order_status, r.pps, r.transaction_id]),
    ).toEqual([
      [1, 41, 'COMPLETED', 'CONFIRMED', 'COMPLETED', 'TXN789456123'],
      [2, 42, 'FAILED', 'CANCELLED', 'FAILED', null],
      [3, 43, 'PENDING', 'PLACED', 'PENDING', null],
    ]);
    expect(parse(rows[0]!.additional_info)).toMatchObject({
      redirect_url: 'https://shop.example/pay/1',
      expire_at: 'e',
      last_checked: expect.any(String),
    });
    expect(parse(rows[1]!.additional_info)).toMatchObject({ redirect_url: 'https://shop.example/pay/2' });

    const pending = await repository.listPendingOrders({ limit: 10 });
    expect(pending.map((op) => op.order.id)).toEqual([3]);
    // Without a merchant order id column, PhonePe's id for an order is String(id).
    await expect(repository.findOrderPaymentByMerchantOrderId!('3')).resolves.toMatchObject({
      order: { id: 3 },
    });
    expect((await repository.findOrderPayment('3'))!.order.createdAt).toBeInstanceOf(Date);
  });
});
