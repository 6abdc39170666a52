import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// These tests read dist/: `npm test` builds first.
const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const run = (file: string) => execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8' });

const IMPORT = {
  esm: /(?:^|[\s;])(?:import|export)\s*(?:[^'"]*?from\s*)?["']([^"']+)["']/gm,
  cjs: /require\(["']([^"']+)["']\)/g,
};
/** ky's own code, when a build inlines it (the CJS build bundles ky wherever it is reached). */
const KY_INLINED = /\bkyInput\b|retryAfterStatusCodes/;

/** Every bare import reached from a built entry through its chunks: specifier -> files importing it. */
function externalImports(entry: string) {
  const pattern = entry.endsWith('.cjs') ? IMPORT.cjs : IMPORT.esm;
  const seen = new Set<string>();
  const external = new Map<string, string[]>();
  const kyInlinedIn: string[] = [];
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    if (KY_INLINED.test(code)) kyInlinedIn.push(basename(file));
    for (const [, spec] of code.matchAll(pattern)) {
      if (spec!.startsWith('.')) walk(resolve(dirname(file), spec!));
      else external.set(spec!, [...(external.get(spec!) ?? []), file]);
    }
  };
  walk(join(root, entry));
  return { external, kyInlinedIn };
}
/** The verifier's Node imports (`node:crypto`, and `node:buffer` for its `Buffer`), with or without the prefix. */
const isCrypto = (spec: string) => ['crypto', 'node:crypto', 'buffer', 'node:buffer'].includes(spec);

describe('package: HTTP adapter entries', () => {
  it.each(['express', 'fastify', 'fetch'])('%s loads no framework at runtime (types only)', (name) => {
    for (const file of [`dist/${name}.js`, `dist/${name}.cjs`]) {
      const code = readFileSync(join(root, file), 'utf8');
      expect(code).not.toMatch(/(?:from\s*|require\()["'](?:express|fastify|hono)["']/);
    }
  });

  it.each([
    ['ESM', async () => import(join(root, 'dist/fetch.js')), async () => import(join(root, 'dist/index.js'))],
    [
      'CJS',
      async () => require(join(root, 'dist/fetch.cjs')),
      async () => require(join(root, 'dist/index.cjs')),
    ],
  ])('answers an order-details request through the %s build', async (_, loadFetch, loadCore) => {
    const { createOrderDetailsHandler } = await loadFetch();
    const { createPaymentSync } = await loadCore();
    const testing = require(join(root, 'dist/testing.cjs'));
    const repository = testing.createMemoryOrderRepository([
      testing.buildOrderPayment({ id: 7, paymentStatus: 'COMPLETED' }),
    ]);
    const paymentSync = createPaymentSync({ repository, gateway: testing.createFakePaymentGateway() });
    const handler = createOrderDetailsHandler({ paymentSync, authorize: () => true });
    const ok = await handler(new Request('http://x/api/common/orders/7/'));
    expect([ok.status, (await ok.json()).order.id]).toEqual([200, 7]);
    const missing = await handler(new Request('http://x/api/common/orders/8/'));
    expect([missing.status, (await missing.json()).error.code]).toEqual([404, 'ORDER_NOT_FOUND']);
  });
});

describe('package: the framework-neutral entry (phonepe-order-sync/http)', () => {
  it('serves an order read and a webhook through the ESM build (import)', () => {
    expect(JSON.parse(run('test/package/fixtures/http-smoke.mjs'))).toEqual({
      ok: true,
      paymentStatus: 'COMPLETED',
    });
  });

  it('serves an order read and a webhook through the CommonJS build (require)', () => {
    expect(JSON.parse(run('test/package/fixtures/http-smoke.cjs'))).toEqual({
      ok: true,
      paymentStatus: 'COMPLETED',
    });
  });

  it.each(['dist/http.js', 'dist/http.cjs'])(
    '%s imports neither node:crypto nor ky, nor inlines ky',
    (entry) => {
      const { external, kyInlinedIn } = externalImports(entry);
      expect([...external.keys()].sort()).toEqual(['zod']);
      expect(kyInlinedIn).toEqual([]);
    },
  );

  it.each(['dist/fetch.js', 'dist/fetch.cjs'])(
    '%s reaches node:crypto and node:buffer only through the PhonePe webhook verifier, and no ky',
    (entry) => {
      const { external, kyInlinedIn } = externalImports(entry);
      expect([...external.keys()].filter((s) => !isCrypto(s)).sort()).toEqual(['zod']);
      expect(kyInlinedIn).toEqual([]);
      const viaCrypto = [...external].filter(([spec]) => isCrypto(spec)).flatMap(([, files]) => files);
      expect(viaCrypto.length).toBeGreaterThan(0); // the default verifier is wired in
      for (const file of viaCrypto) {
        // The one chunk importing crypto is the verifier's: it defines verifyPhonePeWebhook and no gateway.
        const code = readFileSync(file, 'utf8');
        expect([basename(file), /function verifyPhonePeWebhook\b/.test(code)]).toEqual([
          basename(file),
          true,
        ]);
        expect(code).not.toMatch(/function createPhonePeGateway\b/);
      }
    },
  );
});
