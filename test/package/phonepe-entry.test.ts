import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Reads dist/: `npm test` builds first.
const root = resolve(import.meta.dirname, '../..');
const run = (file: string) => execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8' });

describe('package: phonepe-order-sync/phonepe', () => {
  it('the gateway works through the CommonJS build', () => {
    expect(JSON.parse(run('test/package/fixtures/phonepe-smoke.cjs'))).toEqual({
      ok: true,
      outcome: 'updated',
    });
  });

  it('the gateway works through the ESM build', () => {
    expect(JSON.parse(run('test/package/fixtures/phonepe-smoke.mjs'))).toEqual({ ok: true, state: 'FAILED' });
  });

  it.each(['dist/testing.js', 'dist/testing.cjs'])(
    '%s loads msw only on demand (phonePeHandlers)',
    (file) => {
      const code = readFileSync(join(root, file), 'utf8');
      expect(code).not.toMatch(/(?:^|\n)\s*import[^(]*["']msw["']/);
      expect(code).toMatch(/import\(["']msw["']\)|require\(["']msw["']\)/);
    },
  );

  it('the public .d.ts files do not mention ky', () => {
    for (const file of ['dist/phonepe.d.ts', 'dist/phonepe.d.cts']) {
      expect(readFileSync(join(root, file), 'utf8')).not.toMatch(/from ["']ky["']/);
    }
  });
});
