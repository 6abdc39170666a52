// Issue 12: every adapter answers the order route alike: with or without the trailing slash, and an
// empty id is 400 INVALID_ORDER_ID (JSON), never the framework's own HTML 404. Fastify: see
// fastify-hooks-and-routes.test.ts.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import express4 from 'express4';
import { afterEach, describe, expect, it } from 'vitest';
import * as expressAdapter from '../../../src/adapters/express/index';
import * as fetchAdapter from '../../../src/adapters/fetch/index';
import { createPaymentSync } from '../../../src/index';
import {
  buildOrderPayment,
  createFakePaymentGateway,
  createMemoryOrderRepository,
} from '../../../src/testing/index';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.close();
    s.closeAllConnections();
  }
});

const paymentSync = () =>
  createPaymentSync({
    repository: createMemoryOrderRepository([buildOrderPayment({ id: 5, paymentStatus: 'COMPLETED' })]),
    gateway: createFakePaymentGateway(),
  });

const EXPECTED: Array<[string, number, string | number]> = [
  ['/api/common/orders/5/', 200, 5],
  ['/api/common/orders/5', 200, 5],
  ['/api/common/orders//', 400, 'INVALID_ORDER_ID'],
  ['/api/common/orders/', 400, 'INVALID_ORDER_ID'],
];

async function check(get: (path: string) => Promise<Response>) {
  for (const [path, status, what] of EXPECTED) {
    const res = await get(path);
    expect([path, res.status, res.headers.get('content-type')]).toEqual([
      path,
      status,
      'application/json; charset=utf-8',
    ]);
    const body = (await res.json()) as { order?: { id: unknown }; error?: { code: string } };
    expect(status === 200 ? body.order?.id : body.error?.code).toBe(what);
  }
}

describe.each([
  ['Express 5', express],
  ['Express 4', express4],
])('%s order route on orderRoutePattern()', (_, createApp) => {
  it('answers with and without the trailing slash, and 400 for an empty id', async () => {
    const app = createApp();
    app.get(
      expressAdapter.orderRoutePattern('/api/common/orders/:id/'),
      expressAdapter.createOrderDetailsHandler({ paymentSync: paymentSync(), authorize: () => true }),
    );
    const server = app.listen(0, '127.0.0.1') as unknown as Server;
    servers.push(server);
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await check((path) => fetch(base + path));
    expect((await fetch(`${base}/api/common/orders/5/x`)).status).toBe(404); // not this route
  });
});

describe('fetch order handler (default id from the URL)', () => {
  it('answers with and without the trailing slash, and 400 for an empty id', async () => {
    const handler = fetchAdapter.createOrderDetailsHandler({
      paymentSync: paymentSync(),
      authorize: () => true,
    });
    // `/orders/` has no id segment: a router (Next.js `[id]`) never hands it over, so only `//` is asked here.
    const get = (path: string) =>
      path === '/api/common/orders/'
        ? handler(new Request('http://shop.test/api/common/orders//'))
        : handler(new Request(`http://shop.test${path}`));
    await check(get);
  });
});

describe('orderRoutePattern', () => {
  it('refuses a path without an `:id` segment', () => {
    expect(() => expressAdapter.orderRoutePattern('/api/orders/')).toThrow(TypeError);
  });
});
