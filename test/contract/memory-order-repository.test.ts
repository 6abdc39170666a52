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
