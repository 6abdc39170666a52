import Database from 'better-sqlite3';
import { type DatabaseConnection, type Driver, Kysely, PostgresQueryCompiler, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkOrderSyncSchema,
  createKyselyOrderRepository,
  DEFAULT_ORDER_SYNC_SCHEMA,
  type KyselyOrderRepositoryOptions,
  migrateOrderSyncSchema,
} from '../../../src/repositories/kysely/index';

const db = new Kysely({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
afterAll(() => db.destroy());

/** A Kysely over a third-party dialect whose adapter is none of Kysely's own. */
const foreignDb = new Kysely({
  dialect: {
    createAdapter: () => ({
      supportsCreateIfNotExists: true,
      supportsTransactionalDdl: true,
      supportsReturning: true,
      acquireMigrationLock: async () => {},
      releaseMigrationLock: async () => {},
    }),
    createDriver: () => ({}) as Driver & { acquireConnection(): Promise<DatabaseConnection> },
    createIntrospector: () => ({}) as never,
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

describe('createKyselyOrderRepository options', () => {
  it('documents the default schema DESIGN.md names', () => {
    expect(DEFAULT_ORDER_SYNC_SCHEMA).toEqual({
      orders: {
        table: 'orders',
        id: 'id',
        paymentStatus: 'payment_status',
        orderStatus: 'order_status',
        amount: 'amount',
        merchantOrderId: 'merchant_order_id',
        createdAt: 'created_at',
      },
      payments: {
        table: 'payments',
        orderId: 'order_id',
        paymentStatus: 'payment_status',
        transactionId: 'transaction_id',
        additionalInfo: 'additional_info',
        leaseOwner: 'reconcile_lease_owner',
        leaseUntil: 'reconcile_lease_until',
      },
    });
  });

  it.each<[string, unknown, ErrorConstructor, RegExp]>([
    ['an empty table name', { orders: { table: '' } }, TypeError, /`orders\.table`/],
    [
      'a quoted column name',
      { payments: { additionalInfo: 'a"b' } },
      TypeError,
      /`payments\.additionalInfo`/,
    ],
    ['an unknown mapping key', { orders: { status: 'x' } }, TypeError, /`orders`/],
    ['a null required column', { payments: { orderId: null } }, TypeError, /`payments\.orderId`/],
    ['an over-long name', { orders: { amount: 'a'.repeat(200) } }, RangeError, /`orders\.amount`/],
    ['an unknown id type', { idType: 'bigint' }, TypeError, /`idType`/],
    ['an unknown dialect', { dialect: 'oracle' }, TypeError, /`dialect`/],
    ['an unknown option', { tables: {} }, TypeError, /createKyselyOrderRepository/],
    ['a non-object', 'orders', TypeError, /options must be an object/],
    [
      'only one of the two lease columns mapped to null',
      { payments: { leaseOwner: null } },
      TypeError,
      /`payments\.leaseOwner` and `payments\.leaseUntil` must both/,
    ],
    ['a quoted lease column', { payments: { leaseUntil: 'a`b' } }, TypeError, /`payments\.leaseUntil`/],
    [
      'an extra column key that is no identifier',
      { orders: { extraColumns: { 'customer id': 'customer_id' } } },
      TypeError,
      /`orders\.extraColumns\.customer id`/,
    ],
    [
      'a quoted extra column',
      { orders: { extraColumns: { customerId: 'a"b' } } },
      TypeError,
      /`orders\.extraColumns\.customerId`/,
    ],
  ])('rejects %s at construction, naming the option', (_, options, type, message) => {
    const create = () => createKyselyOrderRepository(db, options as KyselyOrderRepositoryOptions);
    expect(create).toThrow(type);
    expect(create).toThrow(message);
  });

  it('has the claim pair by default, and neither method when both lease columns are mapped to null', () => {
    const claiming = createKyselyOrderRepository(db);
    expect([typeof claiming.claimPendingOrders, typeof claiming.releaseOrderClaim]).toEqual([
      'function',
      'function',
    ]);
    const listing = createKyselyOrderRepository(db, { payments: { leaseOwner: null, leaseUntil: null } });
    expect('claimPendingOrders' in listing).toBe(false);
    expect('releaseOrderClaim' in listing).toBe(false);
  });

  it('rejects something that is not a Kysely instance', () => {
    expect(() => createKyselyOrderRepository({} as never)).toThrow(/`db` must be a Kysely instance/);
  });

  it('asks for `dialect` when it cannot tell, and accepts it when given', () => {
    expect(() => createKyselyOrderRepository(foreignDb)).toThrow(/pass `dialect`/);
    expect(() => createKyselyOrderRepository(foreignDb, { dialect: 'postgres' })).not.toThrow();
    return expect(migrateOrderSyncSchema(foreignDb)).rejects.toThrow(
      /migrateOrderSyncSchema: .*pass `dialect`/,
    );
  });

  it("checks the schema functions' options the same way, naming the function", async () => {
    await expect(checkOrderSyncSchema(db, { orders: { status: 'x' } } as never)).rejects.toThrow(
      /^checkOrderSyncSchema: `orders`/,
    );
    await expect(migrateOrderSyncSchema(db, { payments: { leaseOwner: null } })).rejects.toThrow(
      /^migrateOrderSyncSchema: `payments\.leaseOwner` and/,
    );
  });

  it('types extraOf by the extra column keys', () => {
    const repository = createKyselyOrderRepository(db, {
      orders: { extraColumns: { customerId: 'customer_id' } },
    });
    const order = { id: 1, paymentStatus: 'PENDING' as const, orderStatus: 'PLACED', amount: 1 };
    expect(repository.extraOf(order).customerId).toBeUndefined();
    expect(repository.extraOf({ ...order, extra: { customerId: 7 } } as typeof order).customerId).toBe(7);
    // @ts-expect-error: a key that is not mapped does not compile
    expect(repository.extraOf(order).customerID).toBeUndefined();
    // @ts-expect-error: without extra columns there is nothing to read
    expect(createKyselyOrderRepository(db).extraOf(order).customerId).toBeUndefined();
  });

  it('accepts null for the optional merchant order id and created-at columns', () => {
    expect(() =>
      createKyselyOrderRepository(db, {
        orders: { merchantOrderId: null, createdAt: null },
        idType: 'string',
      }),
    ).not.toThrow();
  });

  it('rejects a bad listPendingOrders query with RangeError/TypeError', async () => {
    const repository = createKyselyOrderRepository(db);
    await expect(repository.listPendingOrders({ limit: 0 })).rejects.toThrow(RangeError);
    await expect(repository.listPendingOrders({ limit: 1.5 })).rejects.toThrow(/`limit`/);
    await expect(repository.listPendingOrders({ limit: 1, checkedBefore: new Date('nope') })).rejects.toThrow(
      TypeError,
    );
  });
});
