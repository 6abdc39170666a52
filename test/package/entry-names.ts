import { join, resolve } from 'node:path';
import ts from 'typescript';
import { entries } from '../../tsup.config';

/** A built entry by its tsup name (`index`, `phonepe`, ...). */
export type EntryName = keyof typeof entries;

export const packageRoot = resolve(import.meta.dirname, '../..');
export const entryNames = Object.keys(entries) as EntryName[];

/** The import specifier of an entry: `phonepe-order-sync` or `phonepe-order-sync/<name>`. */
export const specifierOf = (entry: EntryName) =>
  entry === 'index' ? 'phonepe-order-sync' : `phonepe-order-sync/${entry}`;

/** Sorts `type X` and `X` together by name. */
export const byName = (a: string, b: string) =>
  a.replace(/^type /, '').localeCompare(b.replace(/^type /, ''));

/**
 * The names each built entry's `.d.ts` exports (dist/: build first), sorted, a type-only export written
 * `type X`. One TypeScript program reads them all.
 */
export function declaredExports(): Record<EntryName, string[]> {
  const files = entryNames.map((n) => join(packageRoot, 'dist', `${n}.d.ts`));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  return Object.fromEntries(
    entryNames.map((n, i) => {
      const module = checker.getSymbolAtLocation(program.getSourceFile(files[i]!)!)!;
      const exported = checker.getExportsOfModule(module).map((s) => {
        const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
        return target.flags & ts.SymbolFlags.Value ? s.name : `type ${s.name}`;
      });
      return [n, exported.sort(byName)];
    }),
  ) as Record<EntryName, string[]>;
}
