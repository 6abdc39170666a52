// Atomicity and error surfacing on the real databases: a fault between the payment and the order write
// leaves both untouched; database failures (constraint, connection) reach the caller as RepositoryError
// with the driver's error as `cause`.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPaymentSync, isRepositoryError, type PaymentChange } from '../../../src/index';
import { createKyselyOrderRepository, migrateOrderSyncSchema } from '../../../src/repositories/kysely/index';
import { buildOrderPayment, createFakePaymentGateway } from '../../../src/testing/index';
import { failUpdatesOf } from './support/fail-update-plugin';
import { emptyTables, seedRows } from './support/seed-rows';
import { createTestDatabase, type Dialect, type TestDatabase } from './support/test-databases';

const completed: PaymentChange = {
  paymentStatus: 'COMPLETED',
  orderStatus: 'CONFIRMED',
  transactionId: 'TXN-1',
  additionalInfo: { last_checked: '2024-01-01T10:05:00.000Z', gateway_response: { state: 'COMPLETED' } },
};

describe.each<[Dialect]>([['postgres'], ['mysql'], ['sqlite']])('kysely repository on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await migrateOrderSyncSchema(database.db);
  });
  afterAll(() => database?.drop());
  beforeEach(async () => {
    await emptyTables(database.db);
    await seedRows(database.db, dialect, [buildOrderPayment({ id: 1, transactionId: 'T-0' })]);
  });

  const stored = () => createKyselyOrderRepository(database.db).findOrderPayment('1');

  // On MariaDB and SQLite the plugin fails the order UPDATE after the payment UPDATE ran in the same
  // transaction; on PostgreSQL both writes are one statement, so the fault stops that statement whole.
  it('rolls back the payment write when the order write fails (injected fault)', async () => {
    const before = await stored();
    const fault = failUpdatesOf('orders');
    const repository = createKyselyOrderRepository(database.db.withPlugin(fault));
    const error = await repository.updatePendingPayment('1', completed).catch((e: unknown) => e);
    expect(fault.failures).toBe(1);
    expect(isRepositoryError(error)).toBe(true);
    expect((error as Error).cause).toEqual(new Error('injected fault: UPDATE orders'));
    expect(await stored()).toEqual(before);
    // And the order still transitions once the fault is gone.
    await expect(
      createKyselyOrderRepository(database.db).updatePendingPayment('1', completed),
    ).resolves.toMatchObject({
      order: { paymentStatus: 'COMPLETED', orderStatus: 'CONFIRMED' },
    });
  });

  it('rolls back the payment write when the database fails the order write (trigger fault)', async () => {
    const { db } = database;
    const before = await stored();
    const create = {
      postgres: [
        `create function pos_fail_order_update() returns trigger language plpgsql as $$
          begin raise exception 'injected fault in the order write'; end $$`,
        'create trigger pos_fail before update on orders for each row execute function pos_fail_order_update()',
      ],
      mysql: [
        `create trigger pos_fail before update on orders for each row
          signal sqlstate '45000' set message_text = 'injected fault in the order write'`,
      ],
      sqlite: [
        `create trigger pos_fail before update on orders
          begin select raise(abort, 'injected fault in the order write'); end`,
      ],
    }[dialect];
    for (const statement of create) await sql.raw(statement).execute(db);
    try {
      const error = await createKyselyOrderRepository(db)
        .updatePendingPayment('1', completed)
        .catch((e: unknown) => e);
      expect(isRepositoryError(error)).toBe(true);
      expect(String((error as Error).cause)).toContain('injected fault in the order write');
      expect(await stored()).toEqual(before);
    } finally {
      await sql.raw(`drop trigger pos_fail${dialect === 'postgres' ? ' on orders' : ''}`).execute(db);
    }
  });

  it('through the core: the sync fails with RepositoryError, nothing is written, onStatusChange stays silent', async () => {
    const before = await stored();
    const announced: unknown[] = [];
    const paymentSync = createPaymentSync({
      repository: createKyselyOrderRepository(database.db.withPlugin(failUpdatesOf('orders'))),
      gateway: createFakePaymentGateway().script('1', { state: 'FAILED', amount: 49_900 }),
      onStatusChange: (e) => {
        announced.push(e);
      },
    });
    const error = await paymentSync.sync('1').catch((e: unknown) => e);
    expect(isRepositoryError(error)).toBe(true);
    expect(announced).toEqual([]);
    expect(await stored()).toEqual(before);
  });

  it('a constraint violation on the second write surfaces as RepositoryError and rolls back the first', async () => {
    const before = await stored();
    // The payment row accepts the change; the order row then rejects it: an order status longer than
    // its varchar(64) on PostgreSQL/MariaDB (strict mode), a NOT NULL violation on SQLite (no lengths).
    const bad: PaymentChange = {
      ...completed,
      orderStatus: dialect === 'sqlite' ? (null as unknown as string) : 'X'.repeat(500),
    };
    const error = await createKyselyOrderRepository(database.db)
      .updatePendingPayment('1', bad)
      .catch((e: unknown) => e);
    expect(isRepositoryError(error)).toBe(true);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(await stored()).toEqual(before);
  });

  it('answers null without a query for ids that cannot be integer ids', async () => {
    const queries: string[] = [];
    const repository = createKyselyOrderRepository(
      database.db.withPlugin({
        transformQuery: ({ node }) => {
          queries.push(node.kind);
          return node;
        },
        transformResult: async ({ result }) => result,
      }),
    );
    for (const id of ['abc', '1.5', '', ' 1', '99999999999999999999', '1; drop table orders']) {
      await expect(repository.findOrderPayment(id)).resolves.toBeNull();
      await expect(repository.updatePendingPayment(id, completed)).resolves.toBeNull();
    }
    expect(queries).toEqual([]);
    await expect(repository.findOrderPayment('1')).resolves.toMatchObject({ order: { id: 1 } });
  });
});

describe('kysely repository: connection failures', () => {
  it('surface as RepositoryError with the driver error as cause, from the repository and through the core', async () => {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    const db = new Kysely({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ host: '127.0.0.1', port: 1, user: 'postgres', connectionTimeoutMillis: 2000 }),
      }),
    });
    try {
      const repository = createKyselyOrderRepository(db);
      const direct = await repository.findOrderPayment('1').catch((e: unknown) => e);
      expect(isRepositoryError(direct)).toBe(true);
      expect((direct as Error).message).toBe('Kysely OrderRepository.findOrderPayment failed');
      expect(((direct as Error).cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
      for (const call of [
        () => repository.updatePendingPayment('1', completed),
        () => repository.listPendingOrders({ limit: 5 }),
        () => repository.findOrderPaymentByMerchantOrderId!('M-1'),
      ]) {
        expect(isRepositoryError(await call().catch((e: unknown) => e))).toBe(true);
      }
      const viaCore = await createPaymentSync({ repository, gateway: createFakePaymentGateway() })
        .sync('1')
        .catch((e: unknown) => e);
      expect(isRepositoryError(viaCore)).toBe(true);
      // The core passes the repository's own RepositoryError on as it is: wrapped once, not twice.
      expect((viaCore as Error).message).toBe('Kysely OrderRepository.findOrderPayment failed');
      expect(((viaCore as Error).cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    } finally {
      await db.destroy();
    }
  });
});
