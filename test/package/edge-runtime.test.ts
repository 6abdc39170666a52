// The built package on edge runtimes (Cloudflare Workers, Deno, Bun): worker-style modules bundled
// as a Workers build would (esbuild, platform `neutral`, the workers conditions), checked for Node-only
// imports and globals, run in a node:vm context holding only Web-standard globals, and, when one is
// installed, run on real workerd, Deno and Bun. Reads dist/: `npm test` builds first.
//
// What it pins (today's behaviour, found by this file):
// - `/http` + the root entry need nothing from Node: with a Web-only verifier (SHA-256 of the
//   credentials taken once with crypto.subtle, then a synchronous comparison), both routes run anywhere.
// - `/fetch` imports PhonePe's verifier statically (its webhook default), and the verifier imports
//   `node:crypto` and `node:buffer` (kept with their prefix in dist; no Node global). So a bundler must
//   leave them to the runtime even for the read route (esbuild resolves before it tree-shakes); the read
//   route then sheds them, the webhook handler keeps them, even with a `verify` of its own. On Workers
//   that means `nodejs_compat` (any compatibility date); Deno and Bun run it as is.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPhonePeWebhook } from '../../src/testing/index';

const root = resolve(import.meta.dirname, '../..');
const exec = promisify(execFile);
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const credentials = { username: 'edge-hook', password: 'edge-hook-password' };
/** What a Workers build leaves to the runtime under nodejs_compat. */
const NODE_EXTERNALS = ['node:crypto', 'node:buffer'];

/** The worker's own store and a PhonePe stand-in that reports every order paid (what D1/KV would hold). */
const STORE = `
const rows = new Map([7, 8].map((id) => [String(id), {
  order: { id, paymentStatus: 'PENDING', orderStatus: 'PLACED', amount: 100 },
  payment: { orderId: id, paymentStatus: 'PENDING', transactionId: null, additionalInfo: {} },
}]));
const copy = (row) => JSON.parse(JSON.stringify(row));
const repository = {
  async findOrderPayment(id) { const row = rows.get(String(id)); return row ? copy(row) : null; },
  async updatePendingPayment(id, change) {
    const row = rows.get(String(id));
    if (!row || row.payment.paymentStatus !== 'PENDING') return null;
    row.order.paymentStatus = row.payment.paymentStatus = change.paymentStatus;
    if (change.orderStatus !== undefined) row.order.orderStatus = change.orderStatus;
    if (change.transactionId !== undefined) row.payment.transactionId = change.transactionId;
    row.payment.additionalInfo = { ...row.payment.additionalInfo, ...change.additionalInfo };
    return copy(row);
  },
  async listPendingOrders() { return [...rows.values()].filter((r) => r.payment.paymentStatus === 'PENDING').map(copy); },
};
const gateway = {
  async getPaymentStatus(merchantOrderId) { return { state: 'COMPLETED', transactionId: 'TXN' + merchantOrderId, amount: 100 }; },
};
const paymentSync = createPaymentSync({ repository, gateway });
const credentials = ${JSON.stringify(credentials)};
const isWebhook = (request) => new URL(request.url).pathname === '/webhooks/phonepe';
`;

/** Both routes over `/http`, with a verifier made of Web APIs only. */
const HTTP_WORKER = `
import { createPaymentSync, WebhookAuthError, WebhookPayloadError } from 'phonepe-order-sync';
import { createOrderDetailsHttpHandler, createPhonePeWebhookHttpHandler, orderRoutePattern } from 'phonepe-order-sync/http';
${STORE}
// PhonePe's header is the hex SHA-256 of "username:password": taken once, compared in constant time.
async function webVerifier({ username, password }) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(username + ':' + password));
  const expected = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return (_credentials, authorization, body) => {
    const given = String(authorization ?? '').replace(/^sha256\\s+/i, '').toLowerCase();
    let diff = given.length ^ expected.length;
    for (let i = 0; i < expected.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
    if (diff !== 0) throw new WebhookAuthError('The webhook Authorization header does not match');
    let json;
    try {
      json = typeof body === 'string' ? JSON.parse(body) : body instanceof Uint8Array ? JSON.parse(new TextDecoder().decode(body)) : body;
    } catch { throw new WebhookPayloadError('The webhook body is not JSON'); }
    const p = json?.payload ?? {};
    const state = ['COMPLETED', 'FAILED', 'PENDING'].includes(p.state) ? p.state : null;
    return { event: String(json?.event), kind: 'order', merchantOrderId: p.merchantOrderId ?? null, state: p.state ?? null,
      status: state && { state, amount: p.amount, transactionId: p.paymentDetails?.[0]?.transactionId ?? null } };
  };
}
const orderDetails = createOrderDetailsHttpHandler({ paymentSync, authorize: () => true });
const pattern = orderRoutePattern();
let webhook;
const toResponse = (answer) => new Response(JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
export default {
  async fetch(request) {
    const headers = Object.fromEntries(request.headers);
    if (isWebhook(request)) {
      webhook ??= createPhonePeWebhookHttpHandler({ paymentSync, credentials, verify: await webVerifier(credentials) });
      const rawBody = new Uint8Array(await request.arrayBuffer());
      return toResponse(await webhook({ method: request.method, headers, rawBody, original: request }));
    }
    const id = pattern.exec(new URL(request.url).pathname)?.groups?.id;
    return toResponse(await orderDetails({ method: request.method, params: { id }, headers, original: request }));
  },
};
`;

/** The read route from `/fetch`, nothing else. */
const FETCH_READ_WORKER = `
import { createPaymentSync } from 'phonepe-order-sync';
import { createOrderDetailsHandler } from 'phonepe-order-sync/fetch';
${STORE}
const orderDetails = createOrderDetailsHandler({ paymentSync, authorize: () => true });
export default { fetch: (request) => orderDetails(request) };
`;

/** Both `/fetch` handlers, the webhook with PhonePe's verifier (the default). */
const FETCH_WORKER = `
import { createPaymentSync } from 'phonepe-order-sync';
import { createOrderDetailsHandler, createPhonePeWebhookHandler } from 'phonepe-order-sync/fetch';
${STORE}
const orderDetails = createOrderDetailsHandler({ paymentSync, authorize: () => true });
const webhook = createPhonePeWebhookHandler({ paymentSync, credentials });
export default { fetch: (request) => (isWebhook(request) ? webhook(request) : orderDetails(request)) };
`;

/** Bundles a worker module as a Workers build does; `external` is what is left to the runtime. */
async function bundle(source: string, options: { format?: 'esm' | 'iife'; external?: string[] } = {}) {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'js', sourcefile: 'worker.js' },
    bundle: true,
    write: false,
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    format: options.format ?? 'esm',
    ...(options.format === 'iife' && { globalName: 'worker' }),
    external: options.external ?? [],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** What in a bundle needs Node: built-in imports, and Node-only globals. */
function nodeOnly(code: string) {
  const imports = [...code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);
  // Import statements name modules and bindings, not globals: leave them out of the global scan.
  const body = code.replace(/\bimport\s*(?:[\w$*\s{},]+\s*from\s*)?["'][^"']+["'];?/g, '');
  return {
    imports: imports.filter((s) => builtins.has(s)).sort(),
    globals: (['process', 'Buffer', 'require', 'setImmediate', '__dirname', '__filename'] as const).filter(
      (name) => new RegExp(`(?<![.\\w$])${name}\\b(?!\\s*:)`).test(body),
    ),
  };
}

/** A context whose globals are Web-standard ones only (no process, Buffer, require, setImmediate). */
function webOnlyContext() {
  const web = {
    Request,
    Response,
    Headers,
    URL,
    URLSearchParams,
    TextEncoder,
    TextDecoder,
    crypto: globalThis.crypto,
    AbortController,
    AbortSignal,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    structuredClone,
    performance,
    console,
    ReadableStream,
    WritableStream,
    TransformStream,
    Blob,
    DOMException,
    Event,
    EventTarget,
    atob,
    btoa,
    // One realm, as in a real runtime: the bodies the Web classes make pass the bundle's instanceof checks.
    Uint8Array,
    ArrayBuffer,
  };
  return vm.createContext(web);
}

type Worker = { fetch(request: Request): Promise<Response> };

/** Runs an IIFE bundle in the Web-only context and returns its default export. */
function loadInVm(code: string): Worker {
  const context = webOnlyContext();
  vm.runInContext(code, context, { filename: 'worker.js' });
  for (const name of ['process', 'Buffer', 'require', 'setImmediate', 'global']) {
    expect(vm.runInContext(`typeof ${name}`, context), name).toBe('undefined');
  }
  return (context.worker as { default: Worker }).default;
}

const signed = (merchantOrderId: string, authorization?: 'wrong') =>
  buildPhonePeWebhook({
    credentials,
    merchantOrderId,
    state: 'COMPLETED',
    amount: 100,
    transactionId: `TXN${merchantOrderId}`,
    ...(authorization && { authorization }),
  });

/**
 * The requests every run sends, as code (it also runs inside workerd, Deno and Bun): a read that
 * confirms order 7, an unknown order, an empty id, a webhook settling order 8, a forged one.
 */
const SCENARIO = `
async function scenario(app) {
  const hook = ${JSON.stringify(signed('8'))};
  const forged = ${JSON.stringify(signed('8', 'wrong'))};
  const answer = async (response) => ({ status: response.status, cache: response.headers.get('cache-control'), body: await response.json() });
  const post = (h) => new Request('http://edge.test/webhooks/phonepe', { method: 'POST', headers: h.headers, body: h.body });
  return {
    read: await answer(await app.fetch(new Request('http://edge.test/api/common/orders/7/'))),
    unknown: await answer(await app.fetch(new Request('http://edge.test/api/common/orders/99/'))),
    forged: await answer(await app.fetch(post(forged))),
    webhook: await answer(await app.fetch(post(hook))),
    after: await answer(await app.fetch(new Request('http://edge.test/api/common/orders/8/'))),
  };
}
`;

/** What the scenario answers when both routes work. */
const SETTLED = {
  read: {
    status: 200,
    cache: 'no-store',
    body: {
      order: { id: 7, payment_status: 'COMPLETED', order_status: 'CONFIRMED', amount: 100 },
      payment: {
        payment_status: 'COMPLETED',
        transaction_id: 'TXN7',
        additional_info: {
          last_checked: expect.stringMatching(/Z$/),
          gateway_response: expect.objectContaining({ state: 'COMPLETED' }),
        },
      },
      status_updated: true,
    },
  },
  unknown: {
    status: 404,
    cache: 'no-store',
    body: { error: { code: 'ORDER_NOT_FOUND', message: 'Order not found' } },
  },
  forged: {
    status: 401,
    cache: 'no-store',
    body: { error: expect.objectContaining({ code: 'WEBHOOK_UNAUTHORIZED' }) },
  },
  webhook: { status: 200, cache: 'no-store', body: { acknowledged: true, reason: 'updated' } },
  after: {
    status: 200,
    cache: 'no-store',
    body: expect.objectContaining({
      order: expect.objectContaining({ id: 8, order_status: 'CONFIRMED' }),
      status_updated: false,
    }),
  },
};

const runScenario = new Function(`${SCENARIO}; return scenario;`)() as (
  app: Worker,
) => Promise<Record<string, unknown>>;

describe('package: the HTTP entries on an edge-like runtime (bundled, Web-standard globals only)', () => {
  it('/http + the root entry bundle with nothing left to the runtime: no Node import, no Node global', async () => {
    const code = await bundle(HTTP_WORKER);
    expect(nodeOnly(code)).toEqual({ imports: [], globals: [] });
    expect(code).not.toMatch(/\bky\b|kyInput/); // no HTTP client either
  });

  it('/http serves both routes in a node:vm context with Web globals only (verifier on crypto.subtle)', async () => {
    const worker = loadInVm(await bundle(HTTP_WORKER, { format: 'iife' }));
    expect(await runScenario(worker)).toEqual(SETTLED);
  });

  it('/fetch does not bundle for a runtime without Node built-ins: its webhook default imports node:crypto', async () => {
    await expect(bundle(FETCH_READ_WORKER)).rejects.toThrow(/Could not resolve "node:(crypto|buffer)"/);
  });

  it('/fetch with crypto left to the runtime: the read route sheds it and runs on Web globals only', async () => {
    const code = await bundle(FETCH_READ_WORKER, { external: NODE_EXTERNALS });
    expect(nodeOnly(code)).toEqual({ imports: [], globals: [] });
    const worker = loadInVm(await bundle(FETCH_READ_WORKER, { format: 'iife', external: NODE_EXTERNALS }));
    const read = await worker.fetch(new Request('http://edge.test/api/common/orders/7/'));
    expect([read.status, (await read.json()).order]).toEqual([
      200,
      { id: 7, payment_status: 'COMPLETED', order_status: 'CONFIRMED', amount: 100 },
    ]);
  });

  it("/fetch's webhook handler keeps PhonePe's verifier: node:crypto and node:buffer imports, no Node global", async () => {
    const code = await bundle(FETCH_WORKER, { external: NODE_EXTERNALS });
    // Kept with the `node:` prefix (tsup's removeNodeProtocol is off): Workers' nodejs_compat at any date needs it.
    expect(nodeOnly(code)).toEqual({ imports: ['node:buffer', 'node:crypto'], globals: [] });
  });
});

/** A runtime binary: $<NAME>_BIN, else on PATH, else from its npm package in node_modules or .tmp/edge. */
function findRuntime(name: string, packaged: string): string | undefined {
  const fromEnv = process.env[`${name.toUpperCase()}_BIN`];
  if (fromEnv) return fromEnv;
  const onPath = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, name));
  const inPackages = [root, join(root, '.tmp/edge')].map((dir) => join(dir, 'node_modules', packaged));
  return [...onPath, ...inPackages].find((file) => existsSync(file));
}

const runtimes = {
  workerd: findRuntime('workerd', '@cloudflare/workerd-linux-64/bin/workerd'),
  deno: findRuntime('deno', '@deno/linux-x64-glibc/deno'),
  bun: findRuntime('bun', '@oven/bun-linux-x64/bin/bun'),
};
const dir = mkdtempSync(join(tmpdir(), 'pos-edge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the scenario on workerd (`workerd test`) with the bundle as module `app`. */
async function onWorkerd(code: string, compat: { date: string; flags: string[] }) {
  const name = `workerd-${Math.random().toString(36).slice(2)}`;
  writeFileSync(join(dir, `${name}-app.js`), code);
  writeFileSync(
    join(dir, `${name}-harness.js`),
    `import app from 'app';\n${SCENARIO}\nexport default { async test() { console.log('RESULT ' + JSON.stringify(await scenario(app))); } };\n`,
  );
  writeFileSync(
    join(dir, `${name}.capnp`),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = ( services = [ (name = "main", worker = .w) ] );
const w :Workerd.Worker = (
  modules = [ (name = "harness", esModule = embed "${name}-harness.js"), (name = "app", esModule = embed "${name}-app.js") ],
  compatibilityDate = "${compat.date}",
  compatibilityFlags = [${compat.flags.map((f) => `"${f}"`).join(', ')}],
);
`,
  );
  return resultOf(() => exec(runtimes.workerd!, ['test', `${name}.capnp`], { cwd: dir }));
}

/** Runs the scenario as an ES module on Deno (no permissions granted) or Bun. */
async function onCli(runtime: 'deno' | 'bun', code: string) {
  const name = `${runtime}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(join(dir, `${name}-app.mjs`), code);
  writeFileSync(
    join(dir, `${name}.mjs`),
    `import app from './${name}-app.mjs';\n${SCENARIO}\nconsole.log('RESULT ' + JSON.stringify(await scenario(app)));\n`,
  );
  const args =
    runtime === 'deno' ? ['run', '--no-prompt', '--no-config', '--quiet', `${name}.mjs`] : [`${name}.mjs`];
  const env = { ...process.env, DENO_DIR: join(dir, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
  return resultOf(() => exec(runtimes[runtime]!, args, { cwd: dir, env }));
}

/** The scenario's result line, or the runtime's error output when it failed to load the module. */
async function resultOf(run: () => Promise<{ stdout: string; stderr: string }>) {
  const { stdout, stderr } = await run().catch((e: { stdout?: string; stderr?: string }) => ({
    stdout: e.stdout ?? '',
    stderr: e.stderr ?? String(e),
  }));
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  return line ? { result: JSON.parse(line.slice(7)) } : { error: `${stdout}\n${stderr}` };
}

/** The test's title, saying why it is skipped when the runtime is not installed. */
const titled = (title: string, name: keyof typeof runtimes) =>
  runtimes[name]
    ? title
    : `${title} (skipped: no ${name} here; set ${name.toUpperCase()}_BIN, or npm i its package into .tmp/edge)`;

describe('package: /http and /fetch on real edge runtimes, when installed', { timeout: 60_000 }, () => {
  it.skipIf(!runtimes.workerd)(
    titled("workerd without nodejs_compat: /http runs; /fetch's webhook cannot load", 'workerd'),
    async () => {
      const none = { date: '2025-01-01', flags: [] };
      expect(await onWorkerd(await bundle(HTTP_WORKER), none)).toEqual({ result: SETTLED });
      const fetchWorker = await bundle(FETCH_WORKER, { external: NODE_EXTERNALS });
      expect(await onWorkerd(fetchWorker, none)).toEqual({
        error: expect.stringMatching(/No such module "node:(crypto|buffer)"/),
      });
    },
  );

  it.skipIf(!runtimes.workerd)(
    titled("workerd with nodejs_compat (any date): /fetch with PhonePe's verifier runs", 'workerd'),
    async () => {
      const fetchWorker = await bundle(FETCH_WORKER, { external: NODE_EXTERNALS });
      // Before 2024-09-23 nodejs_compat knows only the `node:` names and has no global Buffer: the
      // verifier imports both with the prefix, so an old date works too.
      for (const date of ['2024-01-01', '2024-09-23']) {
        expect(await onWorkerd(fetchWorker, { date, flags: ['nodejs_compat'] })).toEqual({ result: SETTLED });
      }
    },
  );

  for (const runtime of ['deno', 'bun'] as const) {
    it.skipIf(!runtimes[runtime])(
      titled(`${runtime} runs /fetch with PhonePe's verifier, and /http, as bundled`, runtime),
      async () => {
        const fetchWorker = await bundle(FETCH_WORKER, { external: NODE_EXTERNALS });
        expect(await onCli(runtime, fetchWorker)).toEqual({ result: SETTLED });
        expect(await onCli(runtime, await bundle(HTTP_WORKER))).toEqual({ result: SETTLED });
      },
    );
  }
});
