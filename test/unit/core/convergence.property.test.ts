import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createPaymentSync,
  GatewayError,
  type GatewayPaymentStatus,
  type StatusChangeEvent,
} from '../../../src/index';
import { buildOrderPayment, createMemoryOrderRepository } from '../../../src/testing/index';

type Answer = 'PENDING' | 'COMPLETED' | 'FAILED' | 'ERROR' | 'WRONG_AMOUNT';
type Step = { kind: 'sync' | 'webhook'; order: number; answer: Answer; delay: number };

const step = fc.record({
  kind: fc.constantFrom('sync' as const, 'webhook' as const),
  order: fc.integer({ min: 1, max: 3 }),
  answer: fc.constantFrom<Answer>('PENDING', 'COMPLETED', 'FAILED', 'ERROR', 'WRONG_AMOUNT'),
  delay: fc.integer({ min: 0, max: 3 }),
});

const tick = (n: number) => new Promise<void>((r) => setTimeout(r, n));

describe('convergence of reads and webhooks (property)', () => {
  it('terminal states never change, each order transitions at most once, and onStatusChange fires once per transition', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(step, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
        async (waves) => {
          const repository = createMemoryOrderRepository(
            [1, 2, 3].map((id) => buildOrderPayment({ id, amount: 1000 })),
          );
          const answers = new Map<string, Step[]>();
          const gateway = {
            async getPaymentStatus(merchantOrderId: string): Promise<GatewayPaymentStatus> {
              const s = answers.get(merchantOrderId)?.shift();
              await tick(s?.delay ?? 0);
              return toStatus(s?.answer ?? 'PENDING');
            },
          };
          const events: StatusChangeEvent[] = [];
          const paymentSync = createPaymentSync({
            repository,
            gateway,
            circuitBreaker: false,
            onStatusChange: (e) => void events.push(e),
          });
          const firstTerminal = new Map<number, string>();

          for (const wave of waves) {
            for (const s of wave)
              if (s.kind === 'sync')
                answers.set(String(s.order), [...(answers.get(String(s.order)) ?? []), s]);
            await Promise.all(
              wave.map(async (s) => {
                await tick(s.delay);
                if (s.kind === 'sync') return paymentSync.sync(s.order);
                if (s.answer === 'ERROR') return undefined;
                return paymentSync.applyGatewayStatus(String(s.order), toStatus(s.answer), {
                  source: 'webhook',
                });
              }),
            );
            for (const op of repository.all()) {
              expect(op.order.paymentStatus).toBe(op.payment.paymentStatus);
              const id = Number(op.order.id);
              const status = op.payment.paymentStatus;
              const seen = firstTerminal.get(id);
              if (seen) expect(status).toBe(seen);
              else if (status !== 'PENDING') firstTerminal.set(id, status);
            }
          }

          const ids = events.map((e) => Number(e.orderId));
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids.sort()).toEqual([...firstTerminal.keys()].sort());
          for (const e of events) expect(e.paymentStatus).toBe(firstTerminal.get(Number(e.orderId)));
        },
      ),
      { numRuns: 150 },
    );
  });
});

function toStatus(answer: Answer): GatewayPaymentStatus {
  if (answer === 'ERROR') throw new GatewayError('down');
  if (answer === 'WRONG_AMOUNT') return { state: 'COMPLETED', amount: 1 };
  return { state: answer, amount: 1000, transactionId: answer === 'PENDING' ? null : `T-${answer}` };
}
