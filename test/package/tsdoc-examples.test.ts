import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { declaredExports, type EntryName, entryNames, packageRoot as root, specifierOf } from './entry-names';

/**
 * Every ```ts block under an `@example` tag in src/**\/*.ts type-checks, as the README snippets do
 * (readme-snippets.test.ts): each block is its own strict module, public examples against the built
 * package (`npm test` builds first), with the ambient preamble and stand-ins of test/package/snippets/.
 *
 * Conventions for example writers:
 * - An example may use any name a public entry exports without importing it (the API reference shows
 *   it on that name's page): it is imported from the entry that documents the example, else from the
 *   root, else from the first entry that has it. Names the example imports or declares itself win.
 * - An example on a declaration no entry exports (an internal helper) is checked against its own source
 *   file, whose exports it may use the same way.
 * - Names the prose takes as given (`paymentSync`, `repository`, `db`, `app`, ...) come from the
 *   snippets' preamble, `@/auth` (a Next.js app's session helper) from its stand-in; a block that is deliberately not checkable is fenced ```ts nocheck: <reason>.
 */
const exec = promisify(execFile);
const support = join(import.meta.dirname, 'snippets');
const workDir = join(root, '.tmp/tsdoc-examples');
/** Entries tried, in order, for a name the documenting entry does not export. */
const ENTRY_ORDER: EntryName[] = ['index', ...entryNames.filter((n) => n !== 'index')];

interface Example {
  file: string; // the source file, relative to the repository
  line: number; // the line of the opening fence
  owner: string; // the top-level declaration the comment documents
  code: string;
  path: string; // where it is written, relative to workDir
  nocheck?: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(`${dir}/${d.name}`) : d.name.endsWith('.ts') ? [`${dir}/${d.name}`] : [],
  );
}

function ownerName(statement: ts.Node): string {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations[0]!.name.getText();
  const name = (statement as { name?: ts.Node }).name;
  return name ? name.getText() : '(file)';
}

/** The ```ts blocks of every `@example` section of every doc comment in `file`. */
function extractExamples(file: string): Example[] {
  const text = readFileSync(join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const examples: Example[] = [];
  const seen = new Set<number>();
  const visit = (node: ts.Node, top: ts.Node | undefined) => {
    for (const doc of (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? []) {
      if (seen.has(doc.pos)) continue;
      seen.add(doc.pos);
      const firstLine = source.getLineAndCharacterOfPosition(doc.getStart()).line;
      // The comment's lines without `/**`, `*/` and the leading ` * `.
      const lines = doc
        .getText()
        .split('\n')
        .map((l) => l.replace(/^\s*\/\*\*\s?|\s*\*\/\s*$/g, '').replace(/^\s*\* ?/, ''));
      let inExample = false;
      for (let i = 0; i < lines.length; i++) {
        const tag = /^@(\w+)/.exec(lines[i]!);
        if (tag) inExample = tag[1] === 'example';
        const open = /^(`{3,})\s*(ts|typescript)(?:\s+(.*))?$/.exec(lines[i]!);
        if (!inExample || !open) continue;
        const start = i;
        const body: string[] = [];
        for (i++; i < lines.length && !lines[i]!.startsWith(open[1]!); i++) body.push(lines[i]!);
        const nocheck = /^nocheck\b:?\s*(.*)$/.exec(open[3] ?? '');
        const line = firstLine + start + 1;
        examples.push({
          file,
          line,
          owner: ownerName(top ?? node),
          code: body.join('\n'),
          path: `${file.replace(/\.ts$/, '')}-L${line}.ts`,
          ...(nocheck && { nocheck: nocheck[1]!.trim() }),
        });
      }
    }
    ts.forEachChild(node, (child) => visit(child, top ?? (ts.isSourceFile(node) ? child : undefined)));
  };
  visit(source, undefined);
  return examples;
}

/** The names `code` binds itself (imports, declarations), which an automatic import must not shadow. */
function ownNames(code: string): Set<string> {
  const source = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
  const names = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isImportSpecifier(node) || ts.isNamespaceImport(node) || ts.isImportClause(node)) {
      if (node.name) names.add(node.name.text);
    }
    const named = node as { name?: ts.Node };
    if (
      (ts.isVariableDeclaration(node) ||
        ts.isFunctionDeclaration(node) ||
        ts.isClassDeclaration(node) ||
        ts.isInterfaceDeclaration(node) ||
        ts.isTypeAliasDeclaration(node)) &&
      named.name &&
      ts.isIdentifier(named.name)
    ) {
      names.add(named.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** Identifiers `code` uses (not property names after a dot, not inside strings or comments). */
function usedIdentifiers(code: string): Set<string> {
  const source = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
  const used = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isMember =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isQualifiedName(parent) && parent.right === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        (ts.isPropertySignature(parent) && parent.name === node);
      if (!isMember) used.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return used;
}

const examples = sourceFiles('src').flatMap(extractExamples);
const checked = examples.filter((e) => e.nocheck === undefined);

describe('package: TSDoc @example blocks', () => {
  it('finds the examples, each at its own path, and a reason for every nocheck', () => {
    expect(checked.length).toBeGreaterThan(40);
    const paths = checked.map((e) => e.path);
    expect(paths.filter((p, i) => paths.indexOf(p) !== i)).toEqual([]);
    expect(examples.filter((e) => e.nocheck === '').map((e) => `${e.file}:${e.line}`)).toEqual([]);
  });

  it('every ```ts @example compiles (public ones against the built package)', async () => {
    const declared = declaredExports();
    const valueOrType = (name: string) => name.replace(/^type /, '');
    const exportsOf = (entry: EntryName) => new Map(declared[entry].map((n) => [valueOrType(n), n]));
    const entryExports = Object.fromEntries(entryNames.map((e) => [e, exportsOf(e)])) as Record<
      EntryName,
      Map<string, string>
    >;
    // The entry whose reference page shows a declaration: the first (in ENTRY_ORDER) exporting its name.
    const documentingEntry = (owner: string) => ENTRY_ORDER.find((e) => entryExports[e].has(owner));

    rmSync(workDir, { recursive: true, force: true });
    cpSync(support, workDir, { recursive: true, filter: (from) => !from.startsWith(join(support, 'app')) });
    cpSync(join(support, 'app/auth.ts'), join(workDir, 'app/auth.ts'));
    for (const example of checked) {
      const target = join(workDir, example.path);
      const own = ownNames(example.code);
      const used = [...usedIdentifiers(example.code)].filter((n) => !own.has(n)).sort();
      const imports = new Map<string, string[]>(); // specifier -> import specifiers
      const add = (specifier: string, name: string) =>
        imports.set(specifier, [...(imports.get(specifier) ?? []), name]);
      const entry = documentingEntry(example.owner);
      if (entry) {
        for (const name of used) {
          const from = [entry, ...ENTRY_ORDER].find((e) => entryExports[e].has(name));
          if (from) add(specifierOf(from), entryExports[from].get(name)!);
        }
      } else {
        // An internal helper: its own file's exports, by relative path to the source.
        const source = ts.createSourceFile(
          example.file,
          readFileSync(join(root, example.file), 'utf8'),
          ts.ScriptTarget.Latest,
          true,
        );
        const exported = new Set(
          source.statements
            .filter(
              (s) =>
                ts.canHaveModifiers(s) &&
                ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword),
            )
            .map(ownerName),
        );
        const specifier = relative(dirname(target), join(root, example.file.replace(/\.ts$/, ''))).replace(
          /^(?!\.)/,
          './',
        );
        for (const name of used) if (exported.has(name)) add(specifier, name);
      }
      const header = [...imports].map(([from, names]) => `import { ${names.join(', ')} } from '${from}';`);
      mkdirSync(dirname(target), { recursive: true });
      // `export {}` makes every block a module: its own scope, top-level await allowed.
      writeFileSync(target, `${header.join('\n')}\n${example.code}\nexport {};\n`);
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
          paths: { '@/*': ['./app/*'] },
        },
        include: ['**/*.ts'],
      }),
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const { stdout } = await exec(process.execPath, [tsc, '-p', workDir, '--pretty', 'false'], {
      cwd: workDir,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));

    // Each diagnostic, pointed back at its source line (the header of imports is one line).
    const errors: string[] = [];
    for (const line of stdout.split('\n')) {
      const m = /^(.+?)\((\d+),(\d+)\): (error .*)$/.exec(line);
      if (!m) continue;
      const at = relative(workDir, resolve(workDir, m[1]!));
      const example = checked.find((e) => e.path === at);
      errors.push(example ? `${example.file}:${example.line + Number(m[2]) - 1}: ${m[4]}` : `${at}: ${m[4]}`);
    }
    expect(errors).toEqual([]);
  }, 300_000); // one tsc run over every example: about 35 s alone, over 120 s inside the full suite
});
