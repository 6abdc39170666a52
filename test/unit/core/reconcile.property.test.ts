import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createPaymentSync,
  GatewayError,
  type GatewayPaymentStatus,
  type OrderRepository,
  type StatusChangeEvent,
} from '../../../src/index';
import { buildOrderPayment, createMemoryOrderRepository } from '../../../src/testing/index';
import { createManualClock } from '../../support/manual-clock';

type Answer = 'PENDING' | 'COMPLETED' | 'FAILED' | 'ERROR';
const answer = fc.constantFrom<Answer>('PENDING', 'PENDING', 'COMPLETED', 'FAILED', 'ERROR');

describe('reconcile (property)', () => {
  it('whatever the answers and wherever sweeps are aborted: nothing lost, each order settles once to the first terminal answer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(answer, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 25 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 6 }),
        async (plans, abortAfter, claims, concurrency) => {
          const clock = createManualClock('2024-01-01T10:00:00.000Z');
          const memory = createMemoryOrderRepository(
            plans.map((_, i) =>
              buildOrderPayment({
                id: i + 1,
                amount: 1000,
                createdAt: new Date(clock.now().getTime() - 120_000),
              }),
            ),
          );
          let repository: OrderRepository = memory;
          if (!claims) {
            const { claimPendingOrders: _c, releaseOrderClaim: _r, ...listing } = memory;
            repository = listing;
          }
          const asked = plans.map(() => 0);
          const firstTerminal = new Map<number, string>();
          let controller = new AbortController();
          let budget = Number.POSITIVE_INFINITY;
          const gateway = {
            async getPaymentStatus(id: string): Promise<GatewayPaymentStatus> {
              const i = Number(id) - 1;
              const plan = plans[i]!;
              const a = plan[Math.min(asked[i]!, plan.length - 1)]!;
              asked[i]! += 1;
              if (--budget <= 0) controller.abort();
              await new Promise((r) => setImmediate(r));
              if (a === 'ERROR') throw new GatewayError('down');
              if (a !== 'PENDING' && !firstTerminal.has(i + 1)) firstTerminal.set(i + 1, a);
              return { state: a, amount: 1000 };
            },
          };
          const events: StatusChangeEvent[] = [];
          const paymentSync = createPaymentSync({
            repository,
            gateway,
            clock,
            circuitBreaker: false,
            onStatusChange: (e) => void events.push(e),
          });
          const sweep = async () => {
            const s = await paymentSync.reconcile({
              concurrency,
              pageSize: 4,
              rateLimit: Number.POSITIVE_INFINITY,
              signal: controller.signal,
              errorBackoffMs: 0,
            });
            expect(s.scanned).toBeGreaterThanOrEqual(s.checked + s.skipped + s.stuck);
            expect(s.scanned).toBeLessThanOrEqual(s.checked + s.skipped + s.stuck + s.errors);
            const gatewayErrors = s.checked - s.updated - s.stillPending - s.superseded;
            expect(gatewayErrors).toBeGreaterThanOrEqual(0);
            expect(gatewayErrors).toBeLessThanOrEqual(s.errors);
            clock.advance(60_000);
          };
          for (const k of abortAfter) {
            controller = new AbortController();
            budget = k === 0 ? Number.POSITIVE_INFINITY : k;
            await sweep();
          }
          // Then enough clean sweeps for every plan to run out.
          for (let round = 0; round < 6; round++) {
            controller = new AbortController();
            budget = Number.POSITIVE_INFINITY;
            await sweep();
          }
          for (const op of memory.all()) {
            const id = Number(op.order.id);
            const expected = firstTerminal.get(id);
            if (expected) {
              expect(op.payment.paymentStatus).toBe(expected);
            } else {
              expect(op.payment.paymentStatus).toBe('PENDING');
              expect(plans[id - 1]!.every((a) => a === 'PENDING' || a === 'ERROR')).toBe(true);
            }
            expect(op.order.paymentStatus).toBe(op.payment.paymentStatus);
          }
          expect(events).toHaveLength(firstTerminal.size);
          expect(new Set(events.map((e) => e.orderId)).size).toBe(events.length);
          for (const e of events) expect(e.paymentStatus).toBe(firstTerminal.get(Number(e.orderId)));
        },
      ),
      { numRuns: 60 },
    );
  });
});
