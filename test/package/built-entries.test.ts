import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entries } from '../../tsup.config';

// These tests read dist/: `npm test` builds first.
const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const run = (file: string) => execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8' });

type Conditions = { import: { types: string; default: string }; require: { types: string; default: string } };
const subpaths = Object.entries(pkg.exports as Record<string, Conditions | string>).filter(
  (e): e is [string, Conditions] => typeof e[1] === 'object',
);

describe('package: built entries', () => {
  it('exports every tsup entry and builds every exported file', () => {
    const exported = subpaths.map(([, c]) => c.import.default.replace(/^\.\/dist\/(.*)\.js$/, '$1')).sort();
    expect(exported).toEqual(Object.keys(entries).sort());
    for (const [, c] of subpaths) {
      for (const file of [c.import.types, c.import.default, c.require.types, c.require.default]) {
        expect([file, existsSync(join(root, file))]).toEqual([file, true]);
      }
    }
  });

  it('runs a sync end to end through the CommonJS build (require)', () => {
    expect(JSON.parse(run('test/package/fixtures/smoke.cjs'))).toEqual({ ok: true, outcome: 'updated' });
  });

  it('runs a sync end to end through the ESM build (import)', () => {
    expect(JSON.parse(run('test/package/fixtures/smoke.mjs'))).toEqual({ ok: true, outcome: 'updated' });
  });

  it('shares one copy of the error classes between subpaths (instanceof holds across entries)', async () => {
    const core = await import(join(root, 'dist/index.js'));
    const testing = await import(join(root, 'dist/testing.js'));
    const repository = testing.createMemoryOrderRepository();
    const failing = { ...repository, findOrderPayment: () => Promise.reject(new Error('down')) };
    const error = await core
      .createPaymentSync({ repository: failing, gateway: testing.createFakePaymentGateway() })
      .sync(1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(core.RepositoryError);
  });

  it.each([
    ['ESM', 'dist/index.js', /(?:^|[\s;])(?:import|export)\s*(?:[^'"]*?from\s*)?["']([^"']+)["']/gm],
    ['CJS', 'dist/index.cjs', /require\(["']([^"']+)["']\)/g],
  ])('the root %s entry loads no framework, no HTTP client, no test tool', (_, entry, pattern) => {
    const seen = new Set<string>();
    const external = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      for (const [, spec] of code.matchAll(pattern)) {
        if (spec!.startsWith('.')) walk(resolve(dirname(file), spec!));
        else external.add(spec!);
      }
      expect(code).not.toMatch(/\bkyInput\b|retryAfterStatusCodes/); // ky inlined by mistake
    };
    walk(join(root, entry));
    expect([...external].filter((s) => !s.startsWith('node:')).sort()).toEqual(['zod']);
  });
});

describe('package: published shape', () => {
  it('is publint-clean', async () => {
    const { publint } = await import('publint');
    const { formatMessage } = await import('publint/utils');
    const { messages } = await publint({ pkgDir: root, strict: true, level: 'suggestion' });
    expect(messages.map((m) => formatMessage(m, pkg))).toEqual([]);
  });

  it('has types that resolve for node16 ESM and CJS consumers (attw)', () => {
    const bin = join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js');
    const out = execFileSync(
      process.execPath,
      [bin, '--pack', '.', '--profile', 'node16', '--format', 'json'],
      {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    ).replace(/^[^{]*/s, '');
    // execFileSync throws on a non-zero exit, which is how attw reports problems under the profile.
    const problems: Array<{ kind: string; entrypoint?: string; resolutionKind?: string }> = Object.values(
      JSON.parse(out).problems ?? {},
    ).flat() as never;
    // node10 cannot resolve subpath exports at all; the node16 profile ignores it, and so do we.
    expect(problems.filter((p) => p.resolutionKind !== 'node10')).toEqual([]);
  }, 120_000);

  it('depends at run time on ky and zod only', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['ky', 'zod']);
    for (const peer of Object.keys(pkg.peerDependencies ?? {}))
      expect(pkg.peerDependenciesMeta?.[peer]?.optional).toBe(true);
  });
});
