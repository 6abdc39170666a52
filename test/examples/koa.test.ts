// examples/koa: the app as a real process through the smoke scenario every HTTP example passes, then
// its adapter (koa-adapter.ts) on a real Koa server on a real port, over a real Kysely repository
// (SQLite) and the PhonePe simulator served over HTTP: the wire shape, the app's own 401 before
// `authorize`'s 404, ids Koa's router would mangle, the webhook with and without a body parser, and a
// failing store mapped through the published status table.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Database from 'better-sqlite3';
import Koa, { type Context, type Middleware } from 'koa';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { koaOrderRoute, koaWebhookRoute } from '../../examples/koa/koa-adapter';
import {
  createOrderDetailsHttpHandler,
  createPhonePeWebhookHttpHandler,
  type ErrorBodyWire,
  HTTP_STATUS_BY_CODE,
  orderRoutePattern,
} from '../../src/http/index';
import { createPaymentSync } from '../../src/index';
import { createPhonePeGateway, verifyPhonePeWebhook } from '../../src/phonepe/index';
import { createKyselyOrderRepository, migrateOrderSyncSchema } from '../../src/repositories/kysely/index';
import {
  buildPhonePeWebhook,
  createPhonePeSimulator,
  type ServedPhonePeSimulator,
  servePhonePeSimulator,
} from '../../src/testing/index';
import { httpExampleScenario } from './support/http-example-scenario';

describe('examples/koa', { timeout: 60_000 }, () => {
  httpExampleScenario({
    file: 'examples/koa/server.ts',
    orderPath: (id) => `/api/common/orders/${id}/`,
    webhookPath: '/webhooks/phonepe',
  });

  it('README.md shows koa-adapter.ts as it is (the snippet test type-checks that copy)', () => {
    const dir = new URL('../../examples/koa/', import.meta.url);
    const readme = readFileSync(new URL('README.md', dir), 'utf8');
    const adapter = readFileSync(new URL('koa-adapter.ts', dir), 'utf8');
    const block = /```ts\n(\/\/ koa-adapter\.ts:[\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(adapter);
  });
});

const AMOUNT = 49_900;
const credentials = { username: 'koa-hook', password: 'koa-hook-password' };

/** Body parsers as they leave the request, without installing them. */
const PARSERS: Record<string, Middleware | undefined> = {
  'no body parser': undefined,
  // @koa/bodyparser: the text in `rawBody`, the parsed object in `body`.
  '@koa/bodyparser (rawBody + body)': async (ctx, next) => {
    const text = await readText(ctx);
    Object.assign(ctx.request, { rawBody: text, body: JSON.parse(text) });
    await next();
  },
  // koa-body: the parsed object only.
  'koa-body (parsed body only)': async (ctx, next) => {
    Object.assign(ctx.request, { body: JSON.parse(await readText(ctx)) });
    await next();
  },
  // A parser that skips a content type it does not handle still sets `body` to {} and reads nothing.
  'a parser that skipped the type (body {}, stream unread)': async (ctx, next) => {
    Object.assign(ctx.request, { body: {} });
    await next();
  },
};

async function readText(ctx: Context): Promise<string> {
  let text = '';
  for await (const chunk of ctx.req) text += chunk;
  return text;
}

describe('examples/koa/koa-adapter.ts on a real Koa server', { timeout: 30_000 }, () => {
  const simulator = createPhonePeSimulator();
  let served: ServedPhonePeSimulator;
  const sqlite = new Database(':memory:');
  // biome-ignore lint/suspicious/noExplicitAny: the default tables, untyped
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  const repository = createKyselyOrderRepository(db, {
    orders: { extraColumns: { customerId: 'customer_id' } },
  });
  const servers: Server[] = [];
  let nextId = 1;

  beforeAll(async () => {
    served = await servePhonePeSimulator(simulator);
    await migrateOrderSyncSchema(db);
    await db.schema.alterTable('orders').addColumn('customer_id', 'text').execute();
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await served.close();
    await db.destroy();
  });

  /** The app the README describes: the app's auth answers 401, `authorize` checks ownership. */
  async function startApp(parser?: Middleware): Promise<string> {
    const sync = createPaymentSync({
      repository,
      gateway: createPhonePeGateway({
        clientId: 'simulator',
        clientSecret: 'simulator',
        clientVersion: 1,
        environment: 'sandbox',
        baseUrl: served.url,
        retry: false,
      }),
    });
    const orderDetails = createOrderDetailsHttpHandler<Context>({
      paymentSync: sync,
      idPattern: /^\d+$/,
      authorize: (ctx, orderPayment) => repository.extraOf(orderPayment).customerId === ctx.state.user?.id,
    });
    const webhook = createPhonePeWebhookHttpHandler<Context>({
      paymentSync: sync,
      credentials,
      verify: verifyPhonePeWebhook,
      maxBodyBytes: 4096,
    });
    // Your auth (koa-jwt, koa-passport, a session): here tokens `Bearer <customer>`.
    const requireUser: Middleware = async (ctx, next) => {
      const customer = /^Bearer (alice|bob)$/.exec(ctx.get('authorization'))?.[1];
      if (!customer) {
        ctx.status = 401;
        ctx.body = { error: { code: 'UNAUTHENTICATED', message: 'Log in first' } } satisfies ErrorBodyWire;
        return;
      }
      ctx.state.user = { id: customer };
      await next();
    };
    const router = new Router();
    router.get(orderRoutePattern('/api/common/orders/:id/'), requireUser, koaOrderRoute(orderDetails));
    router.post('/webhooks/phonepe', koaWebhookRoute(webhook));
    const app = new Koa();
    app.on('error', (error) => {
      throw error; // a handler never throws: anything reaching Koa fails the test
    });
    if (parser) app.use(parser);
    app.use(router.routes());
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((listening) => server.once('listening', listening));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** A pending order of `customer` in the database, and PhonePe's view of it. */
  async function pendingOrder(customer: string, phonepe: { state: 'PENDING' | 'COMPLETED' }) {
    const id = nextId++;
    await db.insertInto('orders').values({ id, amount: AMOUNT, customer_id: customer }).execute();
    await db.insertInto('payments').values({ order_id: id }).execute();
    simulator.createOrder(String(id), { amount: AMOUNT, ...phonepe, transactionId: `TXN${id}` });
    return id;
  }

  const stored = async (id: number) =>
    db
      .selectFrom('orders')
      .innerJoin('payments', 'payments.order_id', 'orders.id')
      .select(['orders.order_status', 'payments.payment_status', 'payments.transaction_id'])
      .where('orders.id', '=', id)
      .executeTakeFirstOrThrow();

  it('answers the order-details wire body; 401 from the app before authorize; 404 for another customer, like an unknown order', async () => {
    const url = await startApp();
    const id = await pendingOrder('alice', { state: 'COMPLETED' });
    const get = (path: string, customer?: string) =>
      fetch(`${url}${path}`, { headers: customer ? { authorization: `Bearer ${customer}` } : {} });

    const anonymous = await get(`/api/common/orders/${id}/`);
    expect([anonymous.status, await anonymous.json()]).toEqual([
      401,
      { error: { code: 'UNAUTHENTICATED', message: 'Log in first' } },
    ]);

    const checksBefore = simulator.counts.status;
    const notYours = await get(`/api/common/orders/${id}/`, 'bob');
    const unknown = await get('/api/common/orders/999999/', 'bob');
    expect(notYours.status).toBe(HTTP_STATUS_BY_CODE.ORDER_NOT_FOUND);
    expect(unknown.status).toBe(HTTP_STATUS_BY_CODE.ORDER_NOT_FOUND);
    const notYoursBody = await notYours.json();
    expect(notYoursBody).toEqual(await unknown.json()); // existence does not leak
    expect(notYoursBody).toEqual({ error: { code: 'ORDER_NOT_FOUND', message: 'Order not found' } });
    expect(simulator.counts.status).toBe(checksBefore); // refused before PhonePe was asked

    const mine = await get(`/api/common/orders/${id}/`, 'alice');
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(mine.headers.get('cache-control')).toBe('no-store');
    expect(await mine.json()).toEqual({
      order: { id, payment_status: 'COMPLETED', order_status: 'CONFIRMED', amount: AMOUNT },
      payment: {
        payment_status: 'COMPLETED',
        transaction_id: `TXN${id}`,
        additional_info: {
          last_checked: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
          gateway_response: expect.objectContaining({ state: 'COMPLETED', transaction_id: `TXN${id}` }),
        },
      },
      status_updated: true,
    });
    expect(await stored(id)).toEqual({
      order_status: 'CONFIRMED',
      payment_status: 'COMPLETED',
      transaction_id: `TXN${id}`,
    });

    // The trailing slash is optional; an empty or malformed id is the handler's 400, not Koa's 404/500.
    const again = await get(`/api/common/orders/${id}`, 'alice');
    expect([again.status, (await again.json()).status_updated]).toEqual([200, false]);
    for (const path of ['/api/common/orders//', '/api/common/orders/', '/api/common/orders/%E0%A4%A/']) {
      const bad = await get(path, 'alice');
      expect([path, bad.status, (await bad.json()).error.code]).toEqual([path, 400, 'INVALID_ORDER_ID']);
    }
  });

  it.each(Object.keys(PARSERS))(
    'webhook with %s: moves the order once PhonePe confirms it; a bad header is refused',
    async (name) => {
      const url = await startApp(PARSERS[name]);
      const id = await pendingOrder('alice', { state: 'PENDING' });
      const post = (hook: { body: string; headers: Record<string, string> }) =>
        fetch(`${url}/webhooks/phonepe`, { method: 'POST', body: hook.body, headers: hook.headers });
      const hook = (authorization?: 'wrong') =>
        buildPhonePeWebhook({
          credentials,
          merchantOrderId: String(id),
          state: 'COMPLETED',
          amount: AMOUNT,
          transactionId: 'TXN-FROM-BODY',
          ...(authorization && { authorization }),
        });
      // The skipping parser is given a type it does not handle, as it would be in an app.
      const typed = (h: ReturnType<typeof hook>) =>
        name.startsWith('a parser that skipped')
          ? { ...h, headers: { ...h.headers, 'content-type': 'application/octet-stream' } }
          : h;

      const refused = await post(typed(hook('wrong')));
      expect([refused.status, (await refused.json()).error.code]).toEqual([401, 'WEBHOOK_UNAUTHORIZED']);

      // PhonePe still says PENDING: the body's COMPLETED is not written.
      const early = await post(typed(hook()));
      expect([early.status, await early.json()]).toEqual([
        200,
        { acknowledged: true, reason: 'unconfirmed' },
      ]);
      expect(await stored(id)).toMatchObject({ payment_status: 'PENDING', order_status: 'PLACED' });

      simulator.setOrderState(String(id), 'COMPLETED', { transactionId: `TXN${id}` });
      const checksBefore = simulator.counts.status;
      const accepted = await post(typed(hook()));
      expect([accepted.status, await accepted.json()]).toEqual([
        200,
        { acknowledged: true, reason: 'updated' },
      ]);
      expect(simulator.counts.status).toBe(checksBefore + 1); // confirmed with the status API
      // PhonePe's answer is what is written, not the body's transaction id.
      expect(await stored(id)).toEqual({
        order_status: 'CONFIRMED',
        payment_status: 'COMPLETED',
        transaction_id: `TXN${id}`,
      });
    },
  );

  it('webhook: a body over maxBodyBytes read from the stream answers 413 PAYLOAD_TOO_LARGE', async () => {
    const url = await startApp();
    const res = await fetch(`${url}/webhooks/phonepe`, {
      method: 'POST',
      body: 'x'.repeat(64 * 1024),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(HTTP_STATUS_BY_CODE.PAYLOAD_TOO_LARGE);
    expect((await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a failing store answers 503 REPOSITORY_ERROR with a generic message, on both routes', async () => {
    const url = await startApp();
    const id = await pendingOrder('alice', { state: 'COMPLETED' });
    sqlite.exec('ALTER TABLE payments RENAME TO payments_away');
    try {
      const read = await fetch(`${url}/api/common/orders/${id}/`, {
        headers: { authorization: 'Bearer alice' },
      });
      const hook = buildPhonePeWebhook({
        credentials,
        merchantOrderId: String(id),
        state: 'COMPLETED',
        amount: AMOUNT,
      });
      const delivery = await fetch(`${url}/webhooks/phonepe`, {
        method: 'POST',
        body: hook.body,
        headers: hook.headers,
      });
      for (const res of [read, delivery]) {
        expect(res.status).toBe(HTTP_STATUS_BY_CODE.REPOSITORY_ERROR);
        expect(await res.json()).toEqual({
          error: { code: 'REPOSITORY_ERROR', message: 'The order store is unavailable; try again later' },
        });
      }
    } finally {
      sqlite.exec('ALTER TABLE payments_away RENAME TO payments');
    }
    expect(await stored(id)).toMatchObject({ payment_status: 'PENDING' });
  });
});
