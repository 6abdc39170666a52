// Faults are data, interpreted in one place: where in the request's handling each kind acts.
import { describe, expect, it } from 'vitest';
import { createPhonePeSimulator, type SimulatorResponse } from '../../../src/testing/index';

const TOKEN_FORM = 'client_id=a&client_secret=b&client_version=1&grant_type=client_credentials';
const tokenRequest = {
  method: 'POST',
  url: '/v1/oauth/token',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: TOKEN_FORM,
};
const statusOf = (answer: SimulatorResponse) => (answer.drop ? 0 : answer.status);
const bodyOf = (answer: SimulatorResponse) => {
  if (answer.drop) throw new Error('dropped');
  return JSON.parse(answer.body) as Record<string, unknown>;
};

describe('PhonePe simulator faults', () => {
  it('an answer fault replaces the answer before headers and tokens are looked at', async () => {
    const simulator = createPhonePeSimulator().inject({ type: 'http-error', status: 503 });
    const bare = { method: 'GET', url: '/checkout/v2/order/O/status', headers: {}, body: '' };
    expect(statusOf(await simulator.handle(bare))).toBe(503);
    expect(statusOf(await simulator.handle(bare))).toBe(400); // Api Mapping Not Found, once the fault is used
    expect(simulator.requests.map((r) => [r.endpoint, r.status])).toEqual([
      ['status', 503],
      ['status', 400],
    ]);
  });

  it('an override is used up by any request it matches, and changes only a status answer about a known order', async () => {
    const simulator = createPhonePeSimulator().createOrder('O', { amount: 1 });
    simulator.inject({ type: 'override', fields: { state: 'AUTHORIZED' } }, { endpoint: 'any', times: 2 });
    const token = bodyOf(await simulator.handle(tokenRequest));
    expect(token).toMatchObject({ token_type: 'O-Bearer' });
    expect(token).not.toHaveProperty('state');
    const headers = { authorization: `O-Bearer ${token.access_token}`, 'content-type': 'application/json' };
    const status = (id: string) =>
      simulator.handle({ method: 'GET', url: `/checkout/v2/order/${id}/status`, headers, body: '' });
    expect(bodyOf(await status('NOPE'))).toMatchObject({ code: 'INVALID_MERCHANT_ORDER_ID' });
    expect(bodyOf(await status('O'))).toMatchObject({ state: 'PENDING' });
  });

  it('a latency stacks with another fault, and an aborted request stops waiting for it', async () => {
    const simulator = createPhonePeSimulator()
      .inject({ type: 'latency', ms: 60_000 }, { endpoint: 'token' })
      .inject({ type: 'rate-limit', retryAfterSeconds: 2 }, { endpoint: 'token' });
    const started = performance.now();
    const answer = await simulator.handle({ ...tokenRequest, signal: AbortSignal.timeout(20) });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(answer).toMatchObject({ status: 429, headers: { 'retry-after': '2' } });
  });
});
