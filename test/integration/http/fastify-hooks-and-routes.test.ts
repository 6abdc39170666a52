// Issue 12, "Frameworks": the plugin inside a real app, on a real listener (Fastify 5 and 4). Errors that
// other hooks and plugins raise on the plugin's routes keep their status and body; every route answers
// with and without its trailing slash and an empty id answers 400, like Express and the fetch handlers.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import Fastify4 from 'fastify4';
import { afterEach, describe, expect, it } from 'vitest';
import { phonePeOrderSync } from '../../../src/adapters/fastify/index';
import { createPaymentSync } from '../../../src/index';
import {
  buildOrderPayment,
  createFakePaymentGateway,
  createMemoryOrderRepository,
} from '../../../src/testing/index';
import { createRecordingLogger } from '../../support/recording-logger';
import { orderEvent, webhookAuthorization, webhookCredentials } from './signed-webhook';

/** What `@fastify/jwt`'s `request.jwtVerify()` throws without a token. */
function missingToken(): Error {
  return Object.assign(new Error('No Authorization was found in request.headers'), {
    statusCode: 401,
    code: 'FST_JWT_NO_AUTHORIZATION_IN_HEADER',
  });
}

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

function paymentSyncWith() {
  const repository = createMemoryOrderRepository([
    buildOrderPayment({ id: 5, paymentStatus: 'COMPLETED' }),
    buildOrderPayment({ id: 6 }),
  ]);
  const gateway = createFakePaymentGateway().script('6', { state: 'COMPLETED', amount: 49_900 });
  return { repository, paymentSync: createPaymentSync({ repository, gateway }) };
}

async function start(createApp: typeof Fastify, options: Record<string, unknown> = {}) {
  const app = createApp();
  apps.push(app);
  // @fastify/jwt's documented pattern: verify in an onRequest hook, for the app's API routes only.
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (request.url.startsWith('/api/') && request.headers.authorization !== 'Bearer ok')
      throw missingToken();
  });
  // A rate limit of the rate-limit plugins' kind, raised from a hook with its own body shape.
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (request.headers['x-flood'] === '1') {
      throw Object.assign(new Error('Rate limit exceeded, retry in 1 minute'), { statusCode: 429 });
    }
  });
  const { paymentSync, repository } = paymentSyncWith();
  await app.register(phonePeOrderSync, {
    paymentSync,
    credentials: webhookCredentials,
    authorize: () => true,
    syncRoute: '/api/common/orders/:id/sync',
    authorizeSync: () => true,
    ...options,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, repository };
}

const auth = { authorization: 'Bearer ok' };

describe.each([
  ['Fastify 5', Fastify],
  ['Fastify 4', Fastify4 as unknown as typeof Fastify],
])('%s: the plugin in a real app', (_, createApp) => {
  it.each([
    ['GET', '/api/common/orders/5/'],
    ['GET', '/api/common/orders/5'],
    ['POST', '/api/common/orders/5/sync'],
  ])('an auth hook throwing statusCode 401 answers 401 with its own body (%s %s)', async (method, path) => {
    const { url } = await start(createApp);
    const res = await fetch(url + path, { method });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      statusCode: 401,
      code: 'FST_JWT_NO_AUTHORIZATION_IN_HEADER',
      error: 'Unauthorized',
      message: 'No Authorization was found in request.headers',
    });
  });

  it('a rate-limit hook answers 429 with its own body, on the order route and the webhook', async () => {
    const { url } = await start(createApp);
    for (const path of ['/api/common/orders/5/', '/webhooks/phonepe']) {
      const res = await fetch(url + path, {
        method: path.startsWith('/api') ? 'GET' : 'POST',
        headers: { ...auth, 'x-flood': '1' },
      });
      expect(res.status).toBe(429);
      expect(await res.json()).toMatchObject({
        statusCode: 429,
        message: 'Rate limit exceeded, retry in 1 minute',
      });
    }
  });

  it("keeps Fastify's own 415 on the re-check route when the webhook is left out", async () => {
    const { url } = await start(createApp, { webhookRoute: false });
    const res = await fetch(`${url}/api/common/orders/5/sync`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-unknown' },
      body: 'x',
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
  });

  it('answers the order route with and without the trailing slash, and 400 for an empty id', async () => {
    const { url } = await start(createApp);
    for (const path of ['/api/common/orders/5/', '/api/common/orders/5']) {
      const res = await fetch(url + path, { headers: auth });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ order: { id: 5 } });
    }
    for (const path of ['/api/common/orders//', '/api/common/orders/']) {
      const res = await fetch(url + path, { headers: auth });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'INVALID_ORDER_ID' } });
    }
    const sync = await fetch(`${url}/api/common/orders/6/sync/`, { method: 'POST', headers: auth });
    expect(sync.status).toBe(200);
  });

  it('the webhook answers with and without the trailing slash', async () => {
    const { url, repository } = await start(createApp);
    const res = await fetch(`${url}/webhooks/phonepe/`, {
      method: 'POST',
      headers: { authorization: webhookAuthorization(), 'content-type': 'application/json' },
      body: orderEvent('6', 'COMPLETED'),
    });
    expect(res.status).toBe(200);
    expect(repository.get(6)?.payment.paymentStatus).toBe('COMPLETED');
  });

  it('leaves the twin path alone when the app ignores trailing slashes itself', async () => {
    const app = createApp({ ignoreTrailingSlash: true });
    apps.push(app);
    await app.register(phonePeOrderSync, {
      paymentSync: paymentSyncWith().paymentSync,
      credentials: webhookCredentials,
      authorize: () => true,
    });
    expect((await app.inject({ url: '/api/common/orders/5' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/common/orders/5/' })).statusCode).toBe(200);
  });

  it('an authorize returning a truthy non-boolean answers 404 and says so in the error log', async () => {
    const logger = createRecordingLogger();
    const { url } = await start(createApp, { logger, authorize: () => ({ id: 'u1' }) });
    const res = await fetch(`${url}/api/common/orders/5/`, { headers: auth });
    expect(res.status).toBe(404);
    const line = logger.records.find((r) => r.level === 'error');
    expect(line?.msg).toMatch(/`authorize` returned neither true nor false/);
    expect(line?.obj).toMatchObject({ route: 'phonePeOrderSync', returned: 'object' });
  });
});
