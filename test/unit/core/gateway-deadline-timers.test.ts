// Deno, Cloudflare Workers and browsers return numbers from setTimeout (no ref/unref). The deadline path
// of a gateway check must settle there too: answered checks resolve, hanging ones time out.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { syncOrderPaymentStatus } from '../../../src/index';
import { buildOrderPayment, createMemoryOrderRepository } from '../../../src/testing/index';
import { createManualClock } from '../../support/manual-clock';
import { createRecordingLogger } from '../../support/recording-logger';

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** Rejects after `ms` of real time, so a check that never settles fails the test instead of hanging it. */
function withinRealTime<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const guard = realSetTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        realClearTimeout(guard);
        resolve(value);
      },
      (error: unknown) => {
        realClearTimeout(guard);
        reject(error);
      },
    );
  });
}

describe('gateway deadlines on runtimes whose timers are numbers', () => {
  const returned: unknown[] = [];

  beforeEach(() => {
    const live = new Map<number, ReturnType<typeof realSetTimeout>>();
    let nextId = 1;
    vi.stubGlobal('setTimeout', (run: () => void, ms?: number) => {
      const id = nextId++;
      live.set(
        id,
        realSetTimeout(() => {
          live.delete(id);
          run();
        }, ms),
      );
      returned.push(id);
      return id;
    });
    vi.stubGlobal('clearTimeout', (id: number) => {
      realClearTimeout(live.get(id));
      live.delete(id);
    });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    returned.length = 0;
  });

  const setup = (timeoutMs: number) => ({
    repository: createMemoryOrderRepository([buildOrderPayment({ id: 1, amount: 1000 })]),
    logger: createRecordingLogger(),
    clock: createManualClock('2024-01-01T10:00:00.000Z'),
    timeoutMs,
  });

  // The answered check clears its timer; the hanging one's timer fires and times it out.
  it('settles an answered check, then times out a hanging one', async () => {
    const deps = setup(41);
    const answered = await withinRealTime(
      syncOrderPaymentStatus(deps.repository.get(1)!, {
        ...deps,
        gateway: { getPaymentStatus: async () => ({ state: 'PENDING', amount: 1000 }) },
      }),
      2_000,
    );
    expect(answered.outcome).toBe('still-pending');
    expect(returned.length).toBeGreaterThan(0);
    expect(returned.every((id) => typeof id === 'number')).toBe(true);

    const hanging = await withinRealTime(
      syncOrderPaymentStatus(deps.repository.get(1)!, {
        ...deps,
        gateway: { getPaymentStatus: () => new Promise(() => {}) },
      }),
      2_000,
    );
    expect(hanging.outcome).toBe('gateway-error');
    expect(hanging.error?.code).toBe('GATEWAY_TIMEOUT');
  });
});
