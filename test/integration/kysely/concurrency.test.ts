// Many writers, one order: through the real core (createPaymentSync: sync with a gateway, and webhooks via
// applyGatewayStatus) on the real servers. Each writer is its own PaymentSync, as separate processes would
// be, so single-flight cannot hide a race: only the database's compare-and-set can make these pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaymentSync, type GatewayPaymentStatus, type StatusChangeEvent } from '../../../src/index';
import { createKyselyOrderRepository, migrateOrderSyncSchema } from '../../../src/repositories/kysely/index';
import { buildOrderPayment, createFakePaymentGateway } from '../../../src/testing/index';
import { emptyTables, seedRows } from './support/seed-rows';
import { createTestDatabase, type Dialect, type TestDatabase } from './support/test-databases';

const report = (i: number): GatewayPaymentStatus =>
  i % 2 === 0
    ? { state: 'COMPLETED', transactionId: `TXN-${i}`, amount: 49_900 }
    : { state: 'FAILED', transactionId: `TXN-${i}`, amount: 49_900 };

describe.each<[Dialect, string]>([
  ['postgres', 'PostgreSQL'],
  ['mysql', 'MariaDB'],
])('kysely repository under concurrency on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await migrateOrderSyncSchema(database.db);
  });
  afterAll(() => database?.drop());

  /** One "process": its own PaymentSync over its own repository object (sharing the pool). */
  const writer = (i: number, events: StatusChangeEvent[]) =>
    createPaymentSync({
      repository: createKyselyOrderRepository(database.db),
      gateway: createFakePaymentGateway().setDefault((id) => report(Number(id) * 1000 + i)),
      onStatusChange: (event) => {
        events.push(event);
      },
    });

  it('50 concurrent transitions of one order: exactly one winner, one onStatusChange, both tables agree', async () => {
    const { db } = database;
    await emptyTables(db);
    await seedRows(db, dialect, [buildOrderPayment({ id: 1 })]);
    const events: StatusChangeEvent[] = [];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const paymentSync = writer(i, events);
        // Half read-path syncs (the gateway answers), half webhooks; COMPLETED and FAILED mixed.
        return i % 4 < 2 ? paymentSync.sync('1') : paymentSync.applyGatewayStatus('1', report(1000 + i));
      }),
    );
    const winners = results.filter((r) => r.statusUpdated);
    expect(winners).toHaveLength(1);
    expect(events).toHaveLength(1);
    const [winner] = winners;
    expect(events[0]!.paymentStatus).toBe(winner!.payment.paymentStatus);
    // Losers answer the winner's state, never their own report.
    for (const r of results) expect(r.payment.paymentStatus).toBe(winner!.payment.paymentStatus);

    const stored = await createKyselyOrderRepository(db).findOrderPayment('1');
    expect(stored!.order.paymentStatus).toBe(winner!.payment.paymentStatus);
    expect(stored!.payment.paymentStatus).toBe(winner!.payment.paymentStatus);
    expect(stored!.order.orderStatus).toBe(
      winner!.payment.paymentStatus === 'COMPLETED' ? 'CONFIRMED' : 'CANCELLED',
    );
    expect(stored!.payment.transactionId).toBe(events[0]!.transactionId);
    expect(stored!.payment.additionalInfo).toMatchObject({ redirect_url: 'https://shop.example/pay/1' });
  });

  it('200 orders with interleaved syncs and webhooks: every order transitions exactly once', async () => {
    const { db } = database;
    await emptyTables(db);
    const ids = Array.from({ length: 200 }, (_, i) => i + 1);
    await seedRows(
      db,
      dialect,
      ids.map((id) => buildOrderPayment({ id })),
    );
    const events: StatusChangeEvent[] = [];
    const writers = Array.from({ length: 4 }, (_, w) => writer(w, events));
    // Per order: a sync from two writers and a webhook from the other two, all in flight at once.
    const results = await Promise.all(
      ids.flatMap((id) => [
        writers[0]!.sync(String(id)),
        writers[1]!.applyGatewayStatus(String(id), report(id)),
        writers[2]!.sync(String(id)),
        writers[3]!.applyGatewayStatus(String(id), report(id + 1)),
      ]),
    );
    const repository = createKyselyOrderRepository(db);
    for (const id of ids) {
      const mine = results.slice((id - 1) * 4, id * 4);
      expect(mine.filter((r) => r.statusUpdated)).toHaveLength(1);
      expect(events.filter((e) => e.orderId === id)).toHaveLength(1);
      const stored = await repository.findOrderPayment(String(id));
      expect(stored!.order.paymentStatus).not.toBe('PENDING');
      expect(stored!.order.paymentStatus).toBe(stored!.payment.paymentStatus);
      expect(stored!.payment.paymentStatus).toBe(events.find((e) => e.orderId === id)!.paymentStatus);
    }
    expect(events).toHaveLength(200);
    await expect(repository.listPendingOrders({ limit: 10 })).resolves.toEqual([]);
  });
});
