import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `tsc` in a consumer project, as a user gets the package: one `npm pack` of the built package (`npm test`
 * builds first), one install into a temp dir with TypeScript and the framework peers the subpaths' types
 * name (express, fastify, kysely; never msw or vitest), `skipLibCheck: false`, then one tsc run per
 * supported module resolution, reusing that install.
 */
const exec = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const subpaths = Object.keys(pkg.exports as Record<string, unknown>)
  .filter((s) => s !== './package.json')
  .map((s) => (s === '.' ? pkg.name : `${pkg.name}/${s.slice(2)}`));
// The consumer installs what the types of every subpath name, at the versions this repo tests with.
const consumerDependencies = [
  'typescript',
  '@types/node',
  'express',
  '@types/express',
  'fastify',
  'kysely',
].map((name) => `${name}@${pkg.devDependencies[name]}`);

let dir = '';

const importsOf = (style: 'esm' | 'cjs') =>
  subpaths.map((s, i) => `import * as entry${i} from '${s}';`).join('\n') +
  `\nexport const entries${style === 'cjs' ? 'Cjs' : ''} = [${subpaths.map((_, i) => `entry${i}`).join(', ')}];\n`;

// The simulator on a real port, with no msw installed: what the README promises works without msw.
const testingWithoutMsw = `import { createPhonePeSimulator, phonePeHandlers, servePhonePeSimulator } from '${pkg.name}/testing';

export async function serveSimulator(): Promise<string> {
  const simulator = createPhonePeSimulator().createOrder('42', { amount: 49_900 });
  const served = await servePhonePeSimulator(simulator);
  await served.close();
  // Typed without msw's types: compiles here, where msw is not installed.
  const handlers: unknown[] = await phonePeHandlers(simulator, { baseUrl: 'https://phonepe.test' });
  return \`\${served.url} \${handlers.length}\`;
}
`;

// A tiny adapter over /http, as a user of another framework writes one: PhonePe's verifier from /phonepe
// must fit the neutral handler's \`verify\` option across the two entries.
const httpAdapter = `import type { PaymentSync } from '${pkg.name}';
import {
  createOrderDetailsHttpHandler,
  createPhonePeWebhookHttpHandler,
  type HttpResponse,
  type OrderDetailsWire,
  type VerifyWebhook,
} from '${pkg.name}/http';
import { verifyPhonePeWebhook } from '${pkg.name}/phonepe';

const verify: VerifyWebhook = verifyPhonePeWebhook;

export function routes(paymentSync: PaymentSync) {
  const details = createOrderDetailsHttpHandler<{ userId: string }>({ paymentSync, authorize: (r) => r.userId === 'a' });
  const webhook = createPhonePeWebhookHttpHandler({ paymentSync, credentials: { username: 'u', password: 'p' }, verify });
  return async (id: string): Promise<[HttpResponse, number]> => {
    const answer = await details({ method: 'GET', params: { id }, headers: {}, original: { userId: 'a' } });
    if (answer.status === 200) (answer.body as OrderDetailsWire).status_updated satisfies boolean;
    return [answer, webhook.maxBodyBytes];
  };
}
`;

const sources: Record<string, string> = {
  'http.mts': httpAdapter,
  'http.ts': httpAdapter,
  'esm.mts': importsOf('esm'),
  'cjs.cts': importsOf('cjs'),
  'testing.mts': testingWithoutMsw,
  'bundler.ts': importsOf('esm'),
  'bundler-testing.ts': testingWithoutMsw,
};

const settings: Array<[name: string, compilerOptions: Record<string, unknown>, files: string[]]> = [
  [
    'node16 (module node16), ESM and CJS',
    { module: 'node16', moduleResolution: 'node16' },
    ['esm.mts', 'cjs.cts', 'testing.mts', 'http.mts'],
  ],
  [
    'nodenext, ESM and CJS',
    { module: 'nodenext', moduleResolution: 'nodenext' },
    ['esm.mts', 'cjs.cts', 'testing.mts', 'http.mts'],
  ],
  [
    'bundler (module esnext)',
    { module: 'esnext', moduleResolution: 'bundler' },
    ['bundler.ts', 'bundler-testing.ts', 'http.ts'],
  ],
  [
    'bundler (module preserve)',
    { module: 'preserve', moduleResolution: 'bundler' },
    ['bundler.ts', 'bundler-testing.ts', 'http.ts'],
  ],
  // node10 ignores `exports`: the subpaths resolve through package.json `typesVersions`.
  [
    'node10 (module commonjs), via typesVersions',
    { module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true },
    ['bundler.ts', 'bundler-testing.ts', 'http.ts'],
  ],
];

describe('package: types in a consumer project (packed tarball, skipLibCheck off, no msw)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pos-consumer-'));
    const { stdout } = await exec('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: root });
    const tarball = join(dir, stdout.trim().split('\n').at(-1)!);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    await exec(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--no-package-lock',
        tarball,
        ...consumerDependencies,
      ],
      { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
    );
    for (const [file, text] of Object.entries(sources)) writeFileSync(join(dir, file), text);
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('installs without msw or vitest (optional peers stay out)', () => {
    expect(existsSync(join(dir, 'node_modules', pkg.name, 'package.json'))).toBe(true);
    expect(existsSync(join(dir, 'node_modules/msw'))).toBe(false);
    expect(existsSync(join(dir, 'node_modules/vitest'))).toBe(false);
  });

  // One after another: on a 2-core machine concurrent tsc runs only slow each other down.
  it.each(settings)(
    'every subpath type-checks under %s',
    async (name, options, files) => {
      const tsconfig = `tsconfig.${name.split(' ')[0]}-${String(options.module)}.json`;
      const compilerOptions = {
        ...options,
        target: 'ES2022',
        lib: ['ES2022'],
        types: ['node'],
        strict: true,
        noEmit: true,
        skipLibCheck: false, // our .d.ts files and everything they import are checked
        skipDefaultLibCheck: true, // TypeScript's own lib.*.d.ts: not ours, and slow
      };
      writeFileSync(join(dir, tsconfig), JSON.stringify({ compilerOptions, files }));
      const tsc = join(dir, 'node_modules/typescript/bin/tsc');
      const result = await exec(process.execPath, [tsc, '-p', tsconfig, '--pretty', 'false'], {
        cwd: dir,
      }).catch((error: { stdout?: string; stderr?: string }) => ({
        stdout: error.stdout ?? '',
        stderr: error.stderr ?? '',
      }));
      expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    },
    300_000, // minutes, not seconds, on a loaded 2-core machine (node16 took 103 s at load 19)
  );
});
