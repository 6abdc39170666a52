import type { PaymentGateway } from '../ports/payment-gateway';
import { lastCheckedMs } from './last-checked';
import type { OrderPayment } from './order-payment';

/**
 * What a schedule says about one pending order at one moment.
 * - `due: true`: check it with the gateway now.
 * - `stuck: true`: give up; the reconciler does not check it, logs it at warn, counts it in
 *   `summary.stuck` and emits a `stuck` event. It stays `PENDING`: the reconciler never fails an order.
 * - otherwise: not yet; `nextCheckAt` says when (multi-worker repositories keep the order out of
 *   claims until then).
 */
export interface ScheduleDecision {
  due: boolean;
  /** The order passed the give-up point; see above. @default false */
  stuck?: boolean;
  /** When the order is next due (or, when stuck, when to report it again); `null` when never. */
  nextCheckAt?: Date | null;
  /** A short machine-readable why, shown in progress events and logs (e.g. `cadence`, `final-check`). */
  reason?: string;
  /** The order's expiry, when known (shown in `stuck` events). */
  expireAt?: Date | null;
}

/**
 * A reconcile schedule: given a stored pending order and the current time, whether to check it now.
 * Pure and synchronous; called once per scanned order, and again on the result of a check to learn
 * the next due time. A sweep uses, in order: the `schedule` it is given, the gateway's
 * `recommendedSchedule()` (the PhonePe gateways recommend PhonePe's documented cadence,
 * `createPhonePeSchedule()` from `phonepe-order-sync/phonepe`), else the core default: each pending
 * order at most once a minute by its `last_checked`, never reported stuck.
 * @example
 * ```ts
 * // Every 5 minutes, no give-up:
 * const everyFiveMinutes: ReconcileSchedule = (op, now) => {
 *   const last = Date.parse(String(op.payment.additionalInfo.last_checked ?? ''));
 *   const next = Number.isFinite(last) ? last + 300_000 : now.getTime();
 *   return { due: next <= now.getTime(), nextCheckAt: new Date(next) };
 * };
 * await paymentSync.reconcile({ schedule: everyFiveMinutes });
 * ```
 */
export type ReconcileSchedule = (orderPayment: OrderPayment, now: Date) => ScheduleDecision;

const DEFAULT_EVERY_MS = 60_000;

/**
 * @internal The core default, for a gateway that recommends no schedule: each pending order at most once
 * a minute by its `last_checked` (a never-checked one at once), reason `interval`. It knows no gateway's
 * cadence or order expiry, so it neither waits for a first check nor gives up (nothing is reported stuck).
 */
export const defaultReconcileSchedule: ReconcileSchedule = (orderPayment, now) => {
  const nowMs = now.getTime();
  // A last_checked in the future (clock skew between workers) counts as "just now".
  const lastMs = Math.min(lastCheckedMs(orderPayment.payment) ?? Number.NEGATIVE_INFINITY, nowMs);
  const nextMs = lastMs + DEFAULT_EVERY_MS;
  return { due: nextMs <= nowMs, nextCheckAt: new Date(Math.max(nextMs, nowMs)), reason: 'interval' };
};

/**
 * @internal The schedule of one sweep: the one the caller gave, else the gateway's recommendation, else
 * {@link defaultReconcileSchedule}. Programmer misuse (a recommendation that is not a function) throws a
 * `TypeError` naming `gateway.recommendedSchedule`, before the sweep starts.
 */
export function scheduleForSweep(
  given: ReconcileSchedule | undefined,
  gateway: PaymentGateway,
  where: string,
): ReconcileSchedule {
  if (given !== undefined) return given;
  const recommend = gateway.recommendedSchedule;
  if (recommend === undefined) return defaultReconcileSchedule;
  if (typeof recommend !== 'function') {
    throw new TypeError(`${where}: \`gateway.recommendedSchedule\` must be a function`);
  }
  const recommended = recommend.call(gateway);
  if (recommended === undefined) return defaultReconcileSchedule;
  if (typeof recommended !== 'function') {
    throw new TypeError(
      `${where}: \`gateway.recommendedSchedule()\` must return a schedule function or undefined, got ${typeof recommended}`,
    );
  }
  return recommended;
}
