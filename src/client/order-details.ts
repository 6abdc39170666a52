import * as z from 'zod';
import type { OrderId } from '../core/order-payment';
import type { PaymentStatus } from '../core/payment-status';

// Annotated with the hand-written interfaces so that the public types stay readable and zod-free, and
// tsc proves the schema produces them.
function makeOrderDetailsSchema(): z.ZodType<OrderDetails> {
  const paymentStatus = z.enum(['PENDING', 'COMPLETED', 'FAILED']);
  return z.looseObject({
    order: z.looseObject({
      id: z.union([z.string().min(1), z.number()]),
      payment_status: paymentStatus,
      order_status: z.string(),
      amount: z.number(),
    }),
    payment: z.looseObject({
      payment_status: paymentStatus,
      transaction_id: z.string().nullable(),
      additional_info: z.looseObject({
        last_checked: z.string().optional(),
        gateway_response: z.record(z.string(), z.unknown()).optional(),
      }),
    }),
    status_updated: z.boolean(),
  });
}

function makeErrorBodySchema() {
  return z.object({ error: z.looseObject({ code: z.string().min(1), message: z.string().optional() }) });
}

// Built on first use, not at import: a module-level zod call is a side effect to bundlers, which would
// then keep all of zod in an app that imports only an error guard from this entry.
let orderDetails: z.ZodType<OrderDetails> | undefined;
let errorBody: ReturnType<typeof makeErrorBodySchema> | undefined;

/**
 * @internal The order-details route's body (snake_case, as on the wire). Lenient: unknown keys are kept
 * (a backend may add its own order fields); strict only on what the client and its callers rely on.
 */
export function orderDetailsSchema() {
  orderDetails ??= makeOrderDetailsSchema();
  return orderDetails;
}

/** @internal The route's error body: `{ "error": { "code", "message" } }`. */
export function errorBodySchema() {
  errorBody ??= makeErrorBodySchema();
  return errorBody;
}

/** The `order` part of {@link OrderDetails}: the order as the route sends it (snake_case). */
export interface OrderDetailsOrder {
  /** The order's id, with its JSON type: a numeric id is a `number`. */
  id: OrderId;
  /** Mirrors the payment's status. */
  payment_status: PaymentStatus;
  /** Your order status: `CONFIRMED` once paid, `CANCELLED` once failed (with the default mapping). */
  order_status: string;
  /** Amount in minor units (paise). */
  amount: number;
  /** Other fields your backend sends (`currency`, ...), as they came. */
  [key: string]: unknown;
}

/** The `payment` part of {@link OrderDetails}. */
export interface OrderDetailsPayment {
  payment_status: PaymentStatus;
  /** PhonePe's transaction id of the latest attempt, once known. */
  transaction_id: string | null;
  additional_info: {
    /** When PhonePe was last asked (ISO-8601 UTC). */
    last_checked?: string;
    /** A sanitized summary of PhonePe's last answer. */
    gateway_response?: Record<string, unknown>;
    /** Your own keys (`redirect_url`, `expire_at`, ...) and `anomaly` when one was recorded. */
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/**
 * What `GET /api/common/orders/:id/` answers, validated: the order, its payment record and whether
 * this very request moved the payment to a terminal state. Ids keep their JSON type (a numeric id is
 * a `number`). Keys the backend adds (for example `currency`, `redirect_url` in `additional_info`) are
 * kept as they came.
 *
 * @example
 * ```json
 * { "order": { "id": 123, "payment_status": "COMPLETED", "order_status": "CONFIRMED", "amount": 49900 },
 *   "payment": { "payment_status": "COMPLETED", "transaction_id": "TXN789456123",
 *                "additional_info": { "last_checked": "2024-01-01T10:05:00.000Z", "gateway_response": {} } },
 *   "status_updated": true }
 * ```
 */
export interface OrderDetails {
  order: OrderDetailsOrder;
  payment: OrderDetailsPayment;
  /** True only for the request that moved the payment to `COMPLETED`/`FAILED` (exactly one ever does). */
  status_updated: boolean;
  [key: string]: unknown;
}
