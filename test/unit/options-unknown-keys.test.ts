// Issue 12, "Options and operations": an unknown option key (a typo) is a TypeError naming it, at every
// level of every factory's options, never silently ignored.
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import * as expressAdapter from '../../src/adapters/express/index';
import { phonePeOrderSync } from '../../src/adapters/fastify/index';
import * as fetchAdapter from '../../src/adapters/fetch/index';
import { createOrderClient } from '../../src/client/index';
import {
  createOrderDetailsHttpHandler,
  createOrderSyncHttpHandler,
  createPhonePeWebhookHttpHandler,
} from '../../src/http/index';
import {
  createPaymentSync,
  createRateLimiter,
  reconcilePendingOrders,
  syncOrderPaymentStatus,
} from '../../src/index';
import { createPhonePeGateway, createPhonePeV1Gateway, verifyPhonePeWebhook } from '../../src/phonepe/index';
import { createKyselyOrderRepository } from '../../src/repositories/kysely/index';
import {
  buildOrderPayment,
  createFakePaymentGateway,
  createMemoryOrderRepository,
  createPhonePeSimulator,
  servePhonePeSimulator,
} from '../../src/testing/index';

const db = new Kysely({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
afterAll(() => db.destroy());

const repository = createMemoryOrderRepository();
const gateway = createFakePaymentGateway();
const paymentSync = createPaymentSync({ repository, gateway });
const order = { paymentSync, authorize: () => true };
const webhook = { paymentSync, credentials: { username: 'u', password: 'p' } };
// The neutral handler knows no gateway: its verifier is a required option.
const neutralWebhook = { ...webhook, verify: verifyPhonePeWebhook };
const v2 = { clientId: 'id', clientSecret: 's', clientVersion: 1, environment: 'sandbox' as const };
const v1 = { merchantId: 'M', saltKey: 'k', saltIndex: 1, environment: 'sandbox' as const };

type Factory = (options: Record<string, unknown>) => unknown;
const asFactory = (f: unknown) => f as Factory;

// [factory name in the message, call, valid options, the typo, the key the message must suggest]
const TABLE: Array<[string, Factory, Record<string, unknown>, Record<string, unknown>, string, string?]> = [
  [
    'createPaymentSync',
    asFactory(createPaymentSync),
    { repository, gateway },
    { timeoutMS: 1000 },
    '`timeoutMS`',
    'timeoutMs',
  ],
  [
    'createPaymentSync',
    asFactory(createPaymentSync),
    { repository, gateway },
    { circuitBreaker: { failureTreshold: 3 } },
    '`circuitBreaker` has an unknown option `failureTreshold`',
    'failureThreshold',
  ],
  ['reconcile', (o) => paymentSync.reconcile(o), {}, { concurency: 2 }, '`concurency`', 'concurrency'],
  [
    'reconcilePendingOrders',
    asFactory(reconcilePendingOrders),
    { repository, gateway },
    { pagesize: 10 },
    '`pagesize`',
    'pageSize',
  ],
  [
    'createOrderDetailsHandler',
    asFactory(createOrderDetailsHttpHandler),
    order,
    { idPatern: /x/ },
    '`idPatern`',
    'idPattern',
  ],
  [
    'createOrderSyncHandler',
    asFactory(createOrderSyncHttpHandler),
    order,
    { maxLenght: 3 },
    '`maxLenght`',
    'maxLength',
  ],
  [
    'createPhonePeWebhookHandler',
    asFactory(createPhonePeWebhookHttpHandler),
    neutralWebhook,
    { maxBodyByte: 10 },
    '`maxBodyByte`',
    'maxBodyBytes',
  ],
  [
    'createPhonePeWebhookHandler',
    asFactory(createPhonePeWebhookHttpHandler),
    neutralWebhook,
    { credentials: { username: 'u', password: 'p', pasword: 'p' } },
    '`credentials` has an unknown option `pasword`',
    'password',
  ],
  [
    'createOrderDetailsHandler',
    asFactory(expressAdapter.createOrderDetailsHandler),
    order,
    { idPatern: /x/ },
    '`idPatern`',
    'idPattern',
  ],
  [
    'createOrderSyncHandler',
    asFactory(expressAdapter.createOrderSyncHandler),
    order,
    { idPatern: /x/ },
    '`idPatern`',
    'idPattern',
  ],
  [
    'createPhonePeWebhookHandler',
    asFactory(expressAdapter.createPhonePeWebhookHandler),
    webhook,
    { webhookRoot: '/x' },
    '`webhookRoot`',
  ],
  [
    'createOrderDetailsHandler',
    asFactory(fetchAdapter.createOrderDetailsHandler),
    order,
    { getOrderID: () => '1' },
    '`getOrderID`',
  ],
  [
    'createOrderSyncHandler',
    asFactory(fetchAdapter.createOrderSyncHandler),
    order,
    { idPatern: /x/ },
    '`idPatern`',
    'idPattern',
  ],
  [
    'createPhonePeWebhookHandler',
    asFactory(fetchAdapter.createPhonePeWebhookHandler),
    webhook,
    { maxBodyByte: 1 },
    '`maxBodyByte`',
    'maxBodyBytes',
  ],
  ['createKyselyOrderRepository', (o) => createKyselyOrderRepository(db, o), {}, { tables: {} }, '`tables`'],
  [
    'createKyselyOrderRepository',
    (o) => createKyselyOrderRepository(db, o),
    {},
    { orders: { tabel: 'o' } },
    '`orders` has an unknown option `tabel`',
    'table',
  ],
  ['createPhonePeGateway', asFactory(createPhonePeGateway), v2, { timeoutMS: 1 }, '`timeoutMS`', 'timeoutMs'],
  [
    'createPhonePeGateway',
    asFactory(createPhonePeGateway),
    v2,
    { retry: { limt: 1 } },
    '`retry` has an unknown option `limt`',
    'limit',
  ],
  ['createPhonePeV1Gateway', asFactory(createPhonePeV1Gateway), v1, { saltIdx: 1 }, '`saltIdx`'],
  [
    'createOrderClient',
    asFactory(createOrderClient),
    { baseUrl: 'https://shop.test' },
    { timeoutMS: 1 },
    '`timeoutMS`',
    'timeoutMs',
  ],
  ['createPhonePeSimulator', asFactory(createPhonePeSimulator), {}, { tokenTtl: 5 }, '`tokenTtl`'],
  [
    'createRateLimiter',
    asFactory(createRateLimiter),
    { ratePerSecond: 5 },
    { bursts: 2 },
    '`bursts`',
    'burst',
  ],
];

describe('unknown option keys', () => {
  it.each(TABLE)('%s refuses %o', (where, create, valid, typo, named, suggestion) => {
    expect(() => create(valid)).not.toThrow();
    let thrown: unknown;
    try {
      create({ ...valid, ...typo });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    const message = (thrown as Error).message;
    expect(message.startsWith(`${where}: `)).toBe(true);
    expect(message).toContain(named);
    if (suggestion) expect(message).toContain(`did you mean \`${suggestion}\``);
  });

  it('syncOrderPaymentStatus refuses an unknown dependency', async () => {
    const op = buildOrderPayment({ id: 1, paymentStatus: 'COMPLETED' });
    await expect(syncOrderPaymentStatus(op, { repository, gateway, timeOutMs: 5 } as never)).rejects.toThrow(
      /^syncOrderPaymentStatus: an unknown option `timeOutMs`/,
    );
  });

  it('servePhonePeSimulator refuses an unknown option', async () => {
    await expect(servePhonePeSimulator(createPhonePeSimulator(), { prot: 0 } as never)).rejects.toThrow(
      /^servePhonePeSimulator: an unknown option `prot` \(did you mean `port`\?\)/,
    );
  });

  it('the Fastify plugin refuses an unknown option, and accepts Fastify’s own register options', async () => {
    const bad = Fastify();
    bad.register(phonePeOrderSync, { ...order, ...webhook, webhookRoot: '/x' } as never);
    await expect(bad.ready()).rejects.toThrow(/^phonePeOrderSync: an unknown option `webhookRoot`/);
    const good = Fastify();
    await good.register(phonePeOrderSync, { ...order, ...webhook, prefix: '/shop', logLevel: 'warn' });
    expect((await good.inject({ url: '/shop/api/common/orders/1/' })).statusCode).toBe(404);
    await Promise.all([bad.close().catch(() => {}), good.close()]);
  });
});
