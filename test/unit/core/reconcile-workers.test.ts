import { describe, expect, it } from 'vitest';
import {
  createPaymentSync,
  type GatewayPaymentStatus,
  type OrderRepository,
  type PaymentGateway,
  type ReconcileSummary,
  type StatusChangeEvent,
} from '../../../src/index';
import { createPhonePeSchedule } from '../../../src/phonepe/index';
import { buildOrderPayment, createMemoryOrderRepository } from '../../../src/testing/index';
import { createManualClock } from '../../support/manual-clock';

const START = Date.parse('2024-01-01T10:00:00.000Z');
const ORDERS = 200;

/** Order i settles on its (i % 7 + 1)-th check, COMPLETED or FAILED by parity; asks yield so sweeps interleave. */
function plannedGateway(clock: { now(): Date }) {
  const checks = new Map<string, number[]>();
  const gateway: PaymentGateway = {
    async getPaymentStatus(merchantOrderId): Promise<GatewayPaymentStatus> {
      const times = checks.get(merchantOrderId) ?? [];
      times.push(clock.now().getTime());
      checks.set(merchantOrderId, times);
      await new Promise((r) => setImmediate(r));
      const id = Number(merchantOrderId);
      if (times.length < (id % 7) + 1) return { state: 'PENDING', amount: 1000 };
      return { state: id % 2 ? 'COMPLETED' : 'FAILED', transactionId: `T${id}`, amount: 1000 };
    },
  };
  return { gateway, checks };
}

async function runWorkers(
  repositoryFor: (memory: ReturnType<typeof createMemoryOrderRepository>) => OrderRepository,
) {
  const clock = createManualClock(new Date(START).toISOString());
  const memory = createMemoryOrderRepository(
    Array.from({ length: ORDERS }, (_, i) =>
      buildOrderPayment({
        id: i + 1,
        amount: 1000,
        createdAt: new Date(START + (i % 60) * 1000),
        additionalInfo: {},
      }),
    ),
  );
  const { gateway, checks } = plannedGateway(clock);
  const events: StatusChangeEvent[] = [];
  const workers = ['a', 'b', 'c'].map((name) => ({
    name,
    // One PaymentSync per "process": no shared single-flight, only the repository in common.
    sync: createPaymentSync({
      repository: repositoryFor(memory),
      gateway,
      clock,
      circuitBreaker: false,
      onStatusChange: (e) => void events.push(e),
    }),
  }));
  const summaries: ReconcileSummary[] = [];
  for (let second = 0; second < 300; second++) {
    const round = await Promise.all(
      workers.map((w) =>
        w.sync.reconcile({
          workerId: w.name,
          concurrency: 4,
          pageSize: 16,
          rateLimit: Number.POSITIVE_INFINITY,
          // A hand-written gateway recommends no schedule: ask for PhonePe's cadence, as the test steps through it.
          schedule: createPhonePeSchedule(),
        }),
      ),
    );
    summaries.push(...round);
    clock.advance(1000);
  }
  return { memory, checks, events, summaries };
}

describe('three reconcilers in parallel over one repository', () => {
  it('with claimPendingOrders: no order checked twice within its schedule step; each settles once, announced once', async () => {
    const { memory, checks, events, summaries } = await runWorkers((m) => m);
    const schedule = createPhonePeSchedule();
    for (const op of memory.all()) {
      const times = checks.get(String(op.order.id))!;
      expect(op.payment.paymentStatus).not.toBe('PENDING');
      expect(times).toHaveLength((Number(op.order.id) % 7) + 1);
      expect(times[0]).toBeGreaterThanOrEqual(op.order.createdAt!.getTime() + 20_000);
      for (let i = 1; i < times.length; i++) {
        const before = buildOrderPayment({
          id: op.order.id,
          createdAt: op.order.createdAt!,
          additionalInfo: { last_checked: new Date(times[i - 1]!).toISOString() },
        });
        expect([op.order.id, i, schedule(before, new Date(times[i]!)).due]).toEqual([op.order.id, i, true]);
      }
    }
    expect(events).toHaveLength(ORDERS);
    expect(new Set(events.map((e) => e.orderId)).size).toBe(ORDERS);
    expect(summaries.reduce((n, s) => n + s.updated, 0)).toBe(ORDERS);
    // The work really was shared between the three.
    expect(summaries.filter((s) => s.checked > 0).length).toBeGreaterThan(3);
  });

  it('control: without the capability, separate processes do check one order at the same moment (the documented limit); still settled once', async () => {
    const { checks, events } = await runWorkers((m) => {
      const { claimPendingOrders: _c, releaseOrderClaim: _r, ...listing } = m;
      return listing;
    });
    const duplicated = [...checks.values()].filter((times) => new Set(times).size < times.length);
    expect(duplicated.length).toBeGreaterThan(0);
    expect(events).toHaveLength(ORDERS);
    expect(new Set(events.map((e) => e.orderId)).size).toBe(ORDERS);
  });
});
