// PhonePe status calls: this package's gateway vs PhonePe's official pg-sdk-node 2.0.2, each against its
// own copy of the same simulator served on a real local port (so token counts are per contender).
// Target: ours >= 1.0x the SDK's throughput, and no more token fetches.
//
// How the SDK is pointed at the simulator: its hosts live in a mutable exported object
// (`dist/common/constants/BaseUrl.js`), read by `EnvConfig.getBaseUrls(env)` when a client is built.
// We overwrite `BaseUrl.SANDBOX.PG_HOST_URL` / `OAUTH_HOST_URL` before `StandardCheckoutClient.getInstance`.
// SANDBOX also keeps the SDK's telemetry publisher (a self-rescheduling setTimeout loop, PRODUCTION only)
// off, and we pass `shouldPublishEvents: false`, so nothing of the SDK keeps the process alive.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createPhonePeGateway } from '../../dist/phonepe.js';
import { createPhonePeSimulator, servePhonePeSimulator } from '../../dist/testing.js';
import { opsPerSecond, printRatio } from './measure';

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '..', '..');

interface SdkClient {
  getOrderStatus(merchantOrderId: string, details?: boolean): Promise<{ state: string }>;
}
interface SdkModule {
  StandardCheckoutClient: {
    getInstance(id: string, secret: string, version: number, env: string, publish?: boolean): SdkClient;
  };
  Env: { SANDBOX: string };
}

export default async function phonepeGateway(): Promise<void> {
  const oursSim = createPhonePeSimulator().createOrder('BENCH-1', {
    amount: 49_900,
    state: 'COMPLETED',
    transactionId: 'TXN789456123',
  });
  const sdkSim = createPhonePeSimulator().createOrder('BENCH-1', {
    amount: 49_900,
    state: 'COMPLETED',
    transactionId: 'TXN789456123',
  });
  const oursServer = await servePhonePeSimulator(oursSim);
  const sdkServer = await servePhonePeSimulator(sdkSim);

  const ours = createPhonePeGateway({
    clientId: 'bench',
    clientSecret: 'bench-secret',
    clientVersion: 1,
    environment: 'sandbox',
    baseUrl: oursServer.url,
  });

  const { BaseUrl } = require('pg-sdk-node/dist/common/constants/BaseUrl.js') as {
    BaseUrl: Record<string, Record<string, string>>;
  };
  BaseUrl.SANDBOX!.PG_HOST_URL = sdkServer.url;
  BaseUrl.SANDBOX!.OAUTH_HOST_URL = sdkServer.url;
  const sdk = require('pg-sdk-node') as SdkModule;
  const client = sdk.StandardCheckoutClient.getInstance('bench', 'bench-secret', 1, sdk.Env.SANDBOX, false);

  // Sanity: both read the same answer before anything is timed.
  const [a, b] = [await ours.getPaymentStatus('BENCH-1'), await client.getOrderStatus('BENCH-1')];
  if (a.state !== 'COMPLETED' || b.state !== 'COMPLETED') throw new Error('bench: contenders disagree');

  const sequential = await opsPerSecond(
    [
      {
        name: 'ours',
        run: async (n) => {
          for (let i = 0; i < n; i++) await ours.getPaymentStatus('BENCH-1');
        },
      },
      {
        name: 'sdk',
        run: async (n) => {
          for (let i = 0; i < n; i++) await client.getOrderStatus('BENCH-1');
        },
      },
    ],
    { ops: 1_000, rounds: 5 },
  );
  printRatio('status call, sequential', sequential.get('ours')!, sequential.get('sdk')!, 1.0);

  const CONCURRENCY = 32;
  const concurrent = await opsPerSecond(
    [
      {
        name: 'ours',
        run: (n) => batches(n, CONCURRENCY, () => ours.getPaymentStatus('BENCH-1')),
      },
      {
        name: 'sdk',
        run: (n) => batches(n, CONCURRENCY, () => client.getOrderStatus('BENCH-1')),
      },
    ],
    { ops: 2_000, rounds: 5 },
  );
  printRatio(`status call, ${CONCURRENCY} in flight`, concurrent.get('ours')!, concurrent.get('sdk')!, 1.0);
  console.log(
    `token fetches during the throughput runs (${oursSim.counts.status} vs ${sdkSim.counts.status} status calls): ` +
      `ours ${oursSim.counts.token}, sdk ${sdkSim.counts.token}`,
  );

  // PhonePe revokes the token: 50 concurrent calls each see a 401.
  for (const sim of [oursSim, sdkSim]) {
    sim.expireTokens();
    sim.resetCounts();
  }
  const oursAfter = await Promise.allSettled(
    Array.from({ length: 50 }, () => ours.getPaymentStatus('BENCH-1')),
  );
  const sdkAfter = await Promise.allSettled(
    Array.from({ length: 50 }, () => client.getOrderStatus('BENCH-1')),
  );
  const ok = (results: PromiseSettledResult<unknown>[]) =>
    results.filter((r) => r.status === 'fulfilled').length;
  console.log(
    `50 concurrent calls after a token revocation: ours ${oursSim.counts.token} token fetch(es), ${ok(oursAfter)}/50 answered; ` +
      `sdk ${sdkSim.counts.token} token fetch(es), ${ok(sdkAfter)}/50 answered`,
  );

  await Promise.all([oursServer.close(), sdkServer.close()]);
  printFootprint();
}

async function batches(n: number, width: number, call: () => Promise<unknown>): Promise<void> {
  for (let done = 0; done < n; done += width) {
    await Promise.all(Array.from({ length: Math.min(width, n - done) }, call));
  }
}

/** Disk size of a package set: ky + zod (ours) vs the SDK and its runtime dependency closure. */
function printFootprint(): void {
  const nodeModules = join(ROOT, 'node_modules');
  const closure = (roots: string[]): string[] => {
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      const dir = join(nodeModules, name);
      if (!existsSync(join(dir, 'package.json'))) return;
      seen.add(name);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep);
    };
    for (const root of roots) visit(root);
    return [...seen].sort();
  };
  const sizeKb = (names: string[]) =>
    Number(
      execFileSync('du', ['-sck', ...names.map((n) => join(nodeModules, n))], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .at(-1)!
        .split(/\s+/)[0],
    );
  const ours = closure(['ky', 'zod']);
  const theirs = closure(['pg-sdk-node']);
  const [oursKb, theirsKb] = [sizeKb(ours), sizeKb(theirs)];
  console.log(
    `install footprint: ours ${ours.length} packages (${ours.join(', ')}) ${(oursKb / 1024).toFixed(1)} MB; ` +
      `pg-sdk-node ${theirs.length} packages ${(theirsKb / 1024).toFixed(1)} MB; ratio ${(theirsKb / oursKb).toFixed(1)}x smaller`,
  );
}
