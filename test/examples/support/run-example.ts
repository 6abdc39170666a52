// Starts an example as a real process (node + tsx, as a user runs it), collects its JSON log lines, and
// stops it with a real signal.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../../..');

export interface RunningExample {
  child: ChildProcess;
  /** Parsed JSON lines printed on stdout so far. */
  lines(): Array<Record<string, unknown>>;
  /** Everything printed on stderr so far. */
  stderr(): string;
  /** Resolves with the first line whose `event` is `event` (rejects if the process exits first). */
  waitFor(event: string): Promise<Record<string, unknown>>;
  /** The exit code (`null` when killed by a signal). */
  exit: Promise<number | null>;
  /** Sends `signal` and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The environment without anything that would point an example at real PhonePe or another database. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(PHONEPE_|DATABASE_URL$|API_TOKEN$|PORT$|HOST$|LOG_LEVEL$)/.test(name)) delete env[name];
  }
  return { ...env, ...extra };
}

export function runExample(file: string, env: NodeJS.ProcessEnv, args: string[] = []): RunningExample {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, file), ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  child.stdout!.on('data', (d) => {
    out += d;
    for (const w of waiters.splice(0)) w();
  });
  child.stderr!.on('data', (d) => {
    err += d;
  });
  let exited = false;
  const exit = new Promise<number | null>((r) =>
    child.on('exit', (code) => {
      exited = true;
      for (const w of waiters.splice(0)) w();
      r(code);
    }),
  );
  const lines = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const waitFor = (event: string) =>
    new Promise<Record<string, unknown>>((resolveLine, reject) => {
      const check = () => {
        const line = lines().find((l) => l.event === event);
        if (line) return resolveLine(line);
        if (exited) return reject(new Error(`${file} exited before "${event}":\n${out}\n${err}`));
        waiters.push(check);
      };
      check();
    });
  return {
    child,
    lines,
    stderr: () => err,
    waitFor,
    exit,
    stop: (signal = 'SIGTERM') => {
      if (!exited) child.kill(signal);
      return exit;
    },
  };
}
