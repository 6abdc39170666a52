import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (file: string) => new URL(file, import.meta.url);

/**
 * The page's HTML and its script, bundled in memory for the browser with esbuild (the client entry and
 * its ky and zod, resolved as an app would: `phonepe-order-sync/client` from the built package).
 */
export async function bundlePage(): Promise<{ html: string; script: string }> {
  const [html, result] = await Promise.all([
    readFile(here('./index.html'), 'utf8'),
    build({
      entryPoints: [fileURLToPath(here('./demo-page.ts'))],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      minify: true,
      logLevel: 'silent',
    }),
  ]);
  return { html, script: result.outputFiles[0]!.text };
}
