// The gateways' own `rateLimit`: every status request (retries included) waits for the limiter, a 429
// pauses it, the token request is not counted. Against the simulator on a real local port.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createRateLimiter,
  isGatewayRateLimitError,
  isGatewayTimeoutError,
  type RateLimiter,
} from '../../../src/index';
import { createPhonePeV1Gateway } from '../../../src/phonepe/index';
import { createPhonePeSimulator, type PhonePeSimulator } from '../../../src/testing/index';
import { useServedPhonePe } from '../../support/served-phonepe';

const v1 = { merchantId: 'MERCHANTUAT', saltKey: 'salt-key-123', saltIndex: 1 };
let simulator: PhonePeSimulator;
beforeEach(() => {
  simulator = createPhonePeSimulator({ v1 })
    .createOrder('ORDER-1', { amount: 49_900, state: 'COMPLETED' })
    .createOrder('ORDER-2', { amount: 49_900 });
});
const served = useServedPhonePe(() => simulator);

/** A limiter that lets everything through and records what the gateway asked of it. */
function recordingLimiter() {
  const calls = { acquire: 0, pauses: [] as number[] };
  const limiter: RateLimiter = {
    ratePerSecond: 10,
    async acquire() {
      calls.acquire += 1;
    },
    pause(ms) {
      calls.pauses.push(ms);
    },
  };
  return { limiter, calls };
}

const v2 = (rateLimit: RateLimiter, timeoutMs = 5_000) =>
  served.gateway({ retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs, rateLimit });

describe('gateway rateLimit', () => {
  it('takes a token for every status request, retries included, and none for the OAuth token', async () => {
    simulator
      .inject({ type: 'rate-limit' }, { times: 1 })
      .inject({ type: 'http-error', status: 503 }, { times: 1, skip: 1 });
    const { limiter, calls } = recordingLimiter();
    const status = await v2(limiter).getPaymentStatus('ORDER-1');
    expect(status.state).toBe('COMPLETED');
    expect(simulator.counts.token).toBe(1);
    expect(simulator.counts.status).toBe(3); // 429, 503, 200
    expect(calls.acquire).toBe(3);
    expect(calls.pauses).toEqual([1000]); // the 429 had no Retry-After: one second
  });

  it("pauses the limiter for PhonePe's Retry-After", async () => {
    simulator.inject({ type: 'rate-limit', retryAfterSeconds: 30 }, { times: 1 });
    const { limiter, calls } = recordingLimiter();
    // A 30 s Retry-After cannot fit the 2 s budget: the 429 is reported at once, the pause recorded.
    const error = await v2(limiter, 2_000)
      .getPaymentStatus('ORDER-1')
      .catch((e: unknown) => e);
    expect(isGatewayRateLimitError(error)).toBe(true);
    expect(calls.pauses).toEqual([30_000]);
    expect(simulator.counts.status).toBe(1);
  });

  it('paces calls to the limiter rate (manual clock: the waits are what the rate asks for)', async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = createRateLimiter({
      ratePerSecond: 10,
      clock: { now: () => new Date(now) },
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    const gateway = v2(limiter);
    for (let i = 0; i < 5; i++) await gateway.getPaymentStatus('ORDER-2');
    expect(simulator.counts.status).toBe(5);
    expect(waits.reduce((a, b) => a + b, 0)).toBe(400); // 5 calls at 10/s: 0, 100, 200, 300, 400 ms
  });

  it('a call still waiting for the limiter when its budget ends is a timeout, and sends nothing', async () => {
    const limiter = createRateLimiter({
      ratePerSecond: 0.001, // the second call would wait 1,000 s
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason))),
    });
    // The budget must fit a cold token fetch plus a status call on a loaded machine (50 ms did not);
    // the limiter's wait (1,000 s) outlasts any budget, so the second call still ends at the budget.
    const gateway = v2(limiter, 1_000);
    await gateway.getPaymentStatus('ORDER-1');
    const error = await gateway.getPaymentStatus('ORDER-1').catch((e: unknown) => e);
    expect(isGatewayTimeoutError(error)).toBe(true);
    expect(simulator.counts.status).toBe(1);
  });

  it('the legacy v1 gateway takes a token per status request too', async () => {
    simulator.inject({ type: 'http-error', status: 500 }, { endpoint: 'v1-status', times: 1 });
    const { limiter, calls } = recordingLimiter();
    const gateway = createPhonePeV1Gateway({
      ...v1,
      environment: 'sandbox',
      baseUrl: served.url,
      retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 },
      rateLimit: limiter,
    });
    await gateway.getPaymentStatus('ORDER-1');
    expect(simulator.counts['v1-status']).toBe(2);
    expect(calls.acquire).toBe(2);
  });

  it('refuses a rateLimit that is not a RateLimiter', () => {
    const bad = { acquire: 'nope' } as unknown as RateLimiter;
    expect(() => v2(bad)).toThrow(TypeError);
    expect(() => v2(bad)).toThrow(/`rateLimit` must be a RateLimiter/);
    expect(() => createPhonePeV1Gateway({ ...v1, environment: 'sandbox', rateLimit: bad })).toThrow(
      /`rateLimit` must be a RateLimiter/,
    );
  });
});
