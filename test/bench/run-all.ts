// `npm run bench`: runs every test/bench/*.bench.ts in turn (or those named on the command line),
// each printing its own ratios. Nothing here asserts: ratios are for reading, side by side in one run.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const only = process.argv.slice(2);
const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
for (const file of files) {
  console.log(`\n=== ${file}`);
  const mod = await import(pathToFileURL(join(dir, file)).href);
  await mod.default?.();
}
