import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import express4 from 'express4';
import { afterEach, describe, expect, it } from 'vitest';
import { createPhonePeWebhookHandler } from '../../../src/adapters/express/index';
import { createPaymentSync } from '../../../src/index';
import {
  buildOrderPayment,
  createFakePaymentGateway,
  createMemoryOrderRepository,
} from '../../../src/testing/index';
import { orderEvent, webhookAuthorization, webhookCredentials } from './signed-webhook';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.close();
    s.closeAllConnections();
  }
});

async function serve(app: express.Express) {
  const server = app.listen(0, '127.0.0.1') as unknown as Server;
  servers.push(server);
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function setup() {
  const repository = createMemoryOrderRepository([buildOrderPayment({ id: 2 })]);
  // PhonePe's status API agrees with the webhook (the handler confirms before writing).
  const gateway = createFakePaymentGateway().script('2', {
    state: 'COMPLETED',
    transactionId: 'TXN789456123',
    amount: 49_900,
  });
  const paymentSync = createPaymentSync({ repository, gateway });
  return {
    repository,
    handler: createPhonePeWebhookHandler({ paymentSync, credentials: webhookCredentials }),
  };
}

const post = (url: string) =>
  fetch(`${url}/webhooks/phonepe`, {
    method: 'POST',
    headers: { authorization: webhookAuthorization(), 'content-type': 'application/json' },
    body: orderEvent('2', 'COMPLETED'),
  });

type CreateApp = typeof express;
type Mount = (app: express.Express, createApp: CreateApp, handler: express.RequestHandler) => void;

// Every way an app may already hold the body when the webhook handler runs (issue 12): PhonePe's header
// signs nothing, so each must verify and apply alike.
const mounts: Array<[string, Mount]> = [
  ['the untouched stream (no parser)', (app, _c, h) => app.post('/webhooks/phonepe', h)],
  [
    'the object express.json() parsed first (app.use)',
    (app, c, h) => {
      app.use(c.json());
      app.post('/webhooks/phonepe', h);
    },
  ],
  [
    'req.rawBody from express.json({ verify })',
    (app, c, h) => {
      app.use(
        c.json({
          verify: (req, _res, buf) => {
            (req as { rawBody?: Buffer }).rawBody = buf;
          },
        }),
      );
      app.post('/webhooks/phonepe', h);
    },
  ],
  [
    'the Buffer left by express.raw() on the route',
    (app, c, h) => app.post('/webhooks/phonepe', c.raw({ type: '*/*' }), h),
  ],
  [
    'the string left by express.text()',
    (app, c, h) => app.post('/webhooks/phonepe', c.text({ type: '*/*' }), h),
  ],
  [
    'express.json() first, then express.raw() on the route (the old README advice)',
    (app, c, h) => {
      app.use(c.json());
      app.post('/webhooks/phonepe', c.raw({ type: '*/*' }), h);
    },
  ],
];

describe.each([
  ['Express 5', express],
  ['Express 4', express4],
])('%s webhook mounting', (_, createApp) => {
  it.each(mounts)('verifies and applies %s', async (_name, mount) => {
    const { repository, handler } = setup();
    const app = createApp();
    mount(app, createApp as CreateApp, handler);
    const res = await post(await serve(app));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ acknowledged: true, reason: 'updated' });
    expect(repository.get(2)?.payment.paymentStatus).toBe('COMPLETED');
  });

  it.each(mounts)('refuses a wrong Authorization with %s (401, nothing written)', async (_name, mount) => {
    const { repository, handler } = setup();
    const app = createApp();
    mount(app, createApp as CreateApp, handler);
    const res = await fetch(`${await serve(app)}/webhooks/phonepe`, {
      method: 'POST',
      headers: { authorization: 'f'.repeat(64), 'content-type': 'application/json' },
      body: orderEvent('2', 'COMPLETED'),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('WEBHOOK_UNAUTHORIZED');
    expect(repository.get(2)?.payment.paymentStatus).toBe('PENDING');
  });

  it.each([
    [
      'read from the stream here',
      (app: express.Express, _c: CreateApp, h: express.RequestHandler) => app.post('/webhooks/phonepe', h),
    ],
    [
      'left as a Buffer by express.raw()',
      (app: express.Express, c: CreateApp, h: express.RequestHandler) =>
        app.post('/webhooks/phonepe', c.raw({ type: '*/*', limit: '1mb' }), h),
    ],
  ])('answers 413 past maxBodyBytes for a body %s', async (_name, mount) => {
    const repository = createMemoryOrderRepository([buildOrderPayment({ id: 2 })]);
    const paymentSync = createPaymentSync({ repository, gateway: createFakePaymentGateway() });
    const handler = createPhonePeWebhookHandler({
      paymentSync,
      credentials: webhookCredentials,
      maxBodyBytes: 1024,
    });
    const app = createApp();
    mount(app, createApp as CreateApp, handler);
    const res = await fetch(`${await serve(app)}/webhooks/phonepe`, {
      method: 'POST',
      headers: { authorization: webhookAuthorization(), 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'checkout.order.completed', payload: { pad: 'x'.repeat(4096) } }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
