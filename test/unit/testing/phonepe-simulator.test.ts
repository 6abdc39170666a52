import { describe, expect, it } from 'vitest';
import { createPhonePeSimulator } from '../../../src/testing/index';

const post = (url: string, body: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  url,
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body,
});
const get = (url: string, headers: Record<string, string> = {}) => ({
  method: 'GET',
  url,
  headers: { 'content-type': 'application/json', ...headers },
  body: '',
});
const TOKEN_FORM = 'client_id=a&client_secret=b&client_version=1&grant_type=client_credentials';

async function token(simulator: ReturnType<typeof createPhonePeSimulator>): Promise<string> {
  const answer = await simulator.handle(post('/apis/pg-sandbox/v1/oauth/token', TOKEN_FORM));
  if (answer.drop) throw new Error('dropped');
  return (JSON.parse(answer.body) as { access_token: string }).access_token;
}

describe('createPhonePeSimulator', () => {
  it('issues tokens with epoch-second issued_at/expires_at and rejects expired ones', async () => {
    let now = 1_700_000_000_000;
    const simulator = createPhonePeSimulator({ now: () => now, tokenTtlSeconds: 60 }).createOrder('O', {
      amount: 1,
    });
    const answer = await simulator.handle(post('/v1/oauth/token', TOKEN_FORM));
    expect(answer).toMatchObject({ drop: false, status: 200 });
    const body = JSON.parse((answer as { body: string }).body);
    expect(body).toMatchObject({
      issued_at: 1_700_000_000,
      expires_at: 1_700_000_060,
      token_type: 'O-Bearer',
    });
    const auth = { authorization: `O-Bearer ${body.access_token}` };
    expect(await simulator.handle(get('/checkout/v2/order/O/status', auth))).toMatchObject({ status: 200 });
    now += 60_000;
    expect(await simulator.handle(get('/checkout/v2/order/O/status', auth))).toMatchObject({ status: 401 });
    expect(simulator.counts).toMatchObject({ token: 1, status: 2 });
  });

  it('moves orders over time and by checks', async () => {
    let now = 0;
    const simulator = createPhonePeSimulator({ now: () => now })
      .createOrder('T', {
        amount: 5,
        transitions: [{ afterMs: 1_000, state: 'COMPLETED', transactionId: 'TX' }],
      })
      .createOrder('C', { amount: 5, transitions: [{ afterChecks: 1, state: 'FAILED' }] });
    expect(simulator.getOrder('T')).toMatchObject({ state: 'PENDING', paymentDetails: [] });
    now = 1_000;
    expect(simulator.getOrder('T')).toMatchObject({
      state: 'COMPLETED',
      paymentDetails: [{ transactionId: 'TX' }],
    });
    const auth = { authorization: `O-Bearer ${await token(simulator)}` };
    const answer = await simulator.handle(get('/checkout/v2/order/C/status', auth));
    expect(JSON.parse((answer as { body: string }).body)).toMatchObject({
      state: 'FAILED',
      errorCode: 'INVALID_MPIN',
    });
  });

  it('fails an order still PENDING at its expireAt with errorCode EXPIRED, as PhonePe does', async () => {
    let now = 1_700_000_000_000;
    const simulator = createPhonePeSimulator({ now: () => now })
      .createOrder('E', { amount: 7, expireAt: now + 60_000 })
      .createOrder('D', { amount: 7 }) // default expiry: 20 minutes after creation
      .createOrder('P', {
        amount: 7,
        expireAt: now + 60_000,
        transitions: [{ afterMs: 30_000, state: 'COMPLETED' }],
      })
      .createOrder('L', {
        amount: 7,
        expireAt: now + 60_000,
        transitions: [{ afterMs: 90_000, state: 'COMPLETED', transactionId: 'TOO-LATE' }],
      });
    now += 59_999;
    expect(simulator.getOrder('E')).toMatchObject({ state: 'PENDING' });
    now += 1;
    const auth = { authorization: `O-Bearer ${await token(simulator)}` };
    const answer = await simulator.handle(get('/checkout/v2/order/E/status', auth));
    expect(answer).toMatchObject({ drop: false, status: 200 });
    expect(JSON.parse((answer as { body: string }).body)).toMatchObject({
      state: 'FAILED',
      errorCode: 'EXPIRED',
      expireAt: 1_700_000_060_000,
      paymentDetails: [],
    });
    // Paid before the expiry: stays COMPLETED.
    expect(simulator.getOrder('P')).toMatchObject({ state: 'COMPLETED' });
    // A payment scripted after the expiry never lands: the order failed first, and stays failed.
    now += 60_000;
    expect(simulator.getOrder('L')).toMatchObject({
      state: 'FAILED',
      errorCode: 'EXPIRED',
      paymentDetails: [],
    });
    expect(simulator.getOrder('D')).toMatchObject({ state: 'PENDING' });
    now = 1_700_000_000_000 + 20 * 60_000;
    expect(simulator.getOrder('D')).toMatchObject({ state: 'FAILED', errorCode: 'EXPIRED' });
    // The webhook for an expired order reports the failure too.
    const webhook = simulator.webhookFor('E', { username: 'u', password: 'p' });
    expect(JSON.parse(webhook.body)).toMatchObject({ payload: { state: 'FAILED' } });
  });

  it('pay creates a PENDING order; unknown orders answer INVALID_MERCHANT_ORDER_ID', async () => {
    const simulator = createPhonePeSimulator({ unknownOrderStatus: 404 });
    const auth = { authorization: `O-Bearer ${await token(simulator)}` };
    const paid = await simulator.handle({
      ...post('/checkout/v2/pay', JSON.stringify({ merchantOrderId: 'NEW', amount: 100 }), {
        ...auth,
        'content-type': 'application/json',
      }),
    });
    expect(paid).toMatchObject({ status: 200 });
    expect(simulator.getOrder('NEW')).toMatchObject({ state: 'PENDING', amount: 100 });
    const missing = await simulator.handle(get('/checkout/v2/order/NOPE/status', auth));
    expect(missing).toMatchObject({ status: 404 });
    expect(JSON.parse((missing as { body: string }).body).code).toBe('INVALID_MERCHANT_ORDER_ID');
  });

  it('faults hit only their endpoint, as many times as asked, after skip', async () => {
    const simulator = createPhonePeSimulator().createOrder('O', { amount: 1 });
    simulator.inject({ type: 'http-error', status: 503 }, { times: 2, skip: 1 });
    simulator.inject({ type: 'rate-limit', retryAfterSeconds: 3 }, { endpoint: 'token' });
    expect(await simulator.handle(post('/v1/oauth/token', TOKEN_FORM))).toMatchObject({
      status: 429,
      headers: { 'retry-after': '3' },
    });
    const auth = { authorization: `O-Bearer ${await token(simulator)}` };
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const answer = await simulator.handle(get('/checkout/v2/order/O/status', auth));
      statuses.push(answer.drop ? 0 : answer.status);
    }
    expect(statuses).toEqual([200, 503, 503, 200]);
    simulator.inject({ type: 'drop' }, { endpoint: 'any' });
    expect(await simulator.handle(get('/checkout/v2/order/O/status', auth))).toEqual({ drop: true });
  });

  it('records requests and resets counts; unknown routes answer 404', async () => {
    const simulator = createPhonePeSimulator();
    expect(await simulator.handle(get('/somewhere'))).toMatchObject({ status: 404 });
    await token(simulator);
    expect(simulator.requests.map((r) => r.endpoint)).toEqual(['unknown', 'token']);
    simulator.resetCounts();
    expect(simulator.counts.token).toBe(0);
    expect(simulator.requests).toEqual([]);
  });

  it('restricts credentials when clients are given', async () => {
    const simulator = createPhonePeSimulator({ clients: [{ clientId: 'a', clientSecret: 'right' }] });
    expect(await simulator.handle(post('/v1/oauth/token', TOKEN_FORM))).toMatchObject({ status: 401 });
  });
});

const bodyOf = (answer: Awaited<ReturnType<ReturnType<typeof createPhonePeSimulator>['handle']>>) => {
  if (answer.drop) throw new Error('dropped');
  return JSON.parse(answer.body) as Record<string, unknown>;
};

describe('createPhonePeSimulator: the headers PhonePe checks', () => {
  const MAPPING = { code: 'BAD_REQUEST', message: 'Api Mapping Not Found' };

  it('status needs Content-Type: application/json (parameters allowed), else 400 API Mapping Not Found', async () => {
    const simulator = createPhonePeSimulator().createOrder('O', { amount: 1 });
    const auth = `O-Bearer ${await token(simulator)}`;
    const status = (headers: Record<string, string>) =>
      simulator.handle({ method: 'GET', url: '/checkout/v2/order/O/status', headers, body: '' });
    const missing = await status({ authorization: auth });
    expect(missing).toMatchObject({ status: 400 });
    expect(bodyOf(missing)).toEqual(MAPPING);
    expect(await status({ authorization: auth, 'content-type': 'text/plain' })).toMatchObject({
      status: 400,
    });
    expect(
      await status({ authorization: auth, 'content-type': 'Application/JSON; charset=utf-8' }),
    ).toMatchObject({ status: 200 });
    expect(simulator.requests.map((r) => [r.status, r.contentType])).toEqual([
      [200, 'application/x-www-form-urlencoded'],
      [400, undefined],
      [400, 'text/plain'],
      [200, 'Application/JSON; charset=utf-8'],
    ]);
  });

  it('status needs Authorization: O-Bearer <token>: no header or another scheme is 400, a dead token 401', async () => {
    const simulator = createPhonePeSimulator().createOrder('O', { amount: 1 });
    const live = await token(simulator);
    const at = async (authorization?: string) => {
      const answer = await simulator.handle(
        get('/checkout/v2/order/O/status', authorization ? { authorization } : {}),
      );
      return answer.drop ? 0 : answer.status;
    };
    expect(await at()).toBe(400);
    expect(await at(`Bearer ${live}`)).toBe(400);
    expect(await at(live)).toBe(400);
    expect(await at('O-Bearer not-a-token')).toBe(401);
    expect(await at(`O-Bearer ${live}`)).toBe(200);
  });

  it('the token request needs a form body: JSON is answered 400 API Mapping Not Found', async () => {
    const simulator = createPhonePeSimulator();
    const json = await simulator.handle({
      method: 'POST',
      url: '/v1/oauth/token',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: 'a',
        client_secret: 'b',
        client_version: 1,
        grant_type: 'client_credentials',
      }),
    });
    expect(json).toMatchObject({ status: 400 });
    expect(bodyOf(json)).toEqual(MAPPING);
    expect(
      await simulator.handle({ method: 'POST', url: '/v1/oauth/token', headers: {}, body: TOKEN_FORM }),
    ).toMatchObject({ status: 400 });
  });
});

describe('createPhonePeSimulator: fidelity to PhonePe samples', () => {
  it('error bodies are { code, message } (unknown order: 400 INVALID_MERCHANT_ORDER_ID by default)', async () => {
    const simulator = createPhonePeSimulator().createOrder('O', { amount: 1 });
    const auth = { authorization: `O-Bearer ${await token(simulator)}` };
    const missing = await simulator.handle(get('/checkout/v2/order/NOPE/status', auth));
    expect(missing).toMatchObject({ status: 400 });
    expect(bodyOf(missing)).toEqual({
      code: 'INVALID_MERCHANT_ORDER_ID',
      message: 'No entry found for given merchant order id',
    });
    const expired = await simulator.handle(
      get('/checkout/v2/order/O/status', { authorization: 'O-Bearer x' }),
    );
    expect(Object.keys(bodyOf(expired)).sort()).toEqual(['code', 'message']);
    simulator.inject({ type: 'http-error', status: 503 });
    expect(
      Object.keys(bodyOf(await simulator.handle(get('/checkout/v2/order/O/status', auth)))).sort(),
    ).toEqual(['code', 'message']);
    simulator.inject({ type: 'rate-limit' });
    expect(bodyOf(await simulator.handle(get('/checkout/v2/order/O/status', auth)))).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many requests',
    });
  });

  it('FAILED: errorCode/detailedErrorCode at the top level and on the attempt; errorContext only when asked', async () => {
    const simulator = createPhonePeSimulator().createOrder('F', { amount: 200, state: 'FAILED' });
    const auth = { authorization: `O-Bearer ${await token(simulator)}` };
    const plain = bodyOf(
      await simulator.handle(get('/checkout/v2/order/F/status?details=false&errorContext=false', auth)),
    );
    expect(plain).toMatchObject({
      state: 'FAILED',
      errorCode: 'INVALID_MPIN',
      detailedErrorCode: 'ZM',
      paymentDetails: [{ state: 'FAILED', errorCode: 'INVALID_MPIN', detailedErrorCode: 'ZM' }],
    });
    expect(plain).not.toHaveProperty('errorContext');
    const withContext = bodyOf(
      await simulator.handle(get('/checkout/v2/order/F/status?details=false&errorContext=true', auth)),
    );
    expect(withContext.errorContext).toEqual({
      errorCode: 'INVALID_MPIN',
      detailedErrorCode: 'ZM',
      source: 'CUSTOMER',
      stage: 'AUTHENTICATION',
      description: 'Wrong MPIN was entered',
    });
    // Nowhere else, and no error fields at all on a COMPLETED or PENDING order.
    const serialized = JSON.stringify(plain);
    expect(serialized.match(/"errorCode"/g)).toHaveLength(2);
    simulator.createOrder('C', { amount: 1, state: 'COMPLETED' }).createOrder('P', { amount: 1 });
    expect(JSON.stringify(simulator.getOrder('C'))).not.toMatch(/errorCode|errorContext/);
    expect(JSON.stringify(simulator.getOrder('P', { errorContext: true }))).not.toMatch(
      /errorCode|errorContext/,
    );
    // A code PhonePe's samples pair with no detailed code gets none invented.
    simulator.setOrderState('P', 'FAILED', { errorCode: 'PAYMENT_DECLINED' });
    expect(simulator.getOrder('P')).toMatchObject({ errorCode: 'PAYMENT_DECLINED' });
    expect(simulator.getOrder('P')).not.toHaveProperty('detailedErrorCode');
  });

  it('each attempt has its own timestamp; details=true lists them all, else only the latest', async () => {
    let now = 1_700_000_000_000;
    const simulator = createPhonePeSimulator({ now: () => now }).createOrder('O', { amount: 300 });
    now += 5_000;
    simulator.setOrderState('O', 'PENDING', { transactionId: 'T1', attemptState: 'FAILED' });
    now += 7_000;
    simulator.setOrderState('O', 'COMPLETED', { transactionId: 'T2' });
    expect(simulator.getOrder('O', { details: true })).toMatchObject({
      state: 'COMPLETED',
      paymentDetails: [
        { transactionId: 'T1', state: 'FAILED', timestamp: 1_700_000_005_000, errorCode: 'INVALID_MPIN' },
        { transactionId: 'T2', state: 'COMPLETED', timestamp: 1_700_000_012_000 },
      ],
    });
    expect(simulator.getOrder('O')).not.toHaveProperty('errorCode');
    const auth = { authorization: `O-Bearer ${await token(simulator)}` };
    const latest = bodyOf(await simulator.handle(get('/checkout/v2/order/O/status?details=false', auth)));
    expect(latest.paymentDetails).toEqual([expect.objectContaining({ transactionId: 'T2' })]);
    const all = bodyOf(await simulator.handle(get('/checkout/v2/order/O/status?details=true', auth)));
    expect((all.paymentDetails as unknown[]).length).toBe(2);
    // Neither attempt carries the order's creation time: each was stamped when it started.
    expect(JSON.stringify(all)).not.toContain('"timestamp":1700000000000');
  });

  it('refuses a reused merchantOrderId on pay, leaving the first order as it was', async () => {
    const simulator = createPhonePeSimulator();
    const headers = {
      authorization: `O-Bearer ${await token(simulator)}`,
      'content-type': 'application/json',
    };
    const pay = (amount: number) =>
      simulator.handle(post('/checkout/v2/pay', JSON.stringify({ merchantOrderId: 'DUP', amount }), headers));
    expect(await pay(100)).toMatchObject({ status: 200 });
    simulator.setOrderState('DUP', 'COMPLETED');
    const again = await pay(999);
    expect(again).toMatchObject({ status: 400 });
    expect(Object.keys(bodyOf(again)).sort()).toEqual(['code', 'message']);
    expect(simulator.getOrder('DUP')).toMatchObject({ state: 'COMPLETED', amount: 100 });
  });

  it('signs webhooks only for terminal states (PhonePe sends none while PENDING)', () => {
    const simulator = createPhonePeSimulator().createOrder('O', { amount: 1 });
    const credentials = { username: 'u', password: 'p' };
    expect(() => simulator.webhookFor('O', credentials)).toThrow(/PENDING/);
    simulator.setOrderState('O', 'FAILED');
    const hook = JSON.parse(simulator.webhookFor('O', credentials).body);
    expect(hook).toMatchObject({
      event: 'checkout.order.failed',
      payload: {
        state: 'FAILED',
        errorCode: 'INVALID_MPIN',
        detailedErrorCode: 'ZM',
        paymentDetails: [{ errorCode: 'INVALID_MPIN', detailedErrorCode: 'ZM' }],
      },
    });
  });

  it('an override fault answers the real order with some fields replaced, once', async () => {
    const simulator = createPhonePeSimulator().createOrder('O', { amount: 1 });
    simulator.inject({ type: 'override', fields: { state: 'AUTHORIZED', metaInfo: null } });
    const auth = { authorization: `O-Bearer ${await token(simulator)}` };
    expect(bodyOf(await simulator.handle(get('/checkout/v2/order/O/status', auth)))).toMatchObject({
      state: 'AUTHORIZED',
      metaInfo: null,
      amount: 1,
    });
    expect(bodyOf(await simulator.handle(get('/checkout/v2/order/O/status', auth)))).toMatchObject({
      state: 'PENDING',
    });
  });
});
