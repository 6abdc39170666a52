import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The folder directions in biome.json (`noRestrictedImports` per folder, see the README's Architecture)
 * hold: `biome check`, what `npm run lint` runs, refuses a wrong import. Each case is a file in a temp
 * copy of the layout, linted with this repository's biome.json and biome binary.
 */
const exec = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const biome = join(root, 'node_modules/@biomejs/biome/bin/biome');

// [file, the import it makes, refused?]
const CASES: Array<[file: string, from: string, refused: boolean]> = [
  ['src/core/a1.ts', '../http/index', true],
  ['src/core/a2.ts', '../phonepe/verify-phonepe-webhook', true],
  ['src/core/a3.ts', '../adapters/fetch/index', true],
  ['src/core/a4.ts', '../repositories/kysely/index', true],
  ['src/core/a5.ts', '../testing/index', true],
  ['src/core/a6.ts', '../client/index', true],
  ['src/core/a7.ts', 'ky', true],
  ['src/core/ok1.ts', './order-payment', false],
  ['src/core/ok2.ts', '../errors/gateway-error', false],
  ['src/core/ok3.ts', '../ports/logger', false],
  ['src/http/b1.ts', '../phonepe/index', true],
  ['src/http/b2.ts', '../phonepe/verify-phonepe-webhook', true],
  ['src/http/b3.ts', 'node:crypto', true],
  ['src/http/b4.ts', '../adapters/express/index', true],
  ['src/http/ok1.ts', '../core/options-error', false],
  ['src/http/ok2.ts', '../index', false],
  ['src/adapters/fetch/c1.ts', '../../core/options-error', true],
  ['src/adapters/fetch/c2.ts', '../../phonepe/create-phonepe-gateway', true],
  ['src/adapters/fetch/c3.ts', '../../http/order-id', true],
  ['src/adapters/fetch/c4.ts', '../express/index', true],
  ['src/adapters/fetch/c5.ts', '../../errors/gateway-error', true],
  ['src/adapters/fetch/ok1.ts', './web-request', false],
  ['src/adapters/fetch/ok2.ts', '../../http/index', false],
  ['src/adapters/fetch/ok3.ts', '../../http/internal', false],
  ['src/adapters/fetch/ok4.ts', '../../index', false],
  ['src/adapters/fetch/ok5.ts', '../../phonepe/index', false],
  ['src/adapters/fetch/ok6.ts', '../../phonepe/verify-phonepe-webhook', false],
  ['src/client/d1.ts', 'node:crypto', true],
  ['src/client/ok1.ts', '../core/order-payment', false],
];

type Diagnostic = { category: string; location: { path: string } };
const restricted = (diagnostics: Diagnostic[]) =>
  diagnostics
    .filter((d) => d.category === 'lint/style/noRestrictedImports')
    .map((d) => d.location.path.replaceAll('\\', '/'))
    .sort();

/** Runs `biome check` (what `npm run lint` runs) in `cwd`; its exit code and JSON report. */
async function check(cwd: string, ...paths: string[]) {
  const result = await exec(process.execPath, [biome, 'check', '--reporter=json', ...paths], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code?: number; stdout?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '' }),
  );
  const report = JSON.parse(result.stdout) as { diagnostics: Diagnostic[] };
  return { code: result.code, diagnostics: report.diagnostics };
}

describe('import boundaries (biome noRestrictedImports per folder)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pos-boundaries-'));
    copyFileSync(join(root, 'biome.json'), join(dir, 'biome.json'));
    for (const [file, from] of CASES) {
      mkdirSync(join(dir, dirname(file)), { recursive: true });
      writeFileSync(join(dir, file), `import * as m from '${from}';\n\nexport { m };\n`);
    }
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses every wrong import, and only those, failing the lint run', async () => {
    const { code, diagnostics } = await check(dir, '.');
    expect(restricted(diagnostics)).toEqual(
      CASES.filter(([, , refused]) => refused)
        .map(([file]) => file)
        .sort(),
    );
    expect(code).not.toBe(0);
  }, 60_000);

  it('lets the good imports pass on their own (exit 0)', async () => {
    const good = CASES.filter(([, , refused]) => !refused).map(([file]) => file);
    const { code, diagnostics } = await check(dir, ...good);
    expect([code, diagnostics]).toEqual([0, []]);
  }, 60_000);

  it('holds for the source tree as it is', async () => {
    const { diagnostics } = await check(root, 'src');
    expect(restricted(diagnostics)).toEqual([]);
  }, 60_000);
});
