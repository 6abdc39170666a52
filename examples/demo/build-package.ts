/**
 * Step one of `npm run demo`: make sure `dist/` holds the package's JavaScript, the way an app installing
 * it would load it (the demo imports `phonepe-order-sync/...`, which resolves through package.json
 * `exports` to `dist/`). Builds only when an entry is missing or older than `src/`, `tsup.config.ts` or
 * `package.json`, and then only the JavaScript (both formats, no type declarations): seconds, where the
 * full `npm run build` spends most of its half minute on `.d.ts` files the demo never reads.
 * `npm run build` (and so `npm test`) still builds everything.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What a build reads: a change to any of these makes the built entries stale. */
export const BUILD_INPUTS = ['src', 'tsup.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** The built entry files (`dist/<entry>.js` and `.cjs`) that are missing or older than an input. */
export function staleEntryFiles(root: string, entryNames: string[]): string[] {
  const inputsChanged = Math.max(...BUILD_INPUTS.map((p) => newestMtime(join(root, p))));
  return entryNames
    .flatMap((name) => [`dist/${name}.js`, `dist/${name}.cjs`])
    .filter((file) => !existsSync(join(root, file)) || statSync(join(root, file)).mtimeMs < inputsChanged);
}

/** Builds the JavaScript of every entry with the package's own tsup config, without declarations. */
export async function buildPackageJavaScript(root: string): Promise<void> {
  const { build } = await import('tsup');
  const { default: config } = await import('../../tsup.config');
  const previous = process.cwd();
  process.chdir(root); // tsup resolves the entries against the working directory
  try {
    for (const options of [config].flat() as Array<Record<string, unknown>>) {
      // clean: false keeps the .d.ts files of an earlier full build; the JavaScript is overwritten.
      await build({ ...options, dts: false, clean: false, silent: true, config: false });
    }
  } finally {
    process.chdir(previous);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(import.meta.dirname, '../..');
  const { entries } = await import('../../tsup.config');
  const stale = staleEntryFiles(root, Object.keys(entries));
  if (stale.length > 0) {
    const started = Date.now();
    console.log(
      `Building the package's JavaScript into dist/ (${stale.length} entry files missing or stale)...`,
    );
    await buildPackageJavaScript(root);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`Built in ${seconds} s (JavaScript only; \`npm run build\` adds the type declarations).\n`);
  }
}
