import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrderClient,
  InvalidOrderIdError,
  isInvalidOrderIdError,
  isOrderClientError,
  isOrderNotFoundError,
  isPaymentSyncError,
  OrderClientError,
  OrderNotFoundError,
} from '../../../src/client/index';
import { orderDetailsBody } from './order-details-fixtures';

const BASE = 'https://shop.test';
const ROUTE = `${BASE}/api/common/orders/:id/`;
const server = setupServer();
const requests: Request[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => requests.push(request.clone()));
});
afterEach(() => {
  server.resetHandlers();
  requests.length = 0;
});
afterAll(() => server.close());

const answer = (status: number, body: unknown) =>
  server.use(http.get(ROUTE, () => HttpResponse.json(body as never, { status })));
const client = (options: Partial<Parameters<typeof createOrderClient>[0]> = {}) =>
  createOrderClient({ baseUrl: BASE, retry: 0, ...options });

describe('client.getOrderDetails', () => {
  it('returns the wire shape, keeping a numeric id a number and unknown keys as they came', async () => {
    const body = orderDetailsBody({ paymentStatus: 'COMPLETED', statusUpdated: true });
    const extra = {
      ...body,
      order: { ...body.order, currency: 'INR' },
      payment: {
        ...body.payment,
        additional_info: { ...body.payment.additional_info, redirect_url: 'https://r' },
      },
    };
    answer(200, extra);
    const details = await client().getOrderDetails(123);
    expect(details).toEqual(extra);
    expect(details.order.id).toBe(123);
    expect(requests.map((r) => [r.method, r.url, r.headers.get('accept')])).toEqual([
      ['GET', `${BASE}/api/common/orders/123/`, 'application/json'],
    ]);
  });

  it('keeps a string id a string and URL-encodes it into one path segment', async () => {
    server.use(
      http.get(`${BASE}/backend/orders/:id`, ({ params }) =>
        HttpResponse.json(orderDetailsBody({ id: String(params.id) })),
      ),
    );
    const details = await client({ baseUrl: `${BASE}/backend/`, routePath: '/orders/:id' }).getOrderDetails(
      'A/../7 x',
    );
    expect(details.order.id).toBe('A/../7 x');
    expect(requests[0]?.url).toBe(`${BASE}/backend/orders/A%2F..%2F7%20x`);
  });

  it('sends Authorization: Bearer from getAccessToken, asking again on every request', async () => {
    answer(200, orderDetailsBody());
    const tokens = ['first-token', 'second-token'];
    const c = client({ getAccessToken: async () => tokens.shift() });
    await c.getOrderDetails(123);
    await c.getOrderDetails(123);
    await c.getOrderDetails(123);
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer first-token',
      'Bearer second-token',
      null,
    ]);
  });

  it('sends no Authorization header without getAccessToken', async () => {
    answer(200, orderDetailsBody());
    await client().getOrderDetails(1);
    expect(requests[0]?.headers.has('authorization')).toBe(false);
  });

  it('uses the fetch it was given', async () => {
    const seen: string[] = [];
    const c = client({
      fetch: async (input) => {
        seen.push(input instanceof Request ? input.url : String(input));
        return Response.json(orderDetailsBody({ id: 9 }));
      },
    });
    expect((await c.getOrderDetails(9)).order.id).toBe(9);
    expect(seen).toEqual([`${BASE}/api/common/orders/9/`]);
    expect(requests).toEqual([]);
  });

  it.each([
    ['status_updated missing', { ...orderDetailsBody(), status_updated: undefined }, 'status_updated'],
    [
      'an unknown payment status',
      orderDetailsBody({ paymentStatus: 'REFUNDED' as never }),
      'order.payment_status',
    ],
    ['a non-object body', [1, 2], 'body'],
  ])('rejects a 200 body with %s as INVALID_RESPONSE', async (_, body, where) => {
    answer(200, body);
    const error = await client()
      .getOrderDetails(123)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderClientError);
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', status: 200 });
    expect((error as Error).message).toContain(where);
  });

  it('rejects a 200 HTML page as INVALID_RESPONSE (not JSON)', async () => {
    server.use(http.get(ROUTE, () => HttpResponse.html('<h1>login</h1>')));
    await expect(client().getOrderDetails(1)).rejects.toMatchObject({
      name: 'OrderClientError',
      code: 'INVALID_RESPONSE',
      message: expect.stringContaining('not JSON'),
    });
  });

  it('maps 404 ORDER_NOT_FOUND to OrderNotFoundError carrying the id', async () => {
    answer(404, { error: { code: 'ORDER_NOT_FOUND', message: 'Order "77" was not found' } });
    const error = await client()
      .getOrderDetails(77)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderNotFoundError);
    expect(isOrderNotFoundError(error)).toBe(true);
    expect(isOrderClientError(error)).toBe(false);
    expect((error as OrderNotFoundError).orderId).toBe('77');
  });

  it('maps 400 INVALID_ORDER_ID to InvalidOrderIdError with the server message', async () => {
    answer(400, { error: { code: 'INVALID_ORDER_ID', message: 'Order id has characters PhonePe refuses' } });
    const error = await client()
      .getOrderDetails('x$y')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOrderIdError);
    expect(error).toMatchObject({
      code: 'INVALID_ORDER_ID',
      message: 'Order id has characters PhonePe refuses',
    });
  });

  it.each([
    [503, { error: { code: 'REPOSITORY_ERROR', message: 'store unavailable' } }, 'REPOSITORY_ERROR'],
    [401, { error: { code: 'UNAUTHORIZED', message: 'sign in' } }, 'UNAUTHORIZED'],
    [404, { detail: 'Not found.' }, 'HTTP_ERROR'], // a 404 without ORDER_NOT_FOUND is a wrong route, not a missing order
    [500, '<html>oops</html>', 'HTTP_ERROR'],
  ])('maps HTTP %i to OrderClientError with code from the body or HTTP_ERROR', async (status, body, code) => {
    answer(status, body);
    const error = await client()
      .getOrderDetails(5)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderClientError);
    expect(isPaymentSyncError(error)).toBe(true);
    expect(error).toMatchObject({ code, status });
  });

  it('maps a network failure to NETWORK_ERROR and a slow server to REQUEST_TIMEOUT', async () => {
    server.use(http.get(ROUTE, () => HttpResponse.error()));
    await expect(client().getOrderDetails(1)).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      status: undefined,
    });
    server.use(
      http.get(ROUTE, async () => {
        await delay(2_000);
        return HttpResponse.json(orderDetailsBody());
      }),
    );
    await expect(client({ timeoutMs: 20 }).getOrderDetails(1)).rejects.toMatchObject({
      code: 'REQUEST_TIMEOUT',
      message: expect.stringContaining('20 ms'),
    });
  });

  it('never puts the access token in an error, its message or its cause', async () => {
    const token = 'secret-token-abc';
    for (const respond of [
      () => HttpResponse.error(),
      () => HttpResponse.json({ error: { code: 'X' } }, { status: 500 }),
    ]) {
      server.use(http.get(ROUTE, respond));
      const error = await client({ getAccessToken: () => token })
        .getOrderDetails(1)
        .catch((e: unknown) => e);
      const cause = (error as Error).cause;
      const seen = [
        String(error),
        (error as Error).stack,
        JSON.stringify(error),
        String(cause),
        (cause as Error | undefined)?.stack,
      ];
      expect(seen.join('\n')).not.toContain(token);
      expect(cause instanceof Object && 'request' in cause).toBe(false);
    }
  });

  it('retries a 503 when retry allows, then succeeds', async () => {
    let calls = 0;
    server.use(
      http.get(ROUTE, () =>
        ++calls === 1
          ? HttpResponse.json({ error: { code: 'REPOSITORY_ERROR', message: 'x' } }, { status: 503 })
          : HttpResponse.json(orderDetailsBody({ paymentStatus: 'FAILED', statusUpdated: true })),
      ),
    );
    const details = await client({ retry: 1 }).getOrderDetails(123);
    expect([calls, details.payment.payment_status, details.order.order_status]).toEqual([
      2,
      'FAILED',
      'CANCELLED',
    ]);
  });

  it('retries a network failure when retry allows', async () => {
    let calls = 0;
    server.use(
      http.get(ROUTE, () =>
        ++calls === 1 ? HttpResponse.error() : HttpResponse.json(orderDetailsBody({ id: 3 })),
      ),
    );
    expect((await client({ retry: 1 }).getOrderDetails(3)).order.id).toBe(3);
    expect(calls).toBe(2);
  });

  it('does not retry a 404', async () => {
    answer(404, { error: { code: 'ORDER_NOT_FOUND', message: 'x' } });
    await expect(client({ retry: 2 }).getOrderDetails(1)).rejects.toBeInstanceOf(OrderNotFoundError);
    expect(requests).toHaveLength(1);
  });

  it('rejects an empty or non-finite id with InvalidOrderIdError and a wrong type with TypeError, before any request', async () => {
    for (const id of ['', Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = await client()
        .getOrderDetails(id)
        .catch((e: unknown) => e);
      expect(isInvalidOrderIdError(error)).toBe(true);
    }
    await expect(client().getOrderDetails({} as never)).rejects.toThrow(TypeError);
    await expect(client().getOrderDetails(null as never)).rejects.toThrow(/string or a number, got null/);
    expect(requests).toEqual([]);
  });

  it('rejects with the AbortError of its signal', async () => {
    server.use(
      http.get(ROUTE, async () => {
        await delay('infinite');
        return HttpResponse.json(orderDetailsBody());
      }),
    );
    const controller = new AbortController();
    const pending = client().getOrderDetails(1, { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('createOrderClient options', () => {
  it.each([
    [{ baseUrl: 'shop.test' }, TypeError, /`baseUrl` must be an http\(s\) URL/],
    [{ baseUrl: 42 }, TypeError, /`baseUrl`/],
    [
      { baseUrl: BASE, routePath: '/orders/' },
      TypeError,
      /`routePath` must start with '\/' and contain ':id'/,
    ],
    [{ baseUrl: BASE, getAccessToken: 'token' }, TypeError, /`getAccessToken` must be a function/],
    [{ baseUrl: BASE, timeoutMs: 0 }, RangeError, /`timeoutMs`/],
    [{ baseUrl: BASE, retry: -1 }, RangeError, /`retry`/],
    [undefined, TypeError, /options must be an object/],
  ])('throws at construction for %j', (options, type, message) => {
    expect(() => createOrderClient(options as never)).toThrow(type);
    expect(() => createOrderClient(options as never)).toThrow(message);
  });

  it('accepts an absolute URL, a same-origin path or an empty base', () => {
    for (const baseUrl of [BASE, `${BASE}/api/`, '/backend', ''])
      expect(typeof createOrderClient({ baseUrl }).getOrderDetails).toBe('function');
  });
});
