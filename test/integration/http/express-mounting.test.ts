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

describe.each([
  ['Express 5', express],
  ['Express 4', express4],
])('%s webhook mounting', (_, createApp) => {
  it('fails loudly, saying how to mount it, when express.json() consumed the body first', async () => {
    const { repository, handler } = setup();
    const app = createApp();
    const seen: unknown[] = [];
    app.use(createApp.json());
    app.post('/webhooks/phonepe', handler);
    app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      seen.push(error);
      res.status(500).end();
    });
    const res = await post(await serve(app));
    expect(res.status).toBe(500);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(TypeError);
    expect((seen[0] as Error).message).toMatch(/BEFORE app\.use\(express\.json\(\)\).*express\.raw/s);
    expect(repository.get(2)?.payment.paymentStatus).toBe('PENDING');
  });

  it('uses the Buffer left by express.raw() on the route', async () => {
    const { repository, handler } = setup();
    const app = createApp();
    app.post('/webhooks/phonepe', createApp.raw({ type: '*/*' }), handler);
    const res = await post(await serve(app));
    expect(res.status).toBe(200);
    expect(repository.get(2)?.payment.paymentStatus).toBe('COMPLETED');
  });
});
