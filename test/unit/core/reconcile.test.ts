import { describe, expect, it } from 'vitest';
import {
  createPaymentSync,
  createRateLimiter,
  GatewayError,
  GatewayRateLimitError,
  type OrderRepository,
  type PaymentSyncOptions,
  type ReconcileProgress,
  reconcilePendingOrders,
  type StatusChangeEvent,
  type StuckOrderEvent,
} from '../../../src/index';
import { createPhonePeSchedule } from '../../../src/phonepe/index';
import {
  buildOrderPayment,
  createFakePaymentGateway,
  createMemoryOrderRepository,
  type MemoryOrderRepository,
} from '../../../src/testing/index';
import { createManualClock } from '../../support/manual-clock';
import { createRecordingLogger } from '../../support/recording-logger';
import { createSimulatedSleep } from '../../support/simulated-sleep';

const START = '2024-01-01T10:00:00.000Z';
const minutesAgo = (clock: { now(): Date }, m: number) => new Date(clock.now().getTime() - m * 60_000);

/** The memory repository, with or without the optional claim capability. */
function storeFor(mode: 'claim' | 'list', repository: MemoryOrderRepository): OrderRepository {
  if (mode === 'claim') return repository;
  const { claimPendingOrders: _c, releaseOrderClaim: _r, ...listing } = repository;
  return listing;
}

function setup(
  mode: 'claim' | 'list',
  count: number,
  options: Partial<PaymentSyncOptions> = {},
  patch?: (memory: MemoryOrderRepository) => void,
) {
  const clock = createManualClock(START);
  const memory = createMemoryOrderRepository(
    Array.from({ length: count }, (_, i) =>
      buildOrderPayment({ id: i + 1, amount: 1000, createdAt: minutesAgo(clock, 5) }),
    ),
  );
  patch?.(memory);
  const gateway = createFakePaymentGateway();
  const logger = createRecordingLogger();
  const events: StatusChangeEvent[] = [];
  const paymentSync = createPaymentSync({
    repository: storeFor(mode, memory),
    gateway,
    clock,
    logger,
    circuitBreaker: false,
    onStatusChange: (e) => void events.push(e),
    ...options,
  });
  return { clock, memory, gateway, logger, events, paymentSync };
}

describe.each(['claim', 'list'] as const)('reconcile (%s)', (mode) => {
  it('settles completed and failed orders, records still-pending ones, reports gateway errors', async () => {
    const { paymentSync, gateway, memory, events } = setup(mode, 4);
    memory.insert(buildOrderPayment({ id: 5, paymentStatus: 'COMPLETED' }));
    gateway
      .script('1', { state: 'COMPLETED', transactionId: 'T1', amount: 1000 })
      .script('2', { state: 'FAILED', transactionId: 'T2', amount: 1000 })
      .script('3', { state: 'PENDING', amount: 1000 })
      .script('4', new GatewayError('down'));
    const progress: ReconcileProgress[] = [];
    const summary = await paymentSync.reconcile({
      rateLimit: Number.POSITIVE_INFINITY,
      onProgress: (p) => void progress.push(p),
    });
    expect(summary).toEqual({
      scanned: 4,
      checked: 4,
      updated: 2,
      stillPending: 1,
      superseded: 0,
      errors: 1,
      skipped: 0,
      stuck: 0,
      stoppedBy: 'done',
    });
    expect(memory.get(1)!.order).toMatchObject({ paymentStatus: 'COMPLETED', orderStatus: 'CONFIRMED' });
    expect(memory.get(2)!.order).toMatchObject({ paymentStatus: 'FAILED', orderStatus: 'CANCELLED' });
    expect(memory.get(3)!.payment.additionalInfo.last_checked).toBe(START);
    expect(memory.get(4)!.payment.additionalInfo.last_checked).toBeUndefined();
    expect(gateway.calls.sort()).toEqual(['1', '2', '3', '4']);
    expect(events.map((e) => [e.orderId, e.paymentStatus, e.source]).sort()).toEqual([
      [1, 'COMPLETED', 'reconcile'],
      [2, 'FAILED', 'reconcile'],
    ]);
    expect(progress).toHaveLength(4);
    expect(progress.at(-1)!.summary.scanned).toBe(4);
    expect(progress.find((p) => p.orderId === 4)).toMatchObject({
      action: 'error',
      outcome: 'gateway-error',
    });
  });

  it('streams in pages: never asks the store for everything at once', async () => {
    const { paymentSync, memory } = setup(mode, 250);
    const summary = await paymentSync.reconcile({
      pageSize: 20,
      concurrency: 5,
      rateLimit: Number.POSITIVE_INFINITY,
    });
    expect(summary).toMatchObject({ scanned: 250, checked: 250, stillPending: 250 });
    const pages = mode === 'claim' ? memory.calls.claimPendingOrders : memory.calls.listPendingOrders;
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(250 / 20));
  });

  it('looks at every pending order exactly once per sweep, even when most are skipped', async () => {
    const { paymentSync, memory, clock, gateway } = setup(mode, 0);
    memory.insert(
      ...Array.from({ length: 300 }, (_, i) =>
        buildOrderPayment({ id: i + 1, createdAt: i % 6 ? clock.now() : minutesAgo(clock, 5) }),
      ),
    );
    const seen: Array<string | number> = [];
    const summary = await paymentSync.reconcile({
      pageSize: 20,
      concurrency: 3,
      rateLimit: Number.POSITIVE_INFINITY,
      onProgress: (p) => void seen.push(p.orderId),
    });
    expect(summary).toMatchObject({ scanned: 300, skipped: 250, checked: 50, stoppedBy: 'done' });
    expect(new Set(seen).size).toBe(300);
    expect(new Set(gateway.calls).size).toBe(50);
  });

  it('skips orders that are not due yet, and checks them once they are', async () => {
    const { paymentSync, gateway, memory, clock } = setup(mode, 0);
    memory.insert(buildOrderPayment({ id: 1, createdAt: clock.now() }));
    expect(await paymentSync.reconcile()).toMatchObject({ scanned: 1, skipped: 1, checked: 0 });
    clock.advance(20_000);
    expect(await paymentSync.reconcile()).toMatchObject({ scanned: 1, checked: 1, stillPending: 1 });
    clock.advance(2_999);
    expect(await paymentSync.reconcile()).toMatchObject({ checked: 0 });
    clock.advance(1);
    expect(await paymentSync.reconcile()).toMatchObject({ checked: 1 });
    expect(gateway.calls).toEqual(['1', '1']);
  });

  it('an expired order gets its final check (PhonePe fails it); a never-settling one is reported stuck, never failed', async () => {
    const { paymentSync, gateway, memory, clock, logger } = setup(mode, 0);
    memory.insert(
      buildOrderPayment({ id: 1, createdAt: minutesAgo(clock, 21), additionalInfo: {} }),
      buildOrderPayment({ id: 2, createdAt: minutesAgo(clock, 21), additionalInfo: {} }),
    );
    gateway.script('1', { state: 'FAILED' }).script('2', { state: 'PENDING' });
    const stuckEvents: StuckOrderEvent[] = [];
    paymentSync.on('stuck', (e) => void stuckEvents.push(e));
    expect(await paymentSync.reconcile()).toMatchObject({ checked: 2, updated: 1, stillPending: 1 });
    expect(memory.get(1)!.payment.paymentStatus).toBe('FAILED');

    clock.advance(61 * 60_000);
    const onStuck: StuckOrderEvent[] = [];
    const summary = await paymentSync.reconcile({ onStuck: (e) => void onStuck.push(e) });
    expect(summary).toMatchObject({ scanned: 1, stuck: 1, checked: 0 });
    expect(memory.get(2)!.payment.paymentStatus).toBe('PENDING');
    expect(memory.get(2)!.order.orderStatus).toBe('PLACED');
    expect(onStuck).toHaveLength(1);
    expect(stuckEvents).toEqual(onStuck);
    expect(onStuck[0]).toMatchObject({
      orderId: 2,
      merchantOrderId: '2',
      expireAt: new Date(Date.parse(START) - 60_000),
    });
    expect(
      logger.records.some((r) => r.level === 'warn' && r.obj.orderId === '2' && /stuck/.test(r.msg!)),
    ).toBe(true);
    expect(gateway.calls).toEqual(['1', '2']);

    // Counted every sweep, but announced again only when the schedule says (hourly by default).
    clock.advance(60_000);
    expect(await paymentSync.reconcile({ onStuck: (e) => void onStuck.push(e) })).toMatchObject({
      scanned: mode === 'claim' ? 0 : 1,
      stuck: mode === 'claim' ? 0 : 1,
    });
    expect(onStuck).toHaveLength(1);
    clock.advance(60 * 60_000);
    expect(await paymentSync.reconcile({ onStuck: (e) => void onStuck.push(e) })).toMatchObject({ stuck: 1 });
    expect(onStuck).toHaveLength(2);
    expect(stuckEvents).toHaveLength(2);
    expect(memory.get(2)!.payment.paymentStatus).toBe('PENDING');
  });

  it('respects the rate limit: never more than N gateway calls in any simulated second', async () => {
    const { paymentSync, gateway, clock } = setup(mode, 40);
    const callTimes: number[] = [];
    gateway.setDefault(() => {
      callTimes.push(clock.now().getTime());
      return { state: 'PENDING', amount: 1000 };
    });
    const { sleep } = createSimulatedSleep(clock);
    const rateLimit = createRateLimiter({ ratePerSecond: 5, clock, sleep });
    const summary = await paymentSync.reconcile({
      rateLimit,
      concurrency: 8,
      pageSize: 7,
      leaseMs: 3_600_000,
    });
    expect(summary).toMatchObject({ scanned: 40, checked: 40 });
    for (const t of callTimes) {
      expect(callTimes.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(5);
    }
    expect(Math.max(...callTimes) - Math.min(...callTimes)).toBeGreaterThanOrEqual(39 * 200);
  });

  it('a 429 pauses every worker for Retry-After', async () => {
    const { paymentSync, gateway, clock } = setup(mode, 3);
    const callTimes: number[] = [];
    let first = true;
    gateway.setDefault(() => {
      callTimes.push(clock.now().getTime());
      if (first) {
        first = false;
        throw new GatewayRateLimitError('429', { retryAfterMs: 5_000 });
      }
      return { state: 'PENDING', amount: 1000 };
    });
    const { sleep } = createSimulatedSleep(clock);
    const rateLimit = createRateLimiter({ ratePerSecond: 100, clock, sleep });
    const summary = await paymentSync.reconcile({ rateLimit, concurrency: 1 });
    expect(summary).toMatchObject({ checked: 3, errors: 1, stillPending: 2 });
    expect(callTimes[1]! - callTimes[0]!).toBeGreaterThanOrEqual(5_000);
  });

  it('aborting mid-sweep: in-flight checks finish, no new one starts, nothing is lost', async () => {
    const { paymentSync, gateway, memory, events } = setup(mode, 30);
    const controller = new AbortController();
    const gates: Array<() => void> = [];
    gateway.setDefault(
      () =>
        new Promise((resolve) => {
          gates.push(() => resolve({ state: 'COMPLETED', transactionId: 'T', amount: 1000 }));
        }),
    );
    const sweep = paymentSync.reconcile({
      concurrency: 4,
      pageSize: 10,
      rateLimit: Number.POSITIVE_INFINITY,
      signal: controller.signal,
    });
    while (gates.length < 4) await new Promise((r) => setImmediate(r));
    controller.abort();
    for (const open of gates.splice(0)) open();
    const first = await sweep;
    expect(first).toMatchObject({ stoppedBy: 'aborted', checked: 4, updated: 4 });
    expect(gateway.calls).toHaveLength(4);
    const settled = memory.all().filter((op) => op.payment.paymentStatus === 'COMPLETED');
    expect(settled).toHaveLength(4);
    // Untouched orders are exactly as they were and free to be claimed again at once.
    for (const op of memory.all().filter((o) => o.payment.paymentStatus === 'PENDING')) {
      expect(op.payment.additionalInfo.last_checked).toBeUndefined();
      if (mode === 'claim')
        expect(memory.leaseOf(op.order.id)?.until.getTime() ?? 0).toBeLessThanOrEqual(Date.parse(START));
    }
    gateway.setDefault({ state: 'COMPLETED', transactionId: 'T', amount: 1000 });
    const second = await paymentSync.reconcile({ rateLimit: Number.POSITIVE_INFINITY });
    expect(second).toMatchObject({ stoppedBy: 'done', updated: 26 });
    expect(memory.all().every((op) => op.payment.paymentStatus === 'COMPLETED')).toBe(true);
    expect(new Set(events.map((e) => e.orderId)).size).toBe(30);
    expect(events).toHaveLength(30);
  });

  it('an aborted signal before the start checks nothing', async () => {
    const { paymentSync, gateway } = setup(mode, 3);
    const summary = await paymentSync.reconcile({ signal: AbortSignal.abort() });
    expect(summary).toMatchObject({ scanned: 0, stoppedBy: 'aborted' });
    expect(gateway.calls).toEqual([]);
  });

  it('maxOrders bounds one sweep', async () => {
    const { paymentSync } = setup(mode, 10);
    expect(
      await paymentSync.reconcile({ maxOrders: 4, rateLimit: Number.POSITIVE_INFINITY, concurrency: 2 }),
    ).toMatchObject({
      scanned: 4,
      stoppedBy: 'max-orders',
    });
  });

  it('stops when the circuit opens instead of skipping through every order', async () => {
    const { paymentSync, gateway } = setup(mode, 20, {
      circuitBreaker: { failureThreshold: 2, cooldownMs: 60_000 },
    });
    gateway.setDefault(new GatewayError('down'));
    const summary = await paymentSync.reconcile({ concurrency: 1, rateLimit: Number.POSITIVE_INFINITY });
    expect(summary).toMatchObject({ stoppedBy: 'circuit-open', errors: 2, checked: 2 });
    expect(gateway.calls).toHaveLength(2);
  });

  it('shares single-flight with reads: a read in flight and the reconciler make one gateway call', async () => {
    const { paymentSync, gateway, events } = setup(mode, 1);
    let release!: () => void;
    gateway.setDefault(
      () =>
        new Promise((r) => {
          release = () => r({ state: 'COMPLETED', transactionId: 'T', amount: 1000 });
        }),
    );
    const read = paymentSync.sync(1);
    await new Promise((r) => setImmediate(r));
    const sweep = paymentSync.reconcile({ rateLimit: Number.POSITIVE_INFINITY });
    await new Promise((r) => setImmediate(r));
    release();
    await Promise.all([read, sweep]);
    expect(gateway.calls).toEqual(['1']);
    expect(events).toHaveLength(1);
  });
});

describe('reconcile: options and the standalone function', () => {
  it('reconcilePendingOrders runs one sweep from plain options', async () => {
    const clock = createManualClock(START);
    const repository = createMemoryOrderRepository([
      buildOrderPayment({ id: 1, createdAt: minutesAgo(clock, 5) }),
    ]);
    const gateway = createFakePaymentGateway().script('1', {
      state: 'COMPLETED',
      transactionId: 'T',
      amount: 49_900,
    });
    const events: StatusChangeEvent[] = [];
    const summary = await reconcilePendingOrders({
      repository,
      gateway,
      clock,
      onStatusChange: (e) => void events.push(e),
      schedule: createPhonePeSchedule(),
      concurrency: 2,
    });
    expect(summary).toMatchObject({ updated: 1, stoppedBy: 'done' });
    expect(events[0]).toMatchObject({ orderId: 1, source: 'reconcile' });
  });

  it.each([
    [{ concurrency: 0 }, RangeError, /concurrency/],
    [{ concurrency: 1.5 }, TypeError, /concurrency/],
    [{ rateLimit: 0 }, RangeError, /rateLimit/],
    [{ rateLimit: 'fast' }, TypeError, /rateLimit/],
    [{ pageSize: 0 }, RangeError, /pageSize/],
    [{ schedule: 'often' }, TypeError, /schedule/],
    [{ signal: {} }, TypeError, /signal/],
    [{ leaseMs: 0 }, RangeError, /leaseMs/],
    [{ workerId: '' }, RangeError, /workerId/],
    [{ onProgress: 1 }, TypeError, /onProgress/],
  ])('rejects %o naming the option', (bad, Err, name) => {
    const { paymentSync } = setup('claim', 0);
    expect(() => paymentSync.reconcile(bad as never)).toThrow(Err);
    expect(() => paymentSync.reconcile(bad as never)).toThrow(name);
  });

  it('a listener or progress callback that throws is logged, never breaks the sweep', async () => {
    const { paymentSync, logger } = setup('claim', 2);
    const summary = await paymentSync.reconcile({
      onProgress: () => {
        throw new Error('boom');
      },
    });
    expect(summary.checked).toBe(2);
    expect(logger.records.filter((r) => r.msg === 'reconcile callback failed')).toHaveLength(2);
  });

  it('a repository that cannot list rejects with RepositoryError', async () => {
    const clock = createManualClock(START);
    const repository = createMemoryOrderRepository();
    const failing: OrderRepository = {
      findOrderPayment: repository.findOrderPayment,
      updatePendingPayment: repository.updatePendingPayment,
      listPendingOrders: () => Promise.reject(new Error('db down')),
    };
    const paymentSync = createPaymentSync({
      repository: failing,
      gateway: createFakePaymentGateway(),
      clock,
    });
    await expect(paymentSync.reconcile()).rejects.toMatchObject({ code: 'REPOSITORY_ERROR' });
  });
});

describe('reconcile: leases', () => {
  it('an order whose lease ran out before its turn is skipped and handed back, never checked late', async () => {
    const { paymentSync, gateway, clock, memory, logger } = setup('claim', 3);
    const { sleep } = createSimulatedSleep(clock);
    // One call per 10 s against a 15 s lease and a 3 s gateway budget: the third order's turn comes too late.
    const rateLimit = createRateLimiter({ ratePerSecond: 0.1, clock, sleep });
    const summary = await paymentSync.reconcile({ rateLimit, concurrency: 1, leaseMs: 15_000 });
    expect(summary).toMatchObject({ scanned: 3, checked: 2, skipped: 1 });
    expect(gateway.calls).toEqual(['1', '2']);
    expect(memory.leaseOf(3)).toMatchObject({ workerId: null });
    expect(logger.records.some((r) => r.level === 'warn' && /lease ran out/.test(r.msg!))).toBe(true);
  });

  it('releases each checked order until its next due time', async () => {
    const { paymentSync, memory } = setup('claim', 1);
    await paymentSync.reconcile({ rateLimit: Number.POSITIVE_INFINITY, workerId: 'w1' });
    // Placed 5 minutes ago: the 60 s step.
    expect(memory.leaseOf(1)).toEqual({ workerId: null, until: new Date(Date.parse(START) + 60_000) });
  });

  it.each(['claim', 'list'] as const)(
    '%s: a sweep ends even when failed or skipped orders are claimable again at once',
    async (mode) => {
      const { paymentSync, gateway } = setup(mode, 30);
      gateway.setDefault(new GatewayError('down'));
      const failing = await paymentSync.reconcile({
        errorBackoffMs: 0,
        pageSize: 7,
        rateLimit: Number.POSITIVE_INFINITY,
      });
      expect(failing).toMatchObject({ scanned: 30, errors: 30, stoppedBy: 'done' });
      expect(gateway.calls).toHaveLength(30);
      const stubborn = await paymentSync.reconcile({
        schedule: (_op, now) => ({ due: false, nextCheckAt: new Date(now.getTime() - 1) }),
        pageSize: 7,
      });
      expect(stubborn).toMatchObject({ scanned: 30, skipped: 30, stoppedBy: 'done' });
    },
  );
});

describe.each(['claim', 'list'] as const)(
  'reconcile (%s): one order failing never stops the others',
  (mode) => {
    it('a schedule that throws for one order: counted as an error, logged, handed back for errorBackoffMs', async () => {
      const { paymentSync, gateway, memory, logger } = setup(mode, 3);
      const phonePe = createPhonePeSchedule();
      const summary = await paymentSync.reconcile({
        rateLimit: Number.POSITIVE_INFINITY,
        errorBackoffMs: 5_000,
        schedule: (op, now) => {
          if (op.order.id === 2) throw new Error('bad schedule');
          return phonePe(op, now);
        },
      });
      expect(summary).toMatchObject({ scanned: 3, checked: 2, errors: 1, stoppedBy: 'done' });
      expect(gateway.calls.sort()).toEqual(['1', '3']);
      expect(
        logger.records.filter(
          (r) => r.level === 'error' && r.msg === 'reconcile schedule threw; order left as it is',
        ),
      ).toMatchObject([{ obj: { orderId: '2' } }]);
      if (mode === 'claim') {
        expect(memory.leaseOf(2)).toEqual({ workerId: null, until: new Date(Date.parse(START) + 5_000) });
      }
    });

    it('a check that rejects (the store fails the write): counted as an error, logged, nothing written', async () => {
      const { paymentSync, gateway, memory, logger } = setup(mode, 3, {}, (store) => {
        const write = store.updatePendingPayment;
        store.updatePendingPayment = (id, change) =>
          id === '2' ? Promise.reject(new Error('disk full')) : write(id, change);
      });
      gateway.setDefault({ state: 'COMPLETED', transactionId: 'T', amount: 1000 });
      const summary = await paymentSync.reconcile({
        rateLimit: Number.POSITIVE_INFINITY,
        errorBackoffMs: 5_000,
      });
      expect(summary).toMatchObject({ scanned: 3, checked: 2, updated: 2, errors: 1, stoppedBy: 'done' });
      expect(memory.get(2)!.payment.paymentStatus).toBe('PENDING');
      expect(
        logger.records.filter(
          (r) => r.level === 'error' && r.msg === 'reconcile check failed; order left as it is',
        ),
      ).toMatchObject([{ obj: { orderId: '2', err: { code: 'REPOSITORY_ERROR' } } }]);
      if (mode === 'claim') {
        expect(memory.leaseOf(2)).toEqual({ workerId: null, until: new Date(Date.parse(START) + 5_000) });
      }
    });
  },
);

describe('reconcile (claim): a release that fails', () => {
  it('is logged at warn; the sweep finishes and the lease runs out on its own', async () => {
    const { paymentSync, memory, logger } = setup('claim', 2);
    memory.releaseOrderClaim = () => Promise.reject(new Error('db down'));
    const summary = await paymentSync.reconcile({
      rateLimit: Number.POSITIVE_INFINITY,
      workerId: 'w1',
      leaseMs: 30_000,
    });
    expect(summary).toMatchObject({ scanned: 2, checked: 2, stoppedBy: 'done' });
    const warnings = logger.records.filter((r) => r.msg === 'could not release a reconcile claim');
    expect(warnings.map((r) => [r.level, r.obj.orderId]).sort()).toEqual([
      ['warn', '1'],
      ['warn', '2'],
    ]);
    expect(memory.leaseOf(1)).toEqual({ workerId: 'w1', until: new Date(Date.parse(START) + 30_000) });
  });
});
