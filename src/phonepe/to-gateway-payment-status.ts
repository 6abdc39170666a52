import type { GatewayPaymentStatus } from '../index';
import type { PhonePeOrder, PhonePePaymentDetail } from './phonepe-order-schema';

/**
 * PhonePe's order states and what they mean here. `CREATED` (Custom Checkout: the order exists,
 * nothing was attempted yet) is not final, so it is pending like `PENDING`.
 */
const STATES: Readonly<Record<string, GatewayPaymentStatus['state']>> = Object.freeze({
  PENDING: 'PENDING',
  CREATED: 'PENDING',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
});

/**
 * Maps a PhonePe order (status response or webhook payload) to the core's `GatewayPaymentStatus`:
 * the ORDER-level `state` (never one attempt's), the latest attempt's transaction id, the amount in
 * paise, and a sanitized summary (state, ids, amount, payment mode, error codes; never the rail or
 * instrument objects that carry VPAs, UTRs and account numbers).
 *
 * `CREATED` is pending. Fields other than `state` that PhonePe sent in an unusable form were already
 * dropped by the lenient parse, so they are simply absent here.
 *
 * @returns `null` when `state` is not one PhonePe documents: the caller decides (the gateway throws
 * `GatewayUnknownStateError`, a webhook is acknowledged and ignored). Never a guess.
 */
export function toGatewayPaymentStatus(order: PhonePeOrder): GatewayPaymentStatus | null {
  const state = Object.hasOwn(STATES, order.state) ? STATES[order.state] : undefined;
  if (!state) return null;
  const latest = latestAttempt(order.paymentDetails ?? []);
  const transactionId = latest?.transactionId ?? null;
  const summary: Record<string, unknown> = {
    state,
    ...(order.state === state ? {} : { phonepe_state: order.state }),
    phonepe_order_id: order.orderId ?? null,
    transaction_id: transactionId,
    amount: order.amount ?? null,
    payment_mode: latest?.paymentMode ?? null,
    attempts: order.paymentDetails?.length ?? 0,
  };
  const errorCode = order.errorCode ?? latest?.errorCode;
  const detailedErrorCode = order.detailedErrorCode ?? latest?.detailedErrorCode;
  if (errorCode) summary.error_code = errorCode;
  if (detailedErrorCode) summary.detailed_error_code = detailedErrorCode;
  // An epoch-ms `expireAt` outside what a Date can hold is dropped, not thrown on: it decides nothing.
  const expireAt = order.expireAt === undefined ? Number.NaN : new Date(order.expireAt).getTime();
  if (Number.isFinite(expireAt)) summary.expire_at = new Date(expireAt).toISOString();
  const status: GatewayPaymentStatus = { state, transactionId, summary };
  if (order.amount !== undefined) status.amount = order.amount;
  return status;
}

/** The attempt with the latest timestamp; without timestamps, the last one listed. */
function latestAttempt(attempts: PhonePePaymentDetail[]): PhonePePaymentDetail | undefined {
  let latest: PhonePePaymentDetail | undefined;
  for (const attempt of attempts) {
    if (
      !latest ||
      (attempt.timestamp ?? Number.POSITIVE_INFINITY) >= (latest.timestamp ?? Number.NEGATIVE_INFINITY)
    ) {
      latest = attempt;
    }
  }
  return latest;
}
