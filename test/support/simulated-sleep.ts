import type { Sleep } from '../../src/index';

/**
 * A `Sleep` that never waits: sleepers wake one at a time in order of their wake-up time, each moving
 * the manual clock to that time, with a macrotask between wake-ups so the woken work (all microtasks
 * against memory fakes) finishes at that simulated instant.
 */
export function createSimulatedSleep(clock: { now(): Date; advance(ms: number): void }): {
  sleep: Sleep;
  /** Every wait asked for, in ms. */
  waits: number[];
} {
  const sleepers: Array<{ at: number; seq: number; resolve(): void }> = [];
  const waits: number[] = [];
  let seq = 0;
  let scheduled = false;
  const drive = () => {
    scheduled = false;
    sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = sleepers.shift();
    if (!next) return;
    const lag = next.at - clock.now().getTime();
    if (lag > 0) clock.advance(lag);
    next.resolve();
    if (sleepers.length) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(drive);
  };
  const sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      waits.push(ms);
      const entry = { at: clock.now().getTime() + ms, seq: seq++, resolve };
      sleepers.push(entry);
      signal?.addEventListener(
        'abort',
        () => {
          const i = sleepers.indexOf(entry);
          if (i >= 0) sleepers.splice(i, 1);
          reject(signal.reason);
        },
        { once: true },
      );
      schedule();
    });
  return { sleep, waits };
}
