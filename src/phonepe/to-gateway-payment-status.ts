import type { GatewayPaymentStatus } from '../index';
import type { PhonePeOrder, PhonePePaymentDetail } from './phonepe-order-schema';

const KNOWN_STATES = new Set(['PENDING', 'COMPLETED', 'FAILED']);

/**
 * Maps a PhonePe order (status response or webhook payload) to the core's `GatewayPaymentStatus`:
 * the ORDER-level `state` (never one attempt's), the latest attempt's transaction id, the amount in
 * paise, and a sanitized summary (state, ids, amount, payment mode, error codes; never the rail or
 * instrument objects that carry VPAs, UTRs and account numbers).
 *
 * @returns `null` when `state` is not one PhonePe documents: the caller decides (the gateway throws
 * `GatewayResponseError`, a webhook is acknowledged and ignored). Never a guess.
 */
export function toGatewayPaymentStatus(order: PhonePeOrder): GatewayPaymentStatus | null {
  if (!KNOWN_STATES.has(order.state)) return null;
  const state = order.state as GatewayPaymentStatus['state'];
  const latest = latestAttempt(order.paymentDetails ?? []);
  const transactionId = latest?.transactionId ?? null;
  const summary: Record<string, unknown> = {
    state,
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
