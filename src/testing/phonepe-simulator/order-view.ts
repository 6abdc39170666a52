import { applyDue } from './apply-due';
import { errorContextOf, errorFields, failureOf } from './failure';
import type { OrderClock, OrderRecord } from './order-record';

/** What the v2 status endpoint's query asks for. */
export interface OrderViewQuery {
  /** Every attempt, else only the latest (`details=false`). */
  details?: boolean;
  /** `errorContext` on a FAILED order. */
  errorContext?: boolean;
}

/** The order as the v2 status endpoint answers it now (due transitions applied first). */
export function orderView(
  clock: OrderClock,
  order: OrderRecord,
  query: OrderViewQuery = {},
): Record<string, unknown> {
  applyDue(clock, order);
  const listed = query.details ? order.attempts : order.attempts.slice(-1);
  // Error codes go where PhonePe's FAILED sample puts them, from one source (`failureOf`): top-level
  // `errorCode`/`detailedErrorCode` on a FAILED order, the same pair on a FAILED attempt, and
  // `errorContext` only when asked for with `errorContext=true`.
  const failure = order.state === 'FAILED' ? failureOf(order, {}) : undefined;
  return {
    orderId: order.orderId,
    state: order.state,
    amount: order.amount,
    payableAmount: order.amount,
    feeAmount: 0,
    expireAt: order.expireAt,
    metaInfo: { udf1: '' },
    ...(failure ? errorFields(failure) : {}),
    paymentDetails: listed.map((attempt) => ({
      transactionId: attempt.transactionId,
      paymentMode: order.paymentMode,
      timestamp: attempt.timestamp,
      amount: order.amount,
      state: attempt.state,
      ...(attempt.state === 'COMPLETED'
        ? { rail: { type: 'UPI', utr: '455069731511', vpa: '12****78@ybl' } }
        : {}),
      ...(attempt.state === 'FAILED' && attempt.errorCode
        ? errorFields({ errorCode: attempt.errorCode, detailedErrorCode: attempt.detailedErrorCode })
        : {}),
    })),
    ...(failure && query.errorContext ? { errorContext: errorContextOf(failure) } : {}),
  };
}
