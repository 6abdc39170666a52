import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { builtinModules } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// These tests read dist/: `npm test` builds first.
const root = resolve(import.meta.dirname, '../..');
const builtins = new Set(builtinModules.flatMap((name) => [name, name.split('/')[0]!]));

/** Every bare specifier the file and its relative imports load. */
function externalsOf(entry: string, pattern: RegExp): string[] {
  const seen = new Set<string>();
  const external = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(pattern)) {
      if (spec!.startsWith('.')) walk(resolve(dirname(file), spec!));
      else external.add(spec!);
    }
  };
  walk(join(root, entry));
  return [...external].sort();
}

/** Bundles `source` for a browser, as a web app's bundler would; throws on anything browsers lack. */
async function bundleForBrowser(source: string) {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'js' },
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    minify: true,
    logLevel: 'silent',
    nodePaths: [join(root, 'node_modules')],
  });
  return result.outputFiles[0]!.text;
}

describe('package: phonepe-order-sync/client is browser-safe', () => {
  it.each([
    [
      'ESM',
      'dist/client.js',
      /(?:^|[\s;])(?:import|export)\s*(?:[^'"]*?from\s*)?["']([^"']+)["']/gm,
      ['ky', 'zod'],
    ],
    ['CJS', 'dist/client.cjs', /require\(["']([^"']+)["']\)/g, ['zod']], // ky is bundled into CJS
  ])(
    'the %s import graph loads only ky and zod: no node: import, no Node built-in',
    (_, entry, pattern, allowed) => {
      const externals = externalsOf(entry, pattern);
      expect(externals.filter((s) => s.startsWith('node:') || builtins.has(s))).toEqual([]);
      expect(externals).toEqual(allowed);
    },
  );

  it('bundles for the browser platform (esbuild), where a Node built-in would fail the build', async () => {
    const code = await bundleForBrowser(
      `import { createOrderClient } from './dist/client.js'; globalThis.c = createOrderClient;`,
    );
    expect(code.includes('/api/common/orders/:id/')).toBe(true);
    // The control: an entry that does use a Node built-in cannot be bundled for a browser.
    await expect(
      bundleForBrowser(`import * as p from './dist/phonepe.js'; globalThis.p = p;`),
    ).rejects.toThrow(/Could not resolve "(node:)?crypto"/);
  });

  it('is tree-shakeable: importing an error guard alone pulls in neither ky nor zod', async () => {
    const code = await bundleForBrowser(
      `import { isOrderClientError } from './dist/client.js'; globalThis.g = isOrderClientError;`,
    );
    expect(code.includes('phonepe-order-sync.error-kinds')).toBe(true);
    // Booleans, not the bundle itself, so that a failure prints a line rather than a megabyte.
    expect({ ky: /retryAfterStatusCodes|kyInput/.test(code), zod: /\$ZodType|ZodError/.test(code) }).toEqual({
      ky: false,
      zod: false,
    });
    const full = await bundleForBrowser(
      `import { createOrderClient } from './dist/client.js'; globalThis.c = createOrderClient;`,
    );
    expect(code.length * 10).toBeLessThan(full.length);
  });

  it("does not expose ky's types in its declarations (CJS consumers on module node16 would fail)", () => {
    for (const file of ['dist/client.d.ts', 'dist/client.d.cts'])
      expect(readFileSync(join(root, file), 'utf8')).not.toMatch(/from ['"]ky['"]/);
  });
});

describe('package: phonepe-order-sync/client runs from both builds', () => {
  it.each(['client-smoke.cjs', 'client-smoke.mjs'])(
    '%s reads an order from a real HTTP server',
    async (fixture) => {
      const seen: Array<string | undefined> = [];
      const server = createServer((req, res) => {
        seen.push(req.headers.authorization);
        const id = Number(req.url?.split('/')[4]);
        const body =
          id === 404
            ? { error: { code: 'ORDER_NOT_FOUND', message: 'not found' } }
            : {
                order: { id, payment_status: 'COMPLETED', order_status: 'CONFIRMED', amount: 49_900 },
                payment: { payment_status: 'COMPLETED', transaction_id: 'TXN1', additional_info: {} },
                status_updated: false,
              };
        res
          .writeHead(id === 404 ? 404 : 200, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      });
      await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const { stdout } = await promisify(execFile)(process.execPath, [
          join(root, 'test/package/fixtures', fixture),
          url,
        ]);
        expect(JSON.parse(stdout)).toEqual({ id: 123, notFound: true, reason: 'settled' });
        expect(seen).toEqual(['Bearer smoke-token', 'Bearer smoke-token', 'Bearer smoke-token']);
      } finally {
        server.close();
      }
    },
  );
});
