import { defineConfig } from 'tsup';

/**
 * One entry per subpath export. `splitting` makes every subpath share one copy of the core, so an error
 * class thrown by one subpath passes `instanceof` in another. ky is ESM-only: it stays external in the
 * ESM build and is bundled into the CJS build only (a CJS `require` of an ESM ky fails at first call).
 */
export const entries = {
  index: 'src/index.ts',
  testing: 'src/testing/index.ts',
  phonepe: 'src/phonepe/index.ts',
  client: 'src/client/index.ts',
  http: 'src/http/index.ts',
  express: 'src/adapters/express/index.ts',
  fastify: 'src/adapters/fastify/index.ts',
  fetch: 'src/adapters/fetch/index.ts',
  kysely: 'src/repositories/kysely/index.ts',
};

const shared = {
  entry: entries,
  sourcemap: true,
  splitting: true,
  treeshake: true,
  target: 'node20',
  platform: 'node',
  // Keep `node:crypto` as written: Workers' `nodejs_compat` (any date) and Deno resolve only the
  // `node:` form; tsup would print bare `crypto`, which Workers refuse before 2024-09-23.
  removeNodeProtocol: false,
  outDir: 'dist',
} as const;

export default defineConfig([
  { ...shared, format: ['esm'], dts: true, clean: true },
  { ...shared, format: ['cjs'], dts: true, noExternal: ['ky'] },
]);
