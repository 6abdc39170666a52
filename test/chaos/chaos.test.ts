// Chaos test of the whole library (issue 11): on PostgreSQL, MariaDB and SQLite, three "processes"
// (each its own DB pool and Kysely instance, PhonePe gateway, createPaymentSync, Express server on a
// real port and reconcile loop) share one database, while the real PhonePe gateway talks to the
// simulator on a real port with random faults (5xx, 429, resets, hangs past the timeout, HTML,
// truncated and malformed JSON, unknown states, 401s and token revocation), orders complete, fail or
// stay pending at PhonePe over time, and bounded loops send concurrent reads, genuine webhooks (with
// duplicates and replays), forged webhooks (wrong header; correctly signed but claiming a state PhonePe
// does not report) and malformed ones. Then the faults stop, a final reconcile settles what is left,
// and test/chaos/invariants.ts judges the run. A control run with the compare-and-set removed proves
// that the checker fails when it should.
//
// Size (bounded by default, about 20-40 s per database on a 2-core machine):
//   CHAOS_SECONDS  how long the chaos lasts per database      (default 12)
//   CHAOS_ORDERS   orders going through it per database        (default 60; plus 8 fixed ones)
//   CHAOS_SEED     seed of the run's random choices            (default: random, printed)
//   CHAOS_FAULT_RATE  probability a PhonePe request is faulted (default 0.25)
// e.g. `CHAOS_SECONDS=120 CHAOS_ORDERS=400 npx vitest run test/chaos`. See test/chaos/README.md.
import { describe, expect, it } from 'vitest';
import {
  createMariaDatabase,
  createPostgresDatabase,
  createSqliteDatabase,
  type TestDatabase,
} from '../integration/kysely/support/test-databases';
import { type ChaosRunOptions, runChaos } from './chaos-run';
import { checkInvariants, summarizeViolations, type Violation } from './invariants';

const envNumber = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`${name} must be a positive number, got ${raw}`);
  return value;
};

const SECONDS = envNumber('CHAOS_SECONDS', 12);
const ORDERS = Math.round(envNumber('CHAOS_ORDERS', 60));
const FAULT_RATE = envNumber('CHAOS_FAULT_RATE', 0.25);
const SEED = Math.round(envNumber('CHAOS_SEED', 1 + Math.floor(Math.random() * 2 ** 31)));
const INSTANCES = 3;
/** The chaos, then the drain (requests in flight end within the gateway and client timeouts) and checks. */
const TEST_TIMEOUT_MS = (SECONDS + 90) * 1000;

async function run(label: string, database: TestDatabase, options: Partial<ChaosRunOptions> = {}) {
  const started = performance.now();
  const { record, stats } = await runChaos({
    database,
    orders: ORDERS,
    seconds: SECONDS,
    instances: INSTANCES,
    seed: SEED,
    faultRate: FAULT_RATE,
    ...options,
  });
  const { violations, counts } = checkInvariants(record);
  const faults = Object.values(stats.faults).reduce((a, b) => a + b, 0);
  const latencies = record.reads.map((r) => r.doneAt - r.sentAt).sort((a, b) => a - b);
  const percentile = (p: number) => (latencies[Math.floor((latencies.length - 1) * p)] ?? 0).toFixed(0);
  console.log(
    `chaos[${label}] seed ${SEED}: ${counts.orders} orders, ${(stats.chaosMs / 1000).toFixed(0)} s chaos + ${(stats.settleMs / 1000).toFixed(1)} s settle (${stats.finalSweeps} final sweeps), ${((performance.now() - started) / 1000).toFixed(1)} s in all | ` +
      `reads ${counts.reads} (${stats.postSettleReads} of them after the settle; ${counts.reads - violations.filter((v) => v.invariant === 'read-not-200').length} answered 200, ${counts.readsAfterCommit} sent after a commit, ${counts.statusUpdatedTrue} status_updated, p50 ${percentile(0.5)} ms, p99 ${percentile(0.99)} ms) | ` +
      `webhooks ${JSON.stringify(counts.webhooks)} statuses ${JSON.stringify(counts.webhookStatuses)} reasons ${JSON.stringify(counts.webhookReasons)} | ` +
      `transitions ${counts.transitions}, statusChange ${counts.statusChanges}, reconcile updated ${counts.reconcileUpdated} in ${stats.sweeps} sweeps ${JSON.stringify(stats.sweepTotals)} | ` +
      `final ${JSON.stringify(counts.finalByState)} | PhonePe status ${stats.phonePe.status}, token ${stats.phonePe.token}, faults ${faults} ${JSON.stringify(stats.faults)}, token revocations ${stats.tokenRevocations}, 503 storms ${stats.storms}, gateway timeouts ${stats.gatewayTimeouts} | event-loop delay p50/p99/max ${stats.loopDelay.p50}/${stats.loopDelay.p99}/${stats.loopDelay.max} ms | ` +
      `secrets searched ${counts.secretsSearched} in rows, answers and ${counts.logLines} log lines${stats.sqlitePools ? ` | SQLite: ${stats.sqlitePools}` : ''} | violations ${violations.length}`,
  );
  return { violations, counts, record };
}

describe.each([
  ['PostgreSQL', createPostgresDatabase],
  ['MariaDB', createMariaDatabase],
  ['SQLite', createSqliteDatabase],
] as const)('chaos on %s', (label, create) => {
  it(
    'every read 200, forged and malformed webhooks refused, every order at its truth, one statusChange and one "updated" per transition, no regression, no secret anywhere',
    async () => {
      const database = await create();
      try {
        const { violations, counts } = await run(label, database);
        expect(violations, summarizeViolations(violations)).toEqual([]);
        // The run really exercised what it claims to (a quiet run proves nothing).
        expect(counts.transitions).toBeGreaterThan(0);
        expect(counts.statusChanges).toBe(counts.transitions);
        expect(counts.readsAfterCommit).toBeGreaterThan(0);
        for (const kind of ['genuine', 'forged-auth', 'forged-claim', 'malformed'] as const)
          expect(counts.webhooks[kind], kind).toBeGreaterThan(0);
      } finally {
        await database.drop();
      }
    },
    TEST_TIMEOUT_MS,
  );
});

// CONTROL RUN, not a test of the library: the same chaos on PostgreSQL with every process's
// repository writing even when the payment is no longer PENDING (see withoutCompareAndSet in
// chaos-run.ts). The checker must report it: a transition announced more than once, or a read sent
// after a commit answering an older state. Shorter, since the violations show within seconds.
describe('control: compare-and-set removed (the checker must fail)', () => {
  it(
    'the invariant checker detects duplicate transitions or regressions',
    async () => {
      const database = await createPostgresDatabase();
      try {
        const { violations } = await run('control: PostgreSQL, no compare-and-set', database, {
          seconds: Math.min(SECONDS, 6),
          orders: Math.min(ORDERS, 30),
          breakCompareAndSet: true,
        });
        const caught = violations.filter((v: Violation) =>
          ['status-change-count', 'regression', 'updated-answers'].includes(v.invariant),
        );
        console.log(`chaos[control] violations detected:\n${summarizeViolations(violations)}`);
        expect(caught.length).toBeGreaterThan(0);
      } finally {
        await database.drop();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
