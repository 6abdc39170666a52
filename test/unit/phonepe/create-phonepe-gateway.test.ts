import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  isGatewayAuthError,
  isGatewayError,
  isGatewayOrderNotFoundError,
  isGatewayRateLimitError,
  isGatewayResponseError,
  isGatewayTimeoutError,
  isGatewayUnknownStateError,
  isInvalidOrderIdError,
} from '../../../src/index';
import { createPhonePeGateway, type PhonePeGatewayOptions } from '../../../src/phonepe/index';
import { PHONEPE_TEST_URL, usePhonePeMsw } from '../../support/phonepe-msw';

const SECRET = 'super-secret-client-secret';
const phonepe = usePhonePeMsw();
// Made before msw starts listening: msw patches globalThis.fetch later, so the gateway must read it per
// request (a fetch captured at creation would go to the network and fail).
const madeBeforeMswListens = createPhonePeGateway({
  clientId: 'TEST-CLIENT',
  clientSecret: SECRET,
  clientVersion: 1,
  environment: 'sandbox',
  baseUrl: PHONEPE_TEST_URL,
});

function gateway(overrides: Partial<PhonePeGatewayOptions> = {}) {
  return createPhonePeGateway({
    clientId: 'TEST-CLIENT',
    clientSecret: SECRET,
    clientVersion: 1,
    environment: 'sandbox',
    baseUrl: PHONEPE_TEST_URL,
    retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 },
    ...overrides,
  });
}

/** Every string reachable from `value` through own properties (the cause chain included), joined. */
function everyString(value: unknown, seen = new Set<unknown>(), depth = 0): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null || seen.has(value) || depth > 8) return '';
  seen.add(value);
  return Object.getOwnPropertyNames(value)
    .map((key) => everyString((value as Record<string, unknown>)[key], seen, depth + 1))
    .join('\n');
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createPhonePeGateway: hosts and requests', () => {
  it('sandbox: token and status both under /apis/pg-sandbox', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    const sandbox = createPhonePeGateway({
      clientId: 'a',
      clientSecret: 'b',
      clientVersion: 1,
      environment: 'sandbox',
    });
    await sandbox.getPaymentStatus('ORDER-1');
    expect(phonepe.simulator.requests.map((r) => r.path)).toEqual([
      '/apis/pg-sandbox/v1/oauth/token',
      '/apis/pg-sandbox/checkout/v2/order/ORDER-1/status',
    ]);
    expect(sandbox.baseUrl).toBe('https://api-preprod.phonepe.com/apis/pg-sandbox');
  });

  it('production: the token comes from /apis/identity-manager, status from /apis/pg', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    const production = createPhonePeGateway({
      clientId: 'a',
      clientSecret: 'b',
      clientVersion: 3,
      environment: 'production',
    });
    await production.getPaymentStatus('ORDER-1');
    expect(production.authUrl).toBe('https://api.phonepe.com/apis/identity-manager');
    expect(phonepe.simulator.requests.map((r) => r.path)).toEqual([
      '/apis/identity-manager/v1/oauth/token',
      '/apis/pg/checkout/v2/order/ORDER-1/status',
    ]);
  });

  it('authUrl overrides the token host separately from baseUrl (trailing slashes ignored)', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    const g = gateway({ authUrl: 'https://api.phonepe.com/apis/identity-manager/' });
    await g.getPaymentStatus('ORDER-1');
    expect(phonepe.simulator.requests.map((r) => r.path)).toEqual([
      '/apis/identity-manager/v1/oauth/token',
      '/apis/pg/checkout/v2/order/ORDER-1/status',
    ]);
  });

  it('sends the token form, O-Bearer authorization, X-MERCHANT-ID, and the query once, through an injected fetch', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    const seen: Request[] = [];
    const g = gateway({
      merchantId: 'END-MERCHANT',
      fetch: async (input, init) => {
        const request = new Request(input, init);
        seen.push(request.clone());
        return fetch(request);
      },
    });
    await g.getPaymentStatus('ORDER-1');
    expect(seen).toHaveLength(2);
    const [tokenRequest, statusRequest] = seen as [Request, Request];
    expect(tokenRequest.method).toBe('POST');
    expect(tokenRequest.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(await tokenRequest.text()))).toEqual({
      client_id: 'TEST-CLIENT',
      client_version: '1',
      client_secret: SECRET,
      grant_type: 'client_credentials',
    });
    expect(tokenRequest.headers.get('x-merchant-id')).toBeNull();
    expect(statusRequest.headers.get('authorization')).toMatch(/^O-Bearer sim\.[0-9a-f]+$/);
    // PhonePe lists Content-Type as required on this GET; without it the simulator (like PhonePe) answers 400.
    expect(statusRequest.headers.get('content-type')).toBe('application/json');
    expect(statusRequest.headers.get('x-merchant-id')).toBe('END-MERCHANT');
    expect(new URL(statusRequest.url).search).toBe('?details=false&errorContext=false');
    expect(phonepe.simulator.requests[1]).toMatchObject({ merchantIdHeader: 'END-MERCHANT' });
  });

  it('reads globalThis.fetch per request: a gateway made before msw listens is intercepted', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    await expect(madeBeforeMswListens.getPaymentStatus('ORDER-1')).resolves.toMatchObject({
      state: 'PENDING',
    });
  });

  it('sends no X-MERCHANT-ID without merchantId', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    await gateway().getPaymentStatus('ORDER-1');
    expect(phonepe.simulator.requests[1]!.merchantIdHeader).toBeUndefined();
  });
});

describe('createPhonePeGateway: order ids', () => {
  it.each([
    ['empty', ''],
    ['a slash', 'a/b'],
    ['a path escape', '../x'],
    ['a query', 'a?details=true'],
    ['a space', 'a b'],
    ['64 characters', 'x'.repeat(64)],
    ['unicode', 'ordér'],
  ])('rejects %s with InvalidOrderIdError before any request', async (_label, id) => {
    const error = await failure(gateway().getPaymentStatus(id));
    expect(isInvalidOrderIdError(error)).toBe(true);
    expect(phonepe.simulator.counts).toMatchObject({ token: 0, status: 0 });
  });

  it('rejects a non-string id', async () => {
    expect(isInvalidOrderIdError(await failure(gateway().getPaymentStatus(42 as unknown as string)))).toBe(
      true,
    );
  });

  it('accepts 63 characters of [A-Za-z0-9_-]', async () => {
    const id = `Ab_-${'9'.repeat(59)}`;
    phonepe.simulator.createOrder(id, { amount: 100 });
    await expect(gateway().getPaymentStatus(id)).resolves.toMatchObject({ state: 'PENDING' });
  });
});

describe('createPhonePeGateway: mapping', () => {
  it('COMPLETED: latest transaction id, amount in paise, a sanitized summary', async () => {
    phonepe.simulator.createOrder('ORDER-1', {
      amount: 49_900,
      state: 'COMPLETED',
      transactionId: 'TXN789456123',
    });
    const status = await gateway().getPaymentStatus('ORDER-1');
    expect(status).toMatchObject({ state: 'COMPLETED', transactionId: 'TXN789456123', amount: 49_900 });
    expect(status.summary).toMatchObject({
      state: 'COMPLETED',
      transaction_id: 'TXN789456123',
      payment_mode: 'UPI_INTENT',
    });
    const stored = JSON.stringify(status.summary);
    expect(stored).not.toContain('ybl');
    expect(stored).not.toContain('455069731511');
    expect(stored).not.toContain('sim.');
  });

  it('FAILED carries the error code; PENDING has no transaction', async () => {
    phonepe.simulator
      .createOrder('F', { amount: 200, state: 'FAILED', errorCode: 'INVALID_MPIN' })
      .createOrder('P', { amount: 100 });
    const g = gateway();
    expect(await g.getPaymentStatus('F')).toMatchObject({
      state: 'FAILED',
      summary: { error_code: 'INVALID_MPIN' },
    });
    expect(await g.getPaymentStatus('P')).toMatchObject({
      state: 'PENDING',
      transactionId: null,
      amount: 100,
    });
  });

  it('follows an order through its state changes', async () => {
    phonepe.simulator.createOrder('ORDER-1', {
      amount: 100,
      transitions: [{ afterChecks: 2, state: 'COMPLETED', transactionId: 'TXN-LATE' }],
    });
    const g = gateway();
    expect((await g.getPaymentStatus('ORDER-1')).state).toBe('PENDING');
    expect(await g.getPaymentStatus('ORDER-1')).toMatchObject({
      state: 'COMPLETED',
      transactionId: 'TXN-LATE',
    });
  });

  it('an unknown state is a GatewayUnknownStateError (a GatewayResponseError), never a guess', async () => {
    phonepe.server.use(
      http.get(`${PHONEPE_TEST_URL}/checkout/v2/order/:id/status`, () =>
        HttpResponse.json({ orderId: 'x', state: 'AUTHORIZED', amount: 1 }),
      ),
    );
    const error = await failure(gateway().getPaymentStatus('ORDER-1'));
    expect(isGatewayResponseError(error)).toBe(true);
    expect(isGatewayUnknownStateError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'GATEWAY_UNKNOWN_STATE', state: 'AUTHORIZED', status: 200 });
    expect((error as Error).message).toContain('AUTHORIZED');
  });

  it('CREATED (an order with no attempt yet) is PENDING', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'override', fields: { state: 'CREATED' } });
    await expect(gateway().getPaymentStatus('ORDER-1')).resolves.toMatchObject({
      state: 'PENDING',
      summary: { state: 'PENDING', phonepe_state: 'CREATED' },
    });
  });

  it('unknown fields are allowed; a missing state is a GatewayResponseError', async () => {
    phonepe.server.use(
      http.get(`${PHONEPE_TEST_URL}/checkout/v2/order/:id/status`, ({ params }) =>
        params.id === 'OK'
          ? HttpResponse.json({ state: 'PENDING', brandNewField: { a: 1 }, paymentDetails: null })
          : HttpResponse.json({ orderId: 'x' }),
      ),
    );
    const g = gateway();
    await expect(g.getPaymentStatus('OK')).resolves.toMatchObject({ state: 'PENDING' });
    expect(isGatewayResponseError(await failure(g.getPaymentStatus('NOSTATE')))).toBe(true);
  });
});

describe('createPhonePeGateway: typed errors and retries', () => {
  it('unknown order (400 INVALID_MERCHANT_ORDER_ID) -> GatewayOrderNotFoundError, not retried', async () => {
    const error = await failure(gateway().getPaymentStatus('NOPE'));
    expect(isGatewayOrderNotFoundError(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, code: 'GATEWAY_ORDER_NOT_FOUND' });
    expect(phonepe.simulator.counts.status).toBe(1);
  });

  it('unknown order answered 404 is recognised too', async () => {
    phonepe.server.use(
      http.get(`${PHONEPE_TEST_URL}/checkout/v2/order/:id/status`, () =>
        HttpResponse.json({ code: 'INVALID_MERCHANT_ORDER_ID', message: 'No entry' }, { status: 404 }),
      ),
    );
    expect(isGatewayOrderNotFoundError(await failure(gateway().getPaymentStatus('NOPE')))).toBe(true);
  });

  it('another 400 is a GatewayResponseError and is never retried', async () => {
    let calls = 0;
    phonepe.server.use(
      http.get(`${PHONEPE_TEST_URL}/checkout/v2/order/:id/status`, () => {
        calls++;
        return HttpResponse.json({ success: false, code: 'BAD_REQUEST', message: 'bad' }, { status: 400 });
      }),
    );
    const error = await failure(gateway().getPaymentStatus('ORDER-1'));
    expect(isGatewayResponseError(error)).toBe(true);
    expect(error).toMatchObject({ status: 400 });
    expect((error as Error).message).toContain('BAD_REQUEST');
    expect(calls).toBe(1);
  });

  it('5xx is retried with back-off and can recover', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'http-error', status: 503 }, { times: 2 });
    await expect(gateway().getPaymentStatus('ORDER-1')).resolves.toMatchObject({ state: 'PENDING' });
    expect(phonepe.simulator.counts.status).toBe(3);
    expect(phonepe.simulator.counts.token).toBe(1);
  });

  it('persistent 5xx -> GatewayError with the status after limit + 1 attempts', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'http-error', status: 500 }, { times: 99 });
    const error = await failure(gateway().getPaymentStatus('ORDER-1'));
    expect(isGatewayError(error) && !isGatewayResponseError(error)).toBe(true);
    expect(error).toMatchObject({ status: 500 });
    expect(phonepe.simulator.counts.status).toBe(3);
  });

  it('retry: false makes exactly one attempt', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'http-error', status: 502 }, { times: 99 });
    await failure(gateway({ retry: false }).getPaymentStatus('ORDER-1'));
    expect(phonepe.simulator.counts.status).toBe(1);
  });

  it('429 -> GatewayRateLimitError with retryAfterMs from Retry-After', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'rate-limit', retryAfterSeconds: 7 }, { times: 99 });
    const error = await failure(gateway({ retry: false }).getPaymentStatus('ORDER-1'));
    expect(isGatewayRateLimitError(error)).toBe(true);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 7000, code: 'GATEWAY_RATE_LIMITED' });
  });

  it('429 without Retry-After has no retryAfterMs, and is retried', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'rate-limit' }, { times: 1 });
    await expect(gateway().getPaymentStatus('ORDER-1')).resolves.toMatchObject({ state: 'PENDING' });
    expect(phonepe.simulator.counts.status).toBe(2);
  });

  it('a Retry-After longer than the time budget is not waited for: one attempt, the 429 reported', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'rate-limit', retryAfterSeconds: 30 }, { times: 99 });
    const error = await failure(gateway({ timeoutMs: 2000 }).getPaymentStatus('ORDER-1'));
    expect(isGatewayRateLimitError(error)).toBe(true);
    expect(phonepe.simulator.counts.status).toBe(1);
  });

  it('a network error is retried; without retries it is a GatewayError (not a timeout)', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'drop' }, { times: 1 });
    await expect(gateway().getPaymentStatus('ORDER-1')).resolves.toMatchObject({ state: 'PENDING' });
    expect(phonepe.simulator.counts.status).toBe(2);

    phonepe.simulator.inject({ type: 'drop' }, { times: 1 });
    const error = await failure(gateway({ retry: false }).getPaymentStatus('ORDER-1'));
    expect(isGatewayError(error)).toBe(true);
    expect(isGatewayTimeoutError(error)).toBe(false);
    expect((error as Error).message).toContain('network');
  });

  it('a malformed 200 body -> GatewayResponseError, not retried', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'malformed' });
    const error = await failure(gateway().getPaymentStatus('ORDER-1'));
    expect(isGatewayResponseError(error)).toBe(true);
    expect((error as Error).message).toContain('not JSON');
    expect(phonepe.simulator.counts.status).toBe(1);
  });

  it('an HTML error page from a proxy (502) is a GatewayError with the status, and retried', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'html' }, { times: 99 });
    const error = await failure(gateway().getPaymentStatus('ORDER-1'));
    expect(error).toMatchObject({ status: 502 });
    expect(phonepe.simulator.counts.status).toBe(3);
  });

  it('an HTML page with 200 is a GatewayResponseError', async () => {
    phonepe.server.use(
      http.get(`${PHONEPE_TEST_URL}/checkout/v2/order/:id/status`, () =>
        HttpResponse.html('<html>login</html>'),
      ),
    );
    const error = await failure(gateway().getPaymentStatus('ORDER-1'));
    expect(isGatewayResponseError(error)).toBe(true);
    expect((error as Error).message).toContain('HTML');
  });
});

describe('createPhonePeGateway: time budget', () => {
  it('a slow answer past timeoutMs -> GatewayTimeoutError after one attempt (no retry after the budget)', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'latency', ms: 5_000 }, { times: 99 });
    const error = await failure(gateway({ timeoutMs: 100 }).getPaymentStatus('ORDER-1'));
    expect(isGatewayTimeoutError(error)).toBe(true);
    expect(phonepe.simulator.counts.status).toBe(1);
  });

  it('a back-off that would end past the budget is not started: the 5xx is reported after one attempt', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'http-error', status: 503 }, { times: 99 });
    const g = gateway({ timeoutMs: 500, retry: { limit: 10, baseDelayMs: 1_000, maxDelayMs: 1_000 } });
    const error = await failure(g.getPaymentStatus('ORDER-1'));
    expect(error).toMatchObject({ status: 503 });
    expect(isGatewayTimeoutError(error)).toBe(false);
    expect(phonepe.simulator.counts.status).toBe(1);
  });

  it("the caller's signal cuts the call short (read from a lazy getter, as the core passes it)", async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'latency', ms: 5_000 }, { times: 99 });
    const controller = new AbortController();
    let reads = 0;
    const callOptions = Object.create({
      get signal() {
        reads++;
        return controller.signal;
      },
    });
    const pending = failure(gateway({ timeoutMs: 60_000 }).getPaymentStatus('ORDER-1', callOptions));
    setTimeout(() => controller.abort(), 50);
    expect(isGatewayTimeoutError(await pending)).toBe(true);
    expect(reads).toBe(1);
  });

  it("the caller's signal also cuts a back-off short (a 429's Retry-After is not waited out)", async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    // A 50 s wait fits the 60 s budget: only the caller's signal can end the call before the test times out.
    phonepe.simulator.inject({ type: 'rate-limit', retryAfterSeconds: 50 }, { times: 1 });
    const error = await failure(
      gateway({ timeoutMs: 60_000 }).getPaymentStatus('ORDER-1', { signal: AbortSignal.timeout(300) }),
    );
    expect(isGatewayTimeoutError(error)).toBe(true);
    expect(phonepe.simulator.counts.status).toBe(1);
  });

  it('an already aborted signal makes no request at all', async () => {
    const error = await failure(gateway().getPaymentStatus('ORDER-1', { signal: AbortSignal.abort() }));
    expect(isGatewayTimeoutError(error)).toBe(true);
    expect(phonepe.simulator.counts).toMatchObject({ token: 0, status: 0 });
  });

  it('retries pending when the budget ends: the call ends with the budget, not after the back-off', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    // First attempt fails fast, the back-off (<= 150 ms) fits, the retry then hangs past the budget.
    phonepe.simulator.inject({ type: 'http-error', status: 500 }, { times: 1 });
    phonepe.simulator.inject({ type: 'latency', ms: 10_000 }, { times: 99, skip: 1 });
    const g = gateway({ timeoutMs: 400, retry: { limit: 5, baseDelayMs: 100, maxDelayMs: 100 } });
    const error = await failure(g.getPaymentStatus('ORDER-1'));
    expect(isGatewayTimeoutError(error)).toBe(true);
    expect(phonepe.simulator.counts.status).toBe(2);
  });
});

describe('createPhonePeGateway: options', () => {
  const valid: PhonePeGatewayOptions = {
    clientId: 'id',
    clientSecret: 'secret',
    clientVersion: 1,
    environment: 'sandbox',
  };
  it.each([
    [{ clientId: '' }, RangeError, '`clientId`'],
    [{ clientSecret: undefined }, TypeError, '`clientSecret`'],
    [{ clientVersion: -1 }, RangeError, '`clientVersion`'],
    [{ clientVersion: 'one' }, TypeError, '`clientVersion`'],
    [{ environment: 'staging' }, TypeError, '`environment`'],
    [{ baseUrl: 'not a url' }, TypeError, '`baseUrl`'],
    [{ authUrl: 'ftp://x' }, TypeError, '`authUrl`'],
    [{ timeoutMs: 0 }, RangeError, '`timeoutMs`'],
    [{ timeoutMs: 1.5 }, TypeError, '`timeoutMs`'],
    [{ retry: { limit: 99 } }, RangeError, '`retry.limit`'],
    [{ fetch: 'fetch' }, TypeError, '`fetch`'],
    [{ merchantId: '' }, RangeError, '`merchantId`'],
    [{ refreshMarginMs: -1 }, RangeError, '`refreshMarginMs`'],
    [{ clock: {} }, TypeError, '`clock`'],
  ])('%o -> %s naming the option', (patch, kind, name) => {
    const build = () => createPhonePeGateway({ ...valid, ...(patch as object) } as PhonePeGatewayOptions);
    expect(build).toThrow(kind);
    expect(build).toThrow(name);
  });

  it('a bad option error never echoes the secret', () => {
    try {
      createPhonePeGateway({ ...valid, clientSecret: SECRET, environment: 'x' as 'sandbox' });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(SECRET);
    }
  });

  it('rejects a non-object', () => {
    expect(() => createPhonePeGateway(undefined as unknown as PhonePeGatewayOptions)).toThrow(TypeError);
  });

  it('accepts the client version as digits', () => {
    expect(() => createPhonePeGateway({ ...valid, clientVersion: '2' })).not.toThrow();
  });
});

describe('createPhonePeGateway: token answers', () => {
  it('404 KEY_NOT_CONFIGURED is a GatewayAuthError saying the credentials are wrong or v1 ones', async () => {
    phonepe.server.use(
      http.post(`${PHONEPE_TEST_URL}/v1/oauth/token`, () =>
        HttpResponse.json({ code: 'KEY_NOT_CONFIGURED', message: 'Key not configured' }, { status: 404 }),
      ),
    );
    const error = await failure(gateway().getPaymentStatus('ORDER-1'));
    expect(isGatewayAuthError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'GATEWAY_AUTH_FAILED', status: 404 });
    expect((error as Error).message).toMatch(/KEY_NOT_CONFIGURED/);
    expect((error as Error).message).toMatch(/wrong/);
    expect((error as Error).message).toMatch(/v1/);
    expect(phonepe.simulator.counts.status).toBe(0);
  });

  it('another 404 on the token path (a wrong authUrl) stays a GatewayResponseError', async () => {
    phonepe.server.use(
      http.post(`${PHONEPE_TEST_URL}/v1/oauth/token`, () =>
        HttpResponse.json({ code: 'NOT_FOUND', message: 'No route' }, { status: 404 }),
      ),
    );
    const error = await failure(gateway().getPaymentStatus('ORDER-1'));
    expect(isGatewayAuthError(error)).toBe(false);
    expect(isGatewayResponseError(error)).toBe(true);
  });
});

describe('createPhonePeGateway: secrets', () => {
  it.each([
    ['answering 503 after every retry', { type: 'http-error', status: 503 } as const],
    ['answering 429 after every retry', { type: 'rate-limit' } as const],
    ['dropping the connection', { type: 'drop' } as const],
  ])('a token endpoint %s: no secret anywhere in the error or its causes', async (_label, fault) => {
    phonepe.simulator.inject(fault, { endpoint: 'token', times: 99 });
    const error = await failure(gateway().getPaymentStatus('ORDER-1'));
    expect(isGatewayError(error)).toBe(true);
    expect(everyString(error)).not.toContain(SECRET);
  });

  it('a token request cut by the time budget: no secret anywhere in the error or its causes', async () => {
    phonepe.simulator.inject({ type: 'latency', ms: 5_000 }, { endpoint: 'token', times: 99 });
    const error = await failure(gateway({ timeoutMs: 100 }).getPaymentStatus('ORDER-1'));
    expect(isGatewayTimeoutError(error)).toBe(true);
    expect(everyString(error)).not.toContain(SECRET);
  });

  it('a refused token request is a GatewayAuthError without the secret in message or cause chain', async () => {
    const strict = createPhonePeGateway({
      clientId: 'WRONG',
      clientSecret: SECRET,
      clientVersion: 1,
      environment: 'sandbox',
      baseUrl: PHONEPE_TEST_URL,
    });
    phonepe.server.use(
      http.post(`${PHONEPE_TEST_URL}/v1/oauth/token`, () =>
        HttpResponse.json({ code: 'INVALID_CLIENT', message: 'bad credentials' }, { status: 401 }),
      ),
    );
    const error = await failure(strict.getPaymentStatus('ORDER-1'));
    expect(isGatewayAuthError(error)).toBe(true);
    const seen = JSON.stringify(error, Object.getOwnPropertyNames(error)) + String((error as Error).stack);
    expect(seen).not.toContain(SECRET);
  });
});
