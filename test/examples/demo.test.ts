import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm run demo -- --once` as a real process: the PhonePe simulator, Express and SQLite all start, the
// scenarios run, the table is printed and the process exits by itself. The demo imports the package by
// name (dist/): `npm test` builds first.
const root = resolve(import.meta.dirname, '../..');

function runOnce(...flags: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'examples/demo/main.ts', '--once', ...flags], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise((r) => child.on('exit', (code) => r({ code, stdout, stderr })));
}

type Step = { step: string; order: string; payment: string; txn: string; updated: string; phonepe: string };

/** The table's rows grouped by scenario title (the first column, carried down over blank cells). */
function parseTable(stdout: string): Map<string, Step[]> {
  const scenarios = new Map<string, Step[]>();
  let current = '';
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('| ')) continue;
    const [title = '', step = '', order = '', payment = '', txn = '', updated = '', phonepe = ''] = line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
    if (title === 'scenario') continue;
    if (title) current = title.replace(/ \(#\d+\)$/, '');
    scenarios.set(current, [
      ...(scenarios.get(current) ?? []),
      { step, order, payment, txn, updated, phonepe },
    ]);
  }
  return scenarios;
}

const before = { step: 'before', order: 'PLACED', payment: 'PENDING', txn: '-', updated: '-', phonepe: '' };

describe('examples/demo --once', { timeout: 90_000 }, () => {
  it('prints each scenario before and after, logs the outage and exits 0', async () => {
    const { code, stdout, stderr } = await runOnce();
    if (code !== 0) process.stderr.write(stderr);
    expect(code).toBe(0);
    const table = parseTable(stdout);
    expect([...table.keys()]).toEqual([
      'Payment completes',
      'Payment fails',
      'Payment stays pending',
      'Already completed',
      'PhonePe outage',
    ]);
    expect(table.get('Payment completes')).toEqual([
      before,
      {
        step: 'after read',
        order: 'CONFIRMED',
        payment: 'COMPLETED',
        txn: 'TXN-DEMO-0001',
        updated: 'true',
        phonepe: '200 COMPLETED',
      },
    ]);
    expect(table.get('Payment fails')).toEqual([
      before,
      {
        step: 'after read',
        order: 'CANCELLED',
        payment: 'FAILED',
        txn: 'TXN-DEMO-0002',
        updated: 'true',
        phonepe: '200 FAILED',
      },
    ]);
    expect(table.get('Payment stays pending')).toEqual([
      before,
      {
        step: 'after read',
        order: 'PLACED',
        payment: 'PENDING',
        txn: '-',
        updated: 'false',
        phonepe: '200 PENDING',
      },
    ]);
    expect(table.get('Already completed')).toEqual([
      {
        step: 'before',
        order: 'CONFIRMED',
        payment: 'COMPLETED',
        txn: 'TXN-DEMO-0004',
        updated: '-',
        phonepe: '',
      },
      {
        step: 'after read',
        order: 'CONFIRMED',
        payment: 'COMPLETED',
        txn: 'TXN-DEMO-0004',
        updated: 'false',
        phonepe: 'not asked',
      },
    ]);
    const outage = table.get('PhonePe outage')!;
    expect(outage).toEqual([
      before,
      // Answered from the database: PhonePe's 503s (the gateway's retries included) change nothing.
      {
        step: 'during outage',
        order: 'PLACED',
        payment: 'PENDING',
        txn: '-',
        updated: 'false',
        phonepe: expect.stringMatching(/^503( x\d+)?$/),
      },
      {
        step: 'after recovery',
        order: 'CONFIRMED',
        payment: 'COMPLETED',
        txn: 'TXN-DEMO-0005',
        updated: 'true',
        phonepe: '200 COMPLETED',
      },
    ]);

    // The failed check is logged by the library, with the gateway's error and no secret.
    const warning = stderr.split('\n').find((l) => l.startsWith('[warn] payment gateway check failed'));
    expect(warning).toContain('"status":503');
    expect(stderr).not.toContain('demo-client-secret');
    // Exactly the three transitions, each announced once.
    expect(stderr.split('\n').filter((l) => l.startsWith('[event]'))).toEqual([
      expect.stringMatching(/^\[event\] order \d+ COMPLETED -> CONFIRMED via read$/),
      expect.stringMatching(/^\[event\] order \d+ FAILED -> CANCELLED via read$/),
      expect.stringMatching(/^\[event\] order \d+ COMPLETED -> CONFIRMED via read$/),
    ]);
  });

  it('--verbose prints the SQLite file, which is gone once the demo exits', async () => {
    const { code, stdout, stderr } = await runOnce('--verbose');
    expect(code).toBe(0);
    const file = /SQLite database: +(\S+)/.exec(stdout)?.[1];
    expect(file).toMatch(/shop\.sqlite$/);
    expect(existsSync(file!)).toBe(false);
    // --verbose adds the library's info lines, e.g. each transition.
    expect(stderr).toContain('[info] payment status updated');
  });
});
