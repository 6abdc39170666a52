import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { phonePeOrderSync } from '../../../src/adapters/fastify/index';
import { createPaymentSync } from '../../../src/index';
import {
  buildOrderPayment,
  createFakePaymentGateway,
  createMemoryOrderRepository,
} from '../../../src/testing/index';
import { orderEvent, webhookAuthorization, webhookCredentials } from './signed-webhook';

const base = () => ({
  paymentSync: createPaymentSync({
    repository: createMemoryOrderRepository([buildOrderPayment({ id: 5, paymentStatus: 'COMPLETED' })]),
    gateway: createFakePaymentGateway(),
  }),
  authorize: () => true,
  credentials: webhookCredentials,
});

describe('Fastify plugin options', () => {
  it('honours prefix and custom route paths', async () => {
    const app = Fastify();
    await app.register(phonePeOrderSync, {
      ...base(),
      prefix: '/shop',
      orderRoute: '/orders/:id',
      webhookRoute: '/hooks/pp',
    });
    const order = await app.inject({ url: '/shop/orders/5' });
    expect(order.statusCode).toBe(200);
    expect(order.json()).toMatchObject({ order: { id: 5 } });
    const hook = await app.inject({
      method: 'POST',
      url: '/shop/hooks/pp',
      headers: { authorization: webhookAuthorization(), 'content-type': 'application/json' },
      payload: orderEvent('5', 'COMPLETED'),
    });
    expect(hook.json()).toEqual({ acknowledged: true, reason: 'already-settled' });
    expect((await app.inject({ url: '/api/common/orders/5/' })).statusCode).toBe(404);
    await app.close();
  });

  it('can leave out the webhook (then no credentials are needed)', async () => {
    const app = Fastify();
    const { credentials: _, ...noCredentials } = base();
    await app.register(phonePeOrderSync, { ...noCredentials, webhookRoute: false });
    expect((await app.inject({ method: 'POST', url: '/webhooks/phonepe' })).statusCode).toBe(404);
    await app.close();
  });

  it.each([
    [{ authorize: undefined }, /^phonePeOrderSync: `authorize` is required/],
    [
      { credentials: { ...webhookCredentials, pasword: 'x' } },
      /^phonePeOrderSync: `credentials` has an unknown option `pasword`/,
    ],
    [
      { webhookRoot: '/hooks' },
      /^phonePeOrderSync: an unknown option `webhookRoot` \(did you mean `webhookRoute`\?\)/,
    ],
    [
      { maxBodyByte: 10 },
      /^phonePeOrderSync: an unknown option `maxBodyByte` \(did you mean `maxBodyBytes`\?\)/,
    ],
    [{ credentials: undefined }, /^phonePeOrderSync: `credentials` is required/],
    [{ orderRoute: 'orders/:id' }, /`orderRoute` must be a path/],
    [{ syncRoute: '/orders/:id/sync' }, /`authorizeSync` is required/],
    [{ maxBodyBytes: 0 }, /`maxBodyBytes`/],
  ])('refuses bad options at registration (%o)', async (override, message) => {
    const app = Fastify();
    app.register(phonePeOrderSync, { ...base(), ...override } as never);
    await expect(app.ready()).rejects.toThrow(message);
    await app.close().catch(() => {});
  });
});
