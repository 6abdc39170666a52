import { expect, it } from 'vitest';
import {
  type ContractSubject,
  createMemoryOrderRepository,
  type MemoryOrderRepository,
  runOrderRepositoryContract,
} from '../../src/testing/index';

/** A fresh memory store, read back through its own `get` (a synchronous copy of the stored row). */
const memorySubject = (
  repository: MemoryOrderRepository = createMemoryOrderRepository(),
): ContractSubject => ({
  repository,
  insert: async (rows) => repository.insert(...rows),
  read: (id) => repository.get(id),
});

await runOrderRepositoryContract({
  name: 'memory',
  setup: () => memorySubject(),
  additionalTests: (context) => {
    it('answers a check-recording from the store, not from a cached copy (the backdoor agrees)', async () => {
      const [row] = await context.seed({ additionalInfo: { redirect_url: 'r' } });
      const id = String(row!.order.id);
      await context.repository.updatePendingPayment(id, {
        paymentStatus: 'PENDING',
        additionalInfo: { last_checked: '2024-01-01T10:05:00.000Z' },
      });
      const stored = await context.stored(id);
      expect(stored.payment.additionalInfo).toEqual({
        redirect_url: 'r',
        last_checked: '2024-01-01T10:05:00.000Z',
      });
      expect((context.subject.repository as MemoryOrderRepository).calls.updatePendingPayment).toBe(1);
    });
  },
});

await runOrderRepositoryContract({
  name: 'memory (string ids)',
  makeId: (i) => `ord_${i}`,
  setup: () => memorySubject(),
});

const NO_CLAIMS_REASON =
  'built without claimPendingOrders/releaseOrderClaim on purpose: this suite checks a store without the optional pair';

// A store without the optional claim capability: its claim cases are skipped, by name and with the reason.
await runOrderRepositoryContract({
  name: 'memory (no claim capability)',
  setup: () => {
    const memory = createMemoryOrderRepository();
    const { claimPendingOrders: _c, releaseOrderClaim: _r, ...repository } = memory;
    return { ...memorySubject(memory), repository };
  },
  skip: { claims: NO_CLAIMS_REASON },
});

it('lists each skipped claim case by name, with its reason, and runs every other case', ({ task }) => {
  const cases = (task.file.tasks ?? [])
    .filter((suite) => suite.name === 'OrderRepository contract: memory (no claim capability)')
    .flatMap(function flatten(t): { name: string; mode: string }[] {
      return 'tasks' in t ? t.tasks.flatMap(flatten) : [{ name: t.name, mode: t.mode }];
    });
  const skipped = cases.filter((c) => c.mode === 'skip');
  expect(skipped).toHaveLength(10);
  for (const c of skipped) {
    expect(c.name).toMatch(/\[claims\/[a-z-]+\] \(skipped: built without claimPendingOrders/);
  }
  expect(cases.filter((c) => c.mode === 'run').length).toBe(cases.length - 10);
  expect(cases.find((c) => c.name.includes('[optional/claim-pair]'))?.mode).toBe('run');
});
