import type { Clock } from '../../src/index';

/** A clock the test moves by hand. */
export function createManualClock(
  start = '2024-01-01T10:05:00.000Z',
): Clock & { advance(ms: number): void; set(iso: string): void } {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
    set: (iso) => {
      now = Date.parse(iso);
    },
  };
}
