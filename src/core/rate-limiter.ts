import { type Clock, systemClock } from '../ports/clock';
import { abortableSleep } from './abortable-sleep';
import { assertKnownKeys } from './options-error';
import type { AssertNoDrift, OptionsSchemaDrift } from './options-schema-drift';

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Sustained rate, in calls per second. `Infinity` turns the limiter off. */
  ratePerSecond: number;
  /** Calls allowed back to back after an idle spell. @default 1 (calls evenly spaced) */
  burst?: number;
  /** Time source. @default the system clock */
  clock?: Clock;
  /** How to wait. Tests pass one that moves a manual clock. @default a timer, cleared on abort */
  sleep?: Sleep;
}

const OPTION_KEYS = ['ratePerSecond', 'burst', 'clock', 'sleep'] as const;
// Compile-time: the list and RateLimiterOptions name the same options (a new option goes in both).
type _KeysMatchOptions = AssertNoDrift<
  OptionsSchemaDrift<RateLimiterOptions, Partial<Record<(typeof OPTION_KEYS)[number], unknown>>>
>;

/** A token bucket shared by everything that calls `acquire` on it. Holds no timer while idle. */
export interface RateLimiter {
  /** Resolves when a call may go out; rejects with the signal's reason when it aborts while waiting. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** No call goes out for `ms` from now (the gateway answered 429, possibly with `Retry-After`). */
  pause(ms: number): void;
  readonly ratePerSecond: number;
}

/**
 * The default wait: a timer that lives only while someone is waiting on it (active work, like a
 * pending gateway call) and is cleared the moment the signal aborts, so nothing outlives the sweep.
 */
export const defaultSleep: Sleep = (ms, signal) => abortableSleep(ms, signal);

/**
 * A token bucket (as GCRA: one "theoretical arrival time", no refill timer) limiting gateway calls to
 * `ratePerSecond`, with `burst` calls allowed back to back. Pass one to several `reconcile` calls to
 * share one budget between them.
 * @example
 * ```ts
 * const rateLimit = createRateLimiter({ ratePerSecond: 20 });
 * declare const otherPaymentSync: PaymentSync; // say, a second merchant's
 * // two sweeps, one budget of 20 calls/s between them
 * await Promise.all([paymentSync.reconcile({ rateLimit }), otherPaymentSync.reconcile({ rateLimit })]);
 * ```
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createRateLimiter: options must be an object');
  }
  assertKnownKeys('createRateLimiter', options, OPTION_KEYS);
  const { ratePerSecond, burst = 1, clock = systemClock, sleep = defaultSleep } = options;
  if (typeof ratePerSecond !== 'number' || Number.isNaN(ratePerSecond)) {
    throw new TypeError('createRateLimiter: `ratePerSecond` must be a number');
  }
  if (!(ratePerSecond > 0)) {
    throw new RangeError(`createRateLimiter: \`ratePerSecond\` must be > 0, got ${ratePerSecond}`);
  }
  if (!(Number.isInteger(burst) && burst >= 1)) {
    throw new RangeError(`createRateLimiter: \`burst\` must be an integer >= 1, got ${burst}`);
  }
  if (typeof clock?.now !== 'function') throw new TypeError('createRateLimiter: `clock` must have now()');
  if (typeof sleep !== 'function') throw new TypeError('createRateLimiter: `sleep` must be a function');

  const intervalMs = 1000 / ratePerSecond;
  const toleranceMs = (burst - 1) * intervalMs;
  let tat = Number.NEGATIVE_INFINITY; // when the bucket is next empty-and-refilled, in epoch ms

  return {
    ratePerSecond,
    async acquire(signal) {
      if (signal?.aborted) throw signal.reason;
      if (ratePerSecond === Number.POSITIVE_INFINITY) return;
      // Reserve a slot synchronously, then wait for it: concurrent callers queue up without a lock.
      const nowMs = clock.now().getTime();
      const start = Math.max(tat, nowMs);
      tat = start + intervalMs;
      const waitMs = start - toleranceMs - nowMs;
      if (waitMs > 0) await sleep(waitMs, signal);
    },
    pause(ms) {
      if (!(ms > 0)) return;
      tat = Math.max(tat, clock.now().getTime() + ms + toleranceMs);
    },
  };
}
