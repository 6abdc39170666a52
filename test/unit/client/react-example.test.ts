import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
// Imported as an app would (the package's own name resolves to dist/): `npm test` builds first.
import { createOrderClient } from 'phonepe-order-sync/client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type OrderStatusView, watchOrderStatus } from '../../../examples/react/order-status-view';
import { orderDetailsBody } from './order-details-fixtures';

const BASE = 'https://shop.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

/** Answers each request with the next body; the last one repeats. */
function script(...answers: Array<[number, unknown]>) {
  server.use(
    http.get(`${BASE}/api/common/orders/:id/`, () => {
      const [status, body] = answers.length > 1 ? answers.shift()! : answers[0]!;
      return HttpResponse.json(body as never, { status });
    }),
  );
}

async function viewsUntil(last: OrderStatusView['phase'], orderId: number) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const views: OrderStatusView[] = [];
  const client = createOrderClient({ baseUrl: BASE, retry: 0 });
  const watch = watchOrderStatus(client, orderId, (view) => views.push(view), { intervalMs: 1000 });
  for (let i = 0; i < 50 && views.at(-1)?.phase !== last; i++) {
    await new Promise((r) => setImmediate(r));
    await vi.advanceTimersByTimeAsync(1000);
  }
  watch.stop();
  return views.map((v) => (v.phase === 'confirmed' ? `${v.phase}:${v.justNow}` : v.phase));
}

describe('examples/react: the view logic behind <OrderStatus>', () => {
  it('shows a spinner while PENDING, then CONFIRMED, announcing the payment once', async () => {
    const pending = orderDetailsBody();
    script(
      [200, pending],
      [200, pending],
      [200, orderDetailsBody({ paymentStatus: 'COMPLETED', statusUpdated: true })],
    );
    expect(await viewsUntil('confirmed', 123)).toEqual(['loading', 'pending', 'pending', 'confirmed:true']);
  });

  it('an order paid before the page opened is CONFIRMED without the "just now" message', async () => {
    script([200, orderDetailsBody({ paymentStatus: 'COMPLETED' })]);
    expect(await viewsUntil('confirmed', 123)).toEqual(['loading', 'confirmed:false']);
  });

  it('a failed payment shows the retry-payment option', async () => {
    script(
      [200, orderDetailsBody()],
      [200, orderDetailsBody({ paymentStatus: 'FAILED', statusUpdated: true })],
    );
    expect(await viewsUntil('failed', 123)).toEqual(['loading', 'pending', 'failed']);
  });

  it('an unknown order shows an error with the try-again option', async () => {
    script([404, { error: { code: 'ORDER_NOT_FOUND', message: 'x' } }]);
    const views: OrderStatusView[] = [];
    const client = createOrderClient({ baseUrl: BASE, retry: 0 });
    watchOrderStatus(client, 9, (view) => views.push(view));
    await vi.waitFor(() =>
      expect(views.at(-1)).toEqual({ phase: 'error', message: 'Order 9 was not found.' }),
    );
  });

  it('OrderStatus.tsx compiles as JSX and its imports resolve (React itself is not installed here)', async () => {
    const root = resolve(import.meta.dirname, '../../..');
    const result = await build({
      entryPoints: [join(root, 'examples/react/OrderStatus.tsx')],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      jsx: 'automatic',
      external: ['react', 'react/jsx-runtime', 'ky', 'zod'],
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    expect(
      ['Retry payment', 'Try again', 'aria-busy', 'createOrderClient'].map((s) => code.includes(s)),
    ).toEqual([
      true,
      true,
      true,
      false, // the component takes a client; it does not build one
    ]);
  });
});
