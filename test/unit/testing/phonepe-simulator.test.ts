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
  headers,
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
      ...post('/checkout/v2/pay', JSON.stringify({ merchantOrderId: 'NEW', amount: 100 }), auth),
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
