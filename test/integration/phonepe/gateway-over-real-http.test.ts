// The v2 gateway against the simulator on a real local port: real fetch (undici), real sockets, real
// timeouts and dropped connections. No msw here: it would hide transport bugs.
import { beforeEach, describe, expect, it } from 'vitest';
import { isGatewayError, isGatewayTimeoutError } from '../../../src/index';
import type { PhonePeGatewayOptions } from '../../../src/phonepe/index';
import { createPhonePeSimulator, type PhonePeSimulator } from '../../../src/testing/index';
import { useServedPhonePe } from '../../support/served-phonepe';

let simulator: PhonePeSimulator;
beforeEach(() => {
  simulator = createPhonePeSimulator();
});
const served = useServedPhonePe(() => simulator);

function gateway(overrides: Partial<PhonePeGatewayOptions> = {}) {
  return served.gateway({
    environment: 'production',
    retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  });
}

describe('PhonePe gateway over real HTTP', () => {
  it('serves on 127.0.0.1 with an ephemeral port', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(served.url).not.toMatch(/:0$/);
  });

  it('token + status through the real fetch', async () => {
    simulator.createOrder('ORDER-1', { amount: 49_900, state: 'COMPLETED', transactionId: 'TXN789456123' });
    await expect(gateway().getPaymentStatus('ORDER-1')).resolves.toMatchObject({
      state: 'COMPLETED',
      transactionId: 'TXN789456123',
      amount: 49_900,
    });
    expect(simulator.requests.map((r) => `${r.method} ${r.path}${r.query}`)).toEqual([
      'POST /v1/oauth/token',
      'GET /checkout/v2/order/ORDER-1/status?details=false&errorContext=false',
    ]);
  });

  it('sends the headers PhonePe checks over a real socket: a form token request, O-Bearer and Content-Type on status', async () => {
    simulator.createOrder('ORDER-1', { amount: 100 });
    await expect(gateway({ retry: false }).getPaymentStatus('ORDER-1')).resolves.toMatchObject({
      state: 'PENDING',
    });
    expect(simulator.requests.map((r) => [r.endpoint, r.status, r.contentType])).toEqual([
      ['token', 200, 'application/x-www-form-urlencoded'],
      ['status', 200, 'application/json'],
    ]);
    expect(simulator.requests[1]!.token).toMatch(/^sim\./);
  });

  it('200 concurrent calls over real sockets: one token', async () => {
    simulator.createOrder('ORDER-1', { amount: 100 });
    const g = gateway();
    await Promise.all(Array.from({ length: 200 }, () => g.getPaymentStatus('ORDER-1')));
    expect(simulator.counts).toMatchObject({ token: 1, status: 200 });
  });

  it('a hung server: GatewayTimeoutError at timeoutMs, one attempt, the socket given up', async () => {
    simulator.createOrder('ORDER-1', { amount: 100 });
    // 1 s, not less: the warm-up (a cold token and a status call) must fit it on a loaded machine.
    const g = gateway({ timeoutMs: 1_000 });
    await g.getPaymentStatus('ORDER-1'); // warm the token
    simulator.inject({ type: 'latency', ms: 30_000 }, { times: 99 });
    const error = await g.getPaymentStatus('ORDER-1').catch((e: unknown) => e);
    expect(isGatewayTimeoutError(error)).toBe(true);
    expect(simulator.counts.status).toBe(2);
  });

  it('a dropped connection is a network error, retried', async () => {
    simulator.createOrder('ORDER-1', { amount: 100 });
    simulator.inject({ type: 'drop' }, { times: 1 });
    await expect(gateway().getPaymentStatus('ORDER-1')).resolves.toMatchObject({ state: 'PENDING' });
    expect(simulator.counts.status).toBe(2);
  });

  it('dropped connections with no retry left: a GatewayError that is not a timeout', async () => {
    simulator.createOrder('ORDER-1', { amount: 100 });
    simulator.inject({ type: 'drop' }, { times: 99 });
    const error = await gateway()
      .getPaymentStatus('ORDER-1')
      .catch((e: unknown) => e);
    expect(isGatewayError(error)).toBe(true);
    expect(isGatewayTimeoutError(error)).toBe(false);
    expect(simulator.counts.status).toBe(3);
  });

  it('a dropped token request is retried inside the token fetch', async () => {
    simulator.createOrder('ORDER-1', { amount: 100 });
    simulator.inject({ type: 'drop' }, { endpoint: 'token', times: 1 });
    await expect(gateway().getPaymentStatus('ORDER-1')).resolves.toMatchObject({ state: 'PENDING' });
    expect(simulator.counts).toMatchObject({ token: 2, status: 1 });
  });

  it('the core time budget: latency on a retry ends the call at the budget with a timeout', async () => {
    simulator.createOrder('ORDER-1', { amount: 100 });
    const g = gateway({ timeoutMs: 30_000, retry: { limit: 5, baseDelayMs: 10, maxDelayMs: 10 } });
    // Warm the token first: the budget below is about status calls, not a cold token fetch on a loaded machine.
    await g.getPaymentStatus('ORDER-1');
    simulator.resetCounts();
    simulator.inject({ type: 'http-error', status: 503 }, { times: 1 });
    simulator.inject({ type: 'latency', ms: 30_000 }, { times: 99, skip: 1 });
    const error = await g
      .getPaymentStatus('ORDER-1', { signal: AbortSignal.timeout(1_000) })
      .catch((e: unknown) => e);
    expect(isGatewayTimeoutError(error)).toBe(true);
    expect(simulator.counts.status).toBe(2);
  });
});
