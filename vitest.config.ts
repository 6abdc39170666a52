import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/bench/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Integration suites share real PostgreSQL/MariaDB servers and ports; two forks keep a 2-core machine responsive.
    maxWorkers: 2,
  },
});
