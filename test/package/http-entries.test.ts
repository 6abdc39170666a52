import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// These tests read dist/: `npm test` builds first.
const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

describe('package: HTTP adapter entries', () => {
  it.each(['express', 'fastify', 'fetch'])('%s loads no framework at runtime (types only)', (name) => {
    for (const file of [`dist/${name}.js`, `dist/${name}.cjs`]) {
      const code = readFileSync(join(root, file), 'utf8');
      expect(code).not.toMatch(/(?:from\s*|require\()["'](?:express|fastify|hono)["']/);
    }
  });

  it.each([
    ['ESM', async () => import(join(root, 'dist/fetch.js')), async () => import(join(root, 'dist/index.js'))],
    [
      'CJS',
      async () => require(join(root, 'dist/fetch.cjs')),
      async () => require(join(root, 'dist/index.cjs')),
    ],
  ])('answers an order-details request through the %s build', async (_, loadFetch, loadCore) => {
    const { createOrderDetailsHandler } = await loadFetch();
    const { createPaymentSync } = await loadCore();
    const testing = require(join(root, 'dist/testing.cjs'));
    const repository = testing.createMemoryOrderRepository([
      testing.buildOrderPayment({ id: 7, paymentStatus: 'COMPLETED' }),
    ]);
    const paymentSync = createPaymentSync({ repository, gateway: testing.createFakePaymentGateway() });
    const handler = createOrderDetailsHandler({ paymentSync, authorize: () => true });
    const ok = await handler(new Request('http://x/api/common/orders/7/'));
    expect([ok.status, (await ok.json()).order.id]).toEqual([200, 7]);
    const missing = await handler(new Request('http://x/api/common/orders/8/'));
    expect([missing.status, (await missing.json()).error.code]).toEqual([404, 'ORDER_NOT_FOUND']);
  });
});
