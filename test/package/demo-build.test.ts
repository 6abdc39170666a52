import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleEntryFiles } from '../../examples/demo/build-package';

// `npm run demo` rebuilds dist/ (JavaScript only) when, and only when, an entry is missing or older than
// what the build reads. The build itself is exercised by .ci/run (`npm run demo -- --once` from a clean
// clone); here only the decision, on a scratch tree, so no test rewrites the real dist/ under the others.
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pos-demo-build-'));
  dirs.push(dir);
  for (const [file, seconds] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '');
    utimesSync(join(dir, file), seconds, seconds);
  }
  return dir;
}

const inputs = { 'src/index.ts': 100, 'src/core/sync.ts': 100, 'tsup.config.ts': 100, 'package.json': 100 };

describe('package: the demo builds dist/ only when it is missing or stale', () => {
  it('builds when dist/ is missing (a fresh clone)', () => {
    expect(staleEntryFiles(tree(inputs), ['index', 'testing'])).toEqual([
      'dist/index.js',
      'dist/index.cjs',
      'dist/testing.js',
      'dist/testing.cjs',
    ]);
  });

  it('skips the build when every entry is newer than every input (after npm test or an earlier demo)', () => {
    const root = tree({ ...inputs, 'dist/index.js': 200, 'dist/index.cjs': 200 });
    expect(staleEntryFiles(root, ['index'])).toEqual([]);
  });

  it.each([['src/core/sync.ts'], ['tsup.config.ts'], ['package.json']])(
    'builds again after %s changed',
    (file) => {
      const root = tree({ ...inputs, [file]: 300, 'dist/index.js': 200, 'dist/index.cjs': 200 });
      expect(staleEntryFiles(root, ['index'])).toEqual(['dist/index.js', 'dist/index.cjs']);
    },
  );

  it('builds when one entry file is missing', () => {
    const root = tree({ ...inputs, 'dist/index.js': 200 });
    expect(staleEntryFiles(root, ['index'])).toEqual(['dist/index.cjs']);
  });
});
