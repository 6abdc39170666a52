// The contract suite's own options: skips with reasons, additional tests and the `read` backdoor.
import { describe, expect, it } from 'vitest';
import type { OrderPayment, OrderRepository } from '../../src/index';
import {
  createMemoryOrderRepository,
  type OrderRepositoryContractOptions,
  runOrderRepositoryContract,
} from '../../src/testing/index';

const setup = () => {
  const repository = createMemoryOrderRepository();
  return { repository, insert: async (rows: OrderPayment[]) => repository.insert(...rows) };
};

describe('runOrderRepositoryContract options', () => {
  it.each([
    [{ name: 'x', setup, skips: {} }, /unknown option `skips` \(did you mean `skip`\?\)/],
    [
      { name: 'x', setup, skip: { claim: 'why' } },
      /`skip` has an unknown option `claim` \(did you mean `claims`\?\)/,
    ],
    [
      { name: 'x', setup, skip: { 'claims/lease-expiry': '  ' } },
      /`skip.claims\/lease-expiry` needs a written reason/,
    ],
    [{ name: 'x', setup, skip: { claims: true } }, /`skip.claims` needs a written reason/],
    [{ name: 'x', setup: undefined }, /`setup` must be a function/],
    [{ name: 'x', setup, additionalTests: {} }, /`additionalTests` must be a function/],
  ])('refuses %o with a TypeError before registering anything', async (options, message) => {
    const run = runOrderRepositoryContract(options as unknown as OrderRepositoryContractOptions);
    await expect(run).rejects.toThrow(TypeError);
    await expect(run).rejects.toThrow(message);
  });
});

/**
 * A repository with a write-back cache it never flushes: its getter reports every write, the store gets
 * none. Only a check through the store itself can tell.
 */
function cachingRepository(store: ReturnType<typeof createMemoryOrderRepository>): OrderRepository {
  const cache = new Map<string, OrderPayment>();
  return {
    findOrderPayment: async (id) => structuredClone(cache.get(id) ?? (await store.findOrderPayment(id))),
    async updatePendingPayment(id, change) {
      const current = cache.get(id) ?? (await store.findOrderPayment(id));
      if (current?.payment.paymentStatus !== 'PENDING') return null;
      const next: OrderPayment = {
        order: { ...current.order, paymentStatus: change.paymentStatus },
        payment: {
          ...current.payment,
          paymentStatus: change.paymentStatus,
          additionalInfo: { ...current.payment.additionalInfo, ...change.additionalInfo },
        },
      };
      cache.set(id, next);
      return structuredClone(next);
    },
    listPendingOrders: (query) => store.listPendingOrders(query),
  };
}

const NOT_THIS_FILE = 'this file checks the suite mechanics on a broken repository; the cases would fail';
const ALL_GROUPS = {
  find: NOT_THIS_FILE,
  update: NOT_THIS_FILE,
  list: NOT_THIS_FILE,
  optional: NOT_THIS_FILE,
  claims: NOT_THIS_FILE,
} as const;

const write = async (repository: OrderRepository, id: string) => {
  const updated = await repository.updatePendingPayment(id, {
    paymentStatus: 'COMPLETED',
    orderStatus: 'CONFIRMED',
    additionalInfo: {},
  });
  expect(updated?.payment.paymentStatus).toBe('COMPLETED');
};

// One suite with every built-in case skipped (their reasons listed): only the cases below run.
await runOrderRepositoryContract({
  name: 'a write-back cache, with the backdoor and additional tests',
  setup: () => {
    const store = createMemoryOrderRepository();
    return {
      repository: cachingRepository(store),
      insert: async (rows) => store.insert(...rows),
      read: (id) => store.get(id),
    };
  },
  skip: ALL_GROUPS,
  additionalTests: (context) => {
    // Registration time: no test runs yet, so there is no subject.
    expect(() => context.subject).toThrow(/only while a test runs/);
    const seen: unknown[] = [];

    it('fails `stored` once a write reached the getter and not the store', async () => {
      seen.push(context.repository);
      const [row] = await context.seed({});
      const id = String(row!.order.id);
      await expect(context.stored(id)).resolves.toMatchObject({ payment: { paymentStatus: 'PENDING' } });
      await write(context.repository, id);
      await expect(context.stored(id)).rejects.toThrow(
        /read\('1'\): the store disagrees with findOrderPayment/,
      );
    });

    it('cannot tell without `read`: the getter vouches for itself', async () => {
      seen.push(context.repository);
      delete context.subject.read;
      const [row] = await context.seed({});
      await write(context.repository, String(row!.order.id));
      await expect(context.stored(row!.order.id)).resolves.toMatchObject({
        payment: { paymentStatus: 'COMPLETED' },
      });
    });

    it('gets a fresh subject from setup for each test, and the suite helpers', async () => {
      seen.push(context.repository);
      expect(new Set(seen).size).toBe(3);
      expect(typeof context.subject.read).toBe('function');
      await expect(context.repository.listPendingOrders({ limit: 10 })).resolves.toEqual([]);
      await context.seed({}, {});
      await expect(context.repository.listPendingOrders({ limit: 10 })).resolves.toHaveLength(2);
      expect(context.makeId(4)).toBe(5);
      expect(context.concurrency).toBe(25);
    });
  },
});
