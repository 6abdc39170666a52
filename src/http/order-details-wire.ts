// The JSON wire format of the HTTP routes, shared by the server handlers and the browser client
// (src/client): types and pure mapping only, nothing Node-specific, type-only imports.
import type { Order, OrderId, PaymentStatus, SyncResult } from '../index';

/** `order` in the order-details body. `id` keeps its type: a numeric id stays a JSON number. */
export interface OrderWire {
  id: OrderId;
  /** Mirrors the payment's status. */
  payment_status: PaymentStatus;
  /** Your order status: `CONFIRMED` once paid, `CANCELLED` once failed (with the default mapping). */
  order_status: string;
  /** Minor units (paise). */
  amount: number;
  /** Fields a backend adds (`currency`, ...), as they came; the browser client keeps them. */
  [key: string]: unknown;
}

/** `payment` in the order-details body. */
export interface PaymentWire {
  payment_status: PaymentStatus;
  /** PhonePe's transaction id of the latest attempt, once known. */
  transaction_id: string | null;
  /**
   * The stored JSON object, user keys included (`redirect_url`, `expire_at`, ..., and `anomaly` when one
   * was recorded). `last_checked` (when present) is ISO-8601 UTC; `gateway_response` is the sanitized
   * gateway summary.
   */
  additional_info: { last_checked?: string; gateway_response?: Record<string, unknown> } & Record<
    string,
    unknown
  >;
  [key: string]: unknown;
}

/**
 * The body of `GET .../orders/:id/` (the seed's wire shape).
 * @example
 * ```json
 * { "order": { "id": 123, "payment_status": "COMPLETED", "order_status": "CONFIRMED", "amount": 49900 },
 *   "payment": { "payment_status": "COMPLETED", "transaction_id": "TXN789456123",
 *                "additional_info": { "last_checked": "2024-01-01T10:05:00.000Z", "gateway_response": {} } },
 *   "status_updated": true }
 * ```
 */
export interface OrderDetailsWire {
  order: OrderWire;
  payment: PaymentWire;
  /** True only when this very request moved the payment to `COMPLETED` or `FAILED` (exactly one ever does). */
  status_updated: boolean;
  [key: string]: unknown;
}

/** Every error body: `{ "error": { "code": "ORDER_NOT_FOUND", "message": "..." } }`. */
export interface ErrorBodyWire {
  error: { code: string; message: string };
}

/**
 * Why the webhook answered 2xx:
 * - `updated`: this delivery moved the payment to a terminal status (with `confirmWithGateway`, the
 *   status PhonePe's status API reported, which wins over the body's).
 * - `unconfirmed`: PhonePe's status API does not confirm the body's terminal state (it says `PENDING`,
 *   or does not know the order); nothing was written. A forged body, or a webhook ahead of the API.
 * - `still-pending`: PhonePe reported PENDING; the check was recorded.
 * - `already-settled`: the payment was already terminal (a duplicate or late delivery); nothing changed.
 * - `amount-mismatch`: the amount differs from the order's; an anomaly was recorded, status kept.
 * - `unknown-order`: no order has this merchant order id; nothing written.
 * - `ignored-event`: not an order event (refunds, unknown events); nothing written.
 * - `unknown-state`: an order event with a state this library does not know; nothing written.
 */
export type WebhookAckReason =
  | 'updated'
  | 'unconfirmed'
  | 'still-pending'
  | 'already-settled'
  | 'amount-mismatch'
  | 'unknown-order'
  | 'ignored-event'
  | 'unknown-state';

/** The body of a 2xx webhook answer. */
export interface WebhookAckWire {
  acknowledged: true;
  reason: WebhookAckReason;
}

/** `last_checked` as ISO-8601 UTC, whatever the store handed back (a Date, or another date string). */
function isoUtc(value: unknown): unknown {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  return date && Number.isFinite(date.getTime()) ? date.toISOString() : value;
}

function orderWire(order: Order): OrderWire {
  return {
    id: order.id,
    payment_status: order.paymentStatus,
    order_status: order.orderStatus,
    amount: order.amount,
  };
}

/**
 * Maps a sync result to the order-details wire body.
 * @example
 * ```ts
 * const body = toOrderDetailsWire(await paymentSync.getOrderDetails(123));
 * ```
 */
export function toOrderDetailsWire(result: Pick<SyncResult, 'order' | 'payment' | 'statusUpdated'>) {
  const info = result.payment.additionalInfo ?? {};
  const additional_info: PaymentWire['additional_info'] = { ...info };
  if ('last_checked' in info) additional_info.last_checked = isoUtc(info.last_checked) as string;
  const body: OrderDetailsWire = {
    order: orderWire(result.order),
    payment: {
      payment_status: result.payment.paymentStatus,
      transaction_id: result.payment.transactionId ?? null,
      additional_info,
    },
    status_updated: result.statusUpdated,
  };
  return body;
}
