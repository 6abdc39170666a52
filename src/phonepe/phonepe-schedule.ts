import { lastCheckedMs } from '../core/last-checked';
import type { ReconcileSchedule, ScheduleDecision } from '../core/reconcile-schedule';

/** One step of the cadence: while the order is younger than `untilAgeMs`, check every `everyMs`. */
export interface CadenceStep {
  untilAgeMs: number;
  everyMs: number;
}

/** Options of {@link createPhonePeSchedule}. All durations in ms. */
export interface PhonePeScheduleOptions {
  /** No check before the order is this old. @default 20000 */
  firstCheckAfterMs?: number;
  /**
   * The cadence by order age, ascending by `untilAgeMs`; past the last step, `thenEveryMs`.
   * @default PhonePe's: every 3 s until 50 s, 6 s until 110 s, 10 s until 170 s, 30 s until 230 s
   */
  cadence?: readonly CadenceStep[];
  /** Interval once the cadence steps are over, until expiry. @default 60000 */
  thenEveryMs?: number;
  /**
   * Order lifetime used for the expiry when neither the gateway's `gateway_response.expire_at` nor
   * your `additional_info.expire_at` gives one: `createdAt + orderLifetimeMs`. @default 1200000 (20 min)
   */
  orderLifetimeMs?: number;
  /** The final check happens this long after expiry (PhonePe fails expired orders shortly after). @default 30000 */
  finalCheckDelayMs?: number;
  /** After the final check, still-pending orders are checked this often until the give-up point. @default 300000 */
  afterExpiryEveryMs?: number;
  /** Give up this long after expiry: the order is reported stuck instead of checked. @default 3600000 */
  stuckAfterMs?: number;
  /** A stuck order is reported again at most this often. @default 3600000 */
  reportStuckEveryMs?: number;
  /** Interval for orders without `createdAt` and with no known expiry (age unknown). @default 60000 */
  unknownAgeEveryMs?: number;
}

/** PhonePe's documented cadence after the first check at 20 s: 3 s for 30 s, 6 s for 60 s, 10 s for 60 s, 30 s for 60 s. */
export const PHONEPE_CADENCE: readonly CadenceStep[] = Object.freeze([
  { untilAgeMs: 50_000, everyMs: 3_000 },
  { untilAgeMs: 110_000, everyMs: 6_000 },
  { untilAgeMs: 170_000, everyMs: 10_000 },
  { untilAgeMs: 230_000, everyMs: 30_000 },
]);

/**
 * PhonePe's reconcile schedule: its documented polling cadence by order age (`order.createdAt`), a final
 * check after the order's expiry, slower checks after it, and a give-up rule (`stuck`). Both PhonePe
 * gateways recommend it with the defaults below (`gateway.recommendedSchedule()`), so a sweep uses it
 * unless it is given another; call this to tune it.
 *
 * Expiry, most authoritative first: the gateway's `additional_info.gateway_response.expire_at`, your
 * `additional_info.expire_at` (ISO string or epoch ms), else `createdAt + orderLifetimeMs`.
 * An order without `createdAt` is checked every `unknownAgeEveryMs` until its expiry (when known).
 *
 * @example
 * ```ts
 * import { createPhonePeSchedule } from 'phonepe-order-sync/phonepe';
 * const schedule = createPhonePeSchedule({ orderLifetimeMs: 15 * 60_000, stuckAfterMs: 24 * 3_600_000 });
 * await paymentSync.reconcile({ schedule });
 * ```
 */
export function createPhonePeSchedule(options: PhonePeScheduleOptions = {}): ReconcileSchedule {
  const o = resolveScheduleOptions(options);
  return (orderPayment, now) => {
    const nowMs = now.getTime();
    const info = orderPayment.payment.additionalInfo;
    const createdMs = toMs(orderPayment.order.createdAt);
    const expireMs = expireAtMs(info, createdMs, o.orderLifetimeMs);
    const expireAt = expireMs === undefined ? null : new Date(expireMs);
    // A last_checked in the future (clock skew between workers) counts as "just now".
    const lastMs = Math.min(lastCheckedMs(orderPayment.payment) ?? Number.NEGATIVE_INFINITY, nowMs);
    const at = (ms: number, reason: string): ScheduleDecision => ({
      due: ms <= nowMs,
      nextCheckAt: new Date(Math.max(ms, nowMs)),
      reason,
      expireAt,
    });

    if (expireMs !== undefined && nowMs >= expireMs) {
      const finalMs = expireMs + o.finalCheckDelayMs;
      if (nowMs < finalMs) return at(finalMs, 'awaiting-final-check');
      if (lastMs < finalMs) return at(finalMs, 'final-check');
      const stuckMs = expireMs + o.stuckAfterMs;
      if (nowMs >= stuckMs) {
        return {
          due: false,
          stuck: true,
          nextCheckAt: new Date(nowMs + o.reportStuckEveryMs),
          reason: 'stuck',
          expireAt,
        };
      }
      return at(Math.min(lastMs + o.afterExpiryEveryMs, stuckMs), 'after-expiry');
    }

    let nextMs: number;
    let reason: string;
    if (createdMs === undefined) {
      nextMs = lastMs + o.unknownAgeEveryMs;
      reason = 'unknown-age';
    } else {
      const firstMs = createdMs + o.firstCheckAfterMs;
      if (nowMs < firstMs) return at(firstMs, 'too-young');
      // The step is chosen by the order's age at its last check: "checked at 49 s, next at 52 s".
      const age = (Number.isFinite(lastMs) ? Math.max(lastMs, firstMs) : nowMs) - createdMs;
      const step = o.cadence.find((s) => age < s.untilAgeMs);
      nextMs = Math.max(lastMs + (step?.everyMs ?? o.thenEveryMs), firstMs);
      reason = 'cadence';
    }
    // Never sleep through the final check.
    if (expireMs !== undefined) nextMs = Math.min(nextMs, expireMs + o.finalCheckDelayMs);
    return at(nextMs, reason);
  };
}

function resolveScheduleOptions(options: PhonePeScheduleOptions): Required<PhonePeScheduleOptions> {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createPhonePeSchedule: options must be an object');
  }
  const resolved = {
    firstCheckAfterMs: 20_000,
    cadence: PHONEPE_CADENCE,
    thenEveryMs: 60_000,
    orderLifetimeMs: 20 * 60_000,
    finalCheckDelayMs: 30_000,
    afterExpiryEveryMs: 5 * 60_000,
    stuckAfterMs: 60 * 60_000,
    reportStuckEveryMs: 60 * 60_000,
    unknownAgeEveryMs: 60_000,
  };
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (key === 'cadence') continue;
    if (!(key in resolved)) throw new TypeError(`createPhonePeSchedule: unknown option \`${key}\``);
    if (typeof value !== 'number') throw new TypeError(`createPhonePeSchedule: \`${key}\` must be a number`);
    const min = key === 'firstCheckAfterMs' || key === 'finalCheckDelayMs' ? 0 : 1;
    if (!(Number.isFinite(value) && value >= min)) {
      throw new RangeError(
        `createPhonePeSchedule: \`${key}\` must be a finite number >= ${min}, got ${value}`,
      );
    }
    (resolved as Record<string, unknown>)[key] = value;
  }
  if (options.cadence !== undefined) {
    const cadence = options.cadence;
    const valid =
      Array.isArray(cadence) &&
      cadence.every(
        (s, i) =>
          Number.isFinite(s?.untilAgeMs) &&
          Number.isFinite(s?.everyMs) &&
          s.everyMs > 0 &&
          (i === 0 || s.untilAgeMs > cadence[i - 1]!.untilAgeMs),
      );
    if (!valid) {
      throw new TypeError(
        'createPhonePeSchedule: `cadence` must be steps { untilAgeMs, everyMs > 0 } ascending by untilAgeMs',
      );
    }
    resolved.cadence = cadence;
  }
  return resolved;
}

function expireAtMs(
  info: Record<string, unknown>,
  createdMs: number | undefined,
  lifetimeMs: number,
): number | undefined {
  const gatewayResponse = info.gateway_response as Record<string, unknown> | undefined;
  const fromGateway =
    typeof gatewayResponse === 'object' && gatewayResponse !== null
      ? toMs(gatewayResponse.expire_at)
      : undefined;
  return (
    fromGateway ?? toMs(info.expire_at) ?? (createdMs === undefined ? undefined : createdMs + lifetimeMs)
  );
}

/** A Date, an ISO string or epoch milliseconds, as epoch ms; `undefined` when absent or unreadable. */
function toMs(value: unknown): number | undefined {
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'string'
        ? Date.parse(value)
        : typeof value === 'number'
          ? value
          : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

let recommended: ReconcileSchedule | undefined;

/**
 * @internal What the PhonePe gateways (and the testing fake that stands in for them) offer as
 * `recommendedSchedule`: {@link createPhonePeSchedule} with its defaults, built once.
 */
export function recommendPhonePeSchedule(): ReconcileSchedule {
  recommended ??= createPhonePeSchedule();
  return recommended;
}
