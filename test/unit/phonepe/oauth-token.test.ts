import { describe, expect, it } from 'vitest';
import { isGatewayAuthError, isGatewayError } from '../../../src/index';
import { createPhonePeGateway, type PhonePeGatewayOptions } from '../../../src/phonepe/index';
import { PHONEPE_TEST_URL, usePhonePeMsw } from '../../support/phonepe-msw';

/** One clock for the simulator and the gateway, moved by hand. */
const clock = { ms: Date.UTC(2026, 0, 1), now: () => new Date(clock.ms) };
const phonepe = usePhonePeMsw(() => ({
  now: () => clock.ms,
  tokenTtlSeconds: 3600,
  clients: [
    { clientId: 'MERCHANT-A', clientSecret: 'secret-a' },
    { clientId: 'MERCHANT-B', clientSecret: 'secret-b' },
  ],
}));

function gateway(overrides: Partial<PhonePeGatewayOptions> = {}) {
  return createPhonePeGateway({
    clientId: 'MERCHANT-A',
    clientSecret: 'secret-a',
    clientVersion: 1,
    environment: 'sandbox',
    baseUrl: PHONEPE_TEST_URL,
    retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 },
    clock,
    ...overrides,
  });
}

const statusTokens = () =>
  phonepe.simulator.requests.filter((r) => r.endpoint === 'status').map((r) => r.token);

describe('OAuth token cache', () => {
  it('N sequential status calls fetch exactly one token', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    const g = gateway();
    for (let i = 0; i < 25; i++) await g.getPaymentStatus('ORDER-1');
    expect(phonepe.simulator.counts).toMatchObject({ token: 1, status: 25 });
  });

  it('200 concurrent status calls on a cold cache fetch exactly one token', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    const g = gateway();
    const results = await Promise.all(Array.from({ length: 200 }, () => g.getPaymentStatus('ORDER-1')));
    expect(results.every((r) => r.state === 'PENDING')).toBe(true);
    expect(phonepe.simulator.counts).toMatchObject({ token: 1, status: 200 });
  });

  it('50 concurrent 401s share exactly one forced refresh, then each call is retried once and succeeds', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    const g = gateway();
    await g.getPaymentStatus('ORDER-1');
    const [first] = statusTokens();
    phonepe.simulator.expireTokens();
    phonepe.simulator.resetCounts();

    const results = await Promise.all(Array.from({ length: 50 }, () => g.getPaymentStatus('ORDER-1')));
    expect(results).toHaveLength(50);
    expect(phonepe.simulator.counts).toMatchObject({ token: 1, status: 100 });
    const tokens = statusTokens();
    expect(tokens.slice(0, 50).every((t) => t === first)).toBe(true);
    expect(new Set(tokens.slice(50)).size).toBe(1);
    expect(tokens[50]).not.toBe(first);
  });

  it('a 401 that persists after the refresh is a GatewayAuthError: one refresh, one retry', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'unauthorized' }, { times: 99 });
    const error = await gateway()
      .getPaymentStatus('ORDER-1')
      .catch((e: unknown) => e);
    expect(isGatewayAuthError(error)).toBe(true);
    expect(error).toMatchObject({ status: 401 });
    expect(phonepe.simulator.counts).toMatchObject({ token: 2, status: 2 });
  });

  it('the resend after a 401 is not one of the retries: it happens with retry: false too', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'unauthorized' }, { times: 1 });
    await expect(gateway({ retry: false }).getPaymentStatus('ORDER-1')).resolves.toMatchObject({
      state: 'PENDING',
    });
    expect(phonepe.simulator.counts).toMatchObject({ token: 2, status: 2 });
  });

  it('after the resend a 401 earned, the call still has all its retries', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator
      .inject({ type: 'unauthorized' }, { times: 1 })
      .inject({ type: 'http-error', status: 503 }, { times: 2 });
    await expect(gateway().getPaymentStatus('ORDER-1')).resolves.toMatchObject({ state: 'PENDING' });
    expect(phonepe.simulator.counts).toMatchObject({ token: 2, status: 4 }); // 401, 503, 503, 200
  });

  it('two gateways with different credentials hold two tokens, each call carrying its own', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    const a = gateway();
    const b = gateway({ clientId: 'MERCHANT-B', clientSecret: 'secret-b' });
    await Promise.all([
      ...Array.from({ length: 10 }, () => a.getPaymentStatus('ORDER-1')),
      ...Array.from({ length: 10 }, () => b.getPaymentStatus('ORDER-1')),
    ]);
    expect(phonepe.simulator.counts.token).toBe(2);
    const byClient = new Map<string, Set<string>>();
    for (const r of phonepe.simulator.requests.filter((r) => r.endpoint === 'status')) {
      const set = byClient.get(r.clientId!) ?? new Set();
      set.add(r.token!);
      byClient.set(r.clientId!, set);
    }
    expect([...byClient.keys()].sort()).toEqual(['MERCHANT-A', 'MERCHANT-B']);
    expect(byClient.get('MERCHANT-A')!.size).toBe(1);
    expect(byClient.get('MERCHANT-B')!.size).toBe(1);
    expect([...byClient.get('MERCHANT-A')!][0]).not.toBe([...byClient.get('MERCHANT-B')!][0]);
    expect(
      phonepe.simulator.requests.filter((r) => r.endpoint === 'status' && r.clientId === 'MERCHANT-A'),
    ).toHaveLength(10);
  });

  it('refreshes ahead of expires_at by the margin, not before', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    const g = gateway({ refreshMarginMs: 300_000 });
    await g.getPaymentStatus('ORDER-1');
    clock.ms += 3_300_000 - 1_000; // 1 s before expiry - margin
    await g.getPaymentStatus('ORDER-1');
    expect(phonepe.simulator.counts.token).toBe(1);
    clock.ms += 2_000; // inside the margin: refresh
    await g.getPaymentStatus('ORDER-1');
    expect(phonepe.simulator.counts.token).toBe(2);
    expect(new Set(statusTokens()).size).toBe(2);
  });

  it('a short-lived token is refreshed at half its lifetime, not on every call', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    // The simulator of this file issues 1 h tokens; a margin larger than half the lifetime is capped.
    const short = gateway({ refreshMarginMs: 3_000_000 });
    await short.getPaymentStatus('ORDER-1');
    await short.getPaymentStatus('ORDER-1');
    expect(phonepe.simulator.counts.token).toBe(1);
    clock.ms += 1_800_000 + 1;
    await short.getPaymentStatus('ORDER-1');
    expect(phonepe.simulator.counts.token).toBe(2);
  });

  it('a failed early refresh keeps using the still-valid token', async () => {
    // Checked again 57 min later: past the default 20-min expiry, after which the simulator fails it.
    phonepe.simulator.createOrder('ORDER-1', { amount: 100, expireAt: clock.ms + 24 * 3_600_000 });
    const g = gateway();
    await g.getPaymentStatus('ORDER-1');
    const [first] = statusTokens();
    clock.ms += 3_400_000; // due for refresh, 200 s before expiry
    phonepe.simulator.inject({ type: 'http-error', status: 503 }, { endpoint: 'token', times: 3 });
    await expect(g.getPaymentStatus('ORDER-1')).resolves.toMatchObject({ state: 'PENDING' });
    expect(phonepe.simulator.counts.token).toBe(4);
    expect(statusTokens()[1]).toBe(first);
  });

  it('never hands out an expired token: a failed refresh after expiry fails the call without a PG request', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    const g = gateway();
    await g.getPaymentStatus('ORDER-1');
    clock.ms += 3_600_000 + 1;
    phonepe.simulator.inject({ type: 'http-error', status: 503 }, { endpoint: 'token', times: 3 });
    const error = await g.getPaymentStatus('ORDER-1').catch((e: unknown) => e);
    expect(isGatewayError(error)).toBe(true);
    expect(error).toMatchObject({ status: 503 });
    expect(phonepe.simulator.counts).toMatchObject({ token: 4, status: 1 });
  });

  it('a token failure is retried inside the token fetch only (no compounding by the status retries)', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'http-error', status: 500 }, { endpoint: 'token', times: 99 });
    await gateway()
      .getPaymentStatus('ORDER-1')
      .catch(() => {});
    expect(phonepe.simulator.counts).toMatchObject({ token: 3, status: 0 });
  });

  it('bad credentials: a GatewayAuthError, not retried', async () => {
    const error = await gateway({ clientSecret: 'wrong' })
      .getPaymentStatus('ORDER-1')
      .catch((e: unknown) => e);
    expect(isGatewayAuthError(error)).toBe(true);
    expect(phonepe.simulator.counts).toMatchObject({ token: 1, status: 0 });
  });

  it('a concurrent caller giving up does not fail the shared token fetch for the others', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'latency', ms: 100 }, { endpoint: 'token' });
    const g = gateway();
    const impatient = g
      .getPaymentStatus('ORDER-1', { signal: AbortSignal.timeout(10) })
      .catch((e: unknown) => e);
    const patient = g.getPaymentStatus('ORDER-1');
    await expect(patient).resolves.toMatchObject({ state: 'PENDING' });
    expect(await impatient).toMatchObject({ code: 'GATEWAY_TIMEOUT' });
    expect(phonepe.simulator.counts.token).toBe(1);
  });
});
