// Which schedule a sweep follows: the one it is given, else the gateway's recommendation, else the core
// default (each pending order at most once a minute, never stuck). PhonePe's own schedule is tested in
// test/unit/phonepe/phonepe-schedule.test.ts.
import { describe, expect, it } from 'vitest';
import { defaultReconcileSchedule } from '../../../src/core/reconcile-schedule';
import {
  createPaymentSync,
  type PaymentGateway,
  type ReconcileProgress,
  type ReconcileSchedule,
} from '../../../src/index';
import {
  buildOrderPayment,
  createFakePaymentGateway,
  createMemoryOrderRepository,
} from '../../../src/testing/index';
import { createManualClock } from '../../support/manual-clock';

const START = '2024-01-01T10:00:00.000Z';

/** One order placed just now (too young for PhonePe's cadence), the given gateway, and a progress log. */
function setup(gateway: PaymentGateway) {
  const clock = createManualClock(START);
  const repository = createMemoryOrderRepository([buildOrderPayment({ id: 1, createdAt: clock.now() })]);
  const paymentSync = createPaymentSync({ repository, gateway, clock, circuitBreaker: false });
  const progress: ReconcileProgress[] = [];
  const sweep = (schedule?: ReconcileSchedule) =>
    paymentSync.reconcile({
      rateLimit: Number.POSITIVE_INFINITY,
      onProgress: (p) => void progress.push(p),
      ...(schedule && { schedule }),
    });
  return { clock, repository, paymentSync, progress, sweep };
}

/** The fake gateway without its recommendation: a gateway that offers none. */
function plainGateway() {
  const gateway = createFakePaymentGateway();
  delete gateway.recommendedSchedule;
  return gateway;
}

const never: ReconcileSchedule = () => ({ due: false, reason: 'never' });
const always: ReconcileSchedule = () => ({ due: true, reason: 'always' });

describe('the schedule a sweep follows', () => {
  it('without a schedule and a recommendation: the core default, once a minute from the start, never stuck', async () => {
    const gateway = plainGateway();
    const { clock, repository, sweep, progress } = setup(gateway);
    expect(await sweep()).toMatchObject({ checked: 1, stillPending: 1 });
    expect(progress.at(-1)!.decision).toEqual({
      due: true,
      reason: 'interval',
      nextCheckAt: new Date(START),
    });
    // Handed back until its next due time, a minute after the check.
    expect(repository.leaseOf(1)).toEqual({ workerId: null, until: new Date(Date.parse(START) + 60_000) });
    clock.advance(59_999);
    expect(await sweep()).toMatchObject({ scanned: 0, checked: 0 });
    clock.advance(1);
    expect(await sweep()).toMatchObject({ checked: 1 });
    // Days past any expiry PhonePe's schedule would give up at: still checked once a minute, never stuck.
    clock.advance(3 * 24 * 3_600_000);
    expect(await sweep()).toMatchObject({ checked: 1, stuck: 0 });
    expect(gateway.calls).toEqual(['1', '1', '1']);
  });

  it('the core default: due a minute after last_checked; one in the future (clock skew) counts as now', () => {
    const now = new Date(Date.parse(START) + 120_000);
    const checkedAt = (ms: number) =>
      buildOrderPayment({ id: 1, additionalInfo: { last_checked: new Date(ms).toISOString() } });
    expect(defaultReconcileSchedule(checkedAt(now.getTime() - 60_000), now).due).toBe(true);
    expect(defaultReconcileSchedule(checkedAt(now.getTime() - 59_999), now)).toEqual({
      due: false,
      reason: 'interval',
      nextCheckAt: new Date(now.getTime() + 1),
    });
    expect(defaultReconcileSchedule(checkedAt(now.getTime() + 3_600_000), now).nextCheckAt).toEqual(
      new Date(now.getTime() + 60_000),
    );
  });

  it("a gateway's recommendation is followed when the sweep is given none", async () => {
    let asked = 0;
    const gateway: PaymentGateway = {
      ...plainGateway(),
      recommendedSchedule: () => {
        asked += 1;
        return never;
      },
    };
    const { sweep, progress } = setup(gateway);
    expect(await sweep()).toMatchObject({ scanned: 1, checked: 0, skipped: 1 });
    expect(progress.at(-1)!.decision).toMatchObject({ reason: 'never' });
    expect(asked).toBe(1);
  });

  it("the sweep's own schedule wins over the gateway's, which is then not asked", async () => {
    let asked = 0;
    const gateway: PaymentGateway = {
      ...plainGateway(),
      recommendedSchedule: () => {
        asked += 1;
        return never;
      },
    };
    const { sweep } = setup(gateway);
    expect(await sweep(always)).toMatchObject({ checked: 1 });
    expect(asked).toBe(0);
  });

  it('a recommendation of undefined (a wrapper forwarding none) falls back to the core default', async () => {
    const inner = plainGateway();
    const wrapper: PaymentGateway = {
      getPaymentStatus: (id, options) => inner.getPaymentStatus(id, options),
      recommendedSchedule: () => inner.recommendedSchedule?.(),
    };
    const { sweep, progress } = setup(wrapper);
    expect(await sweep()).toMatchObject({ checked: 1 });
    expect(progress.at(-1)!.decision).toMatchObject({ reason: 'interval' });
  });

  it("the testing fake recommends PhonePe's schedule: an order placed just now is not due yet", async () => {
    const gateway = createFakePaymentGateway();
    const { sweep, progress } = setup(gateway);
    expect(await sweep()).toMatchObject({ checked: 0, skipped: 1 });
    expect(progress.at(-1)!.decision).toMatchObject({ reason: 'too-young' });
    expect(gateway.calls).toEqual([]);
  });

  it.each([
    ['not a function', { recommendedSchedule: 'often' }, /`gateway.recommendedSchedule` must be a function/],
    ['returning a non-function', { recommendedSchedule: () => 5 }, /recommendedSchedule\(\)` must return/],
  ])('a recommendation %s is a TypeError naming it, thrown by reconcile', (_name, patch, message) => {
    const gateway = { ...plainGateway(), ...patch } as unknown as PaymentGateway;
    const { paymentSync } = setup(gateway);
    expect(() => paymentSync.reconcile()).toThrow(TypeError);
    expect(() => paymentSync.reconcile()).toThrow(message);
  });
});
