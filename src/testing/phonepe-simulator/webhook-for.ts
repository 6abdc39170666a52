import { buildPhonePeWebhook, type PhonePeWebhookRequest } from '../phonepe-webhook-fixtures';
import { applyDue } from './apply-due';
import { failureOf } from './failure';
import type { OrderClock, OrderRecord } from './order-record';

/** The webhook PhonePe would send for the order's current state (terminal states only). */
export function webhookFor(
  clock: OrderClock,
  order: OrderRecord,
  credentials: { username: string; password: string },
): PhonePeWebhookRequest {
  applyDue(clock, order);
  // PhonePe's order events are checkout.order.completed / .failed: nothing is sent while pending.
  if (order.state === 'PENDING') {
    throw new Error(
      `PhonePe simulator: order ${JSON.stringify(order.merchantOrderId)} is PENDING; PhonePe sends webhooks only for COMPLETED or FAILED`,
    );
  }
  const latest = order.attempts.at(-1);
  const failure = order.state === 'FAILED' ? failureOf(order, {}) : undefined;
  return buildPhonePeWebhook({
    credentials,
    merchantOrderId: order.merchantOrderId,
    orderId: order.orderId,
    state: order.state,
    amount: order.amount,
    transactionId: latest?.transactionId ?? null,
    paymentMode: order.paymentMode,
    ...(latest ? { timestamp: latest.timestamp } : {}),
    expireAt: order.expireAt,
    ...(failure ? { errorCode: failure.errorCode } : {}),
    ...(failure?.detailedErrorCode ? { detailedErrorCode: failure.detailedErrorCode } : {}),
  });
}
