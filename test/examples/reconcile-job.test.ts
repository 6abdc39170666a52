import { describe, expect, it } from 'vitest';
import { cleanEnv, runExample } from './support/run-example';

// The examples import the package by name (self-reference through package.json "exports" into dist/):
// `npm test` builds first. Redis at 127.0.0.1:6379 is needed by the BullMQ variant (CI starts it).
const start = (file: string, args: string[] = []) =>
  runExample(`examples/reconcile-job/${file}`, cleanEnv({}), args);

const expectedSweep = {
  event: 'sweep',
  scanned: 12,
  checked: 12,
  updated: 8,
  stillPending: 4,
  stuck: 0,
  stoppedBy: 'done',
};

describe('examples/reconcile-job', { timeout: 60_000 }, () => {
  it('interval.ts --once: one sweep settles the demo orders and exits 0', async () => {
    const run = start('interval.ts', ['--once']);
    expect(await run.exit).toBe(0);
    expect(run.lines()).toEqual([expect.objectContaining(expectedSweep), { event: 'stopped' }]);
  });

  it('interval.ts: stops gracefully on SIGTERM between sweeps', async () => {
    const run = start('interval.ts');
    while (!run.lines().some((l) => l.event === 'sweep')) await new Promise((r) => setTimeout(r, 50));
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(run.lines().at(-1)).toEqual({ event: 'stopped' });
  });

  it('bullmq.ts --once: one repeatable-job run on Redis, then the throwaway queue is removed', async () => {
    const run = start('bullmq.ts', ['--once']);
    expect(await run.exit).toBe(0);
    expect(run.lines()).toEqual([expect.objectContaining(expectedSweep), { event: 'stopped' }]);
  });
});
