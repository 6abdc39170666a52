import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * Every ```ts block of README.md, examples/*\/README.md, the READMEs beside the code (src/**\/README.md) and
 * test/bench/README.md type-checks against the built package (`npm test` builds first):
 * `phonepe-order-sync/...` resolves, as in an app, through package.json `exports` to dist/.
 *
 * Conventions for snippet writers:
 * - Each block is its own module, type-checked with `strict`. A block whose first line is a path comment
 *   (`// payment-sync.ts`, `// app/api/.../route.ts`) is written at that path, so later blocks of the same
 *   file can import it (`./payment-sync`, or `@/lib/payment-sync` in the Next.js ones).
 * - Names the prose takes as given (`repository`, `gateway`, `logger`, `db`, `app`, `paymentSync`, ...)
 *   come from one ambient preamble, test/package/snippets/preamble.d.ts; third-party packages not
 *   installed here (passport, @fastify/jwt) are stand-ins beside it, and the README's own app modules
 *   (`./repository`, `@/auth`) are stand-ins in test/package/snippets/app/. Add a name there only when several snippets take it as given.
 *   The README's `./payment-sync` module (its own block) and those stand-ins are importable from the
 *   snippets of every other markdown file too, as `./payment-sync`, `./repository`, `./database`.
 * - A block that is deliberately not checkable code is fenced ```ts nocheck: <reason>.
 */
const exec = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const support = join(import.meta.dirname, 'snippets');
const workDir = join(root, '.tmp/snippets');

/**
 * Snippets that are known not to compile yet, each with why: a match is any block containing `contains`.
 * Once a block compiles, its entry must go (the test says so).
 */
const KNOWN_FAILURES: Array<{ file: string; contains: string; reason: string }> = [];

interface Snippet {
  file: string; // the markdown file, relative to the repository
  line: number; // the line of the opening fence
  code: string;
  path: string; // where it is written, relative to workDir
  nocheck?: string;
}

/** README.md files under `dir` (relative to the repository), at any depth. */
function readmesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((d) => {
    const path = `${dir}/${d.name}`;
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : readmesUnder(path);
    return d.name === 'README.md' && readFileSync(join(root, path)).length > 0 ? [path] : [];
  });
}

function markdownFiles(): string[] {
  const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `examples/${d.name}/README.md`)
    .filter((f) => {
      try {
        return readFileSync(join(root, f)).length > 0;
      } catch {
        return false;
      }
    });
  return ['README.md', ...examples.sort(), ...readmesUnder('src').sort(), 'test/bench/README.md'];
}

function extractSnippets(file: string): Snippet[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const dir = file === 'README.md' ? 'README' : dirname(file);
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})\s*(ts|typescript)(?:\s+(.*))?$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith(fence); i++) body.push(lines[i]!);
    const named = /^\/\/\s*([\w./[\]@-]+\.ts)\b/.exec(body[0] ?? '');
    const nocheck = /^nocheck\b:?\s*(.*)$/.exec(open[3] ?? '');
    snippets.push({
      file,
      line: start + 1,
      code: body.join('\n'),
      path: join(dir, named ? named[1]! : `snippet-L${start + 1}.ts`),
      ...(nocheck && { nocheck: nocheck[1]!.trim() }),
    });
  }
  return snippets;
}

const snippets = markdownFiles().flatMap(extractSnippets);
const checked = snippets.filter((s) => s.nocheck === undefined);

describe('package: documentation snippets', () => {
  it('finds the snippets, each written at its own path, and a reason for every nocheck', () => {
    expect(checked.length).toBeGreaterThan(20);
    const paths = checked.map((s) => s.path);
    expect(paths.filter((p, i) => paths.indexOf(p) !== i)).toEqual([]);
    expect(snippets.filter((s) => s.nocheck === '').map((s) => `${s.file}:${s.line}`)).toEqual([]);
  });

  it('every ```ts block compiles against the built package (known failures listed in this file)', async () => {
    rmSync(workDir, { recursive: true, force: true });
    // The ambient preamble and stand-ins once, the README's app modules beside its snippets.
    cpSync(support, workDir, { recursive: true, filter: (from) => !from.startsWith(join(support, 'app')) });
    cpSync(join(support, 'app'), join(workDir, 'README'), { recursive: true });
    for (const s of checked) {
      mkdirSync(dirname(join(workDir, s.path)), { recursive: true });
      // `export {}` makes every block a module: its own scope, top-level await allowed.
      writeFileSync(join(workDir, s.path), `${s.code}\nexport {};\n`);
    }
    // The README's shared modules, for the snippets of the other markdown files (unless one writes its own).
    const snippetDirs = new Set(checked.map((s) => dirname(join(workDir, s.path))));
    for (const dir of snippetDirs) {
      if (dir === join(workDir, 'README')) continue;
      for (const name of ['payment-sync', 'repository', 'database']) {
        const at = join(dir, `${name}.ts`);
        const target = relative(dir, join(workDir, 'README', name)).replace(/^(?!\.)/, './');
        if (!checked.some((s) => join(workDir, s.path) === at))
          writeFileSync(at, `export * from '${target}';\n`);
      }
    }
    writeFileSync(
      join(workDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023', 'DOM'],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          esModuleInterop: true,
          skipLibCheck: true,
          noEmit: true,
          types: ['node'],
          paths: { '@/*': ['./README/*'] },
        },
        include: ['**/*.ts'],
      }),
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const { stdout } = await exec(process.execPath, [tsc, '-p', workDir, '--pretty', 'false'], {
      cwd: workDir,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));

    // Each diagnostic, pointed back at its markdown line.
    const errors = new Map<Snippet, string[]>();
    for (const line of stdout.split('\n')) {
      const m = /^(.+?)\((\d+),(\d+)\): (error .*)$/.exec(line);
      if (!m) continue;
      const at = relative(workDir, resolve(workDir, m[1]!));
      const snippet = checked.find((s) => s.path === at);
      const where = snippet ? `${snippet.file}:${snippet.line + Number(m[2])}` : at;
      const key = snippet ?? ({ file: at, line: 0, code: '', path: at } as Snippet);
      errors.set(key, [...(errors.get(key) ?? []), `${where}: ${m[4]}`]);
    }
    const known = (s: Snippet) =>
      KNOWN_FAILURES.find((k) => k.file === s.file && s.code.includes(k.contains));
    const unexpected = [...errors].filter(([s]) => !known(s)).flatMap(([, e]) => e);
    expect(unexpected).toEqual([]);

    // A known failure that now compiles (or no longer exists) must leave the list.
    const stale = KNOWN_FAILURES.filter((k) => {
      const matching = checked.filter((s) => s.file === k.file && s.code.includes(k.contains));
      return matching.length === 0 || matching.every((s) => !errors.has(s));
    });
    expect(
      stale.map((k) => `${k.file}: "${k.contains}" compiles now: remove it from KNOWN_FAILURES`),
    ).toEqual([]);
  }, 300_000); // one tsc run over every snippet: about 45 s alone, over 110 s inside the full suite
});
