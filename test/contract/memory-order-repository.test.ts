import { createMemoryOrderRepository, runOrderRepositoryContract } from '../../src/testing/index';

await runOrderRepositoryContract({
  name: 'memory',
  setup: () => {
    const repository = createMemoryOrderRepository();
    return { repository, insert: async (rows) => repository.insert(...rows) };
  },
});

await runOrderRepositoryContract({
  name: 'memory (string ids)',
  makeId: (i) => `ord_${i}`,
  setup: () => {
    const repository = createMemoryOrderRepository();
    return { repository, insert: async (rows) => repository.insert(...rows) };
  },
});

// A store without the optional claim capability: the claim cases must pass by checking it is absent.
await runOrderRepositoryContract({
  name: 'memory (no claim capability)',
  setup: () => {
    const { claimPendingOrders: _c, releaseOrderClaim: _r, ...repository } = createMemoryOrderRepository();
    return {
      repository,
      insert: async (rows) => (repository as { insert(...r: typeof rows): void }).insert(...rows),
    };
  },
});
