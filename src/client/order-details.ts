import * as z from 'zod';
import type { OrderDetailsWire, OrderWire, PaymentWire } from '../http/order-details-wire';

// Annotated with the server's wire types, so that the public types stay readable and zod-free, and
// tsc proves the schema produces exactly what the server sends.
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

/**
 * What `GET /api/common/orders/:id/` answers, validated: the server's own wire type
 * ({@link OrderDetailsWire}), so client and server cannot drift apart. Keys the backend adds are kept.
 */
export type OrderDetails = OrderDetailsWire;
/** The `order` part of {@link OrderDetails}. */
export type OrderDetailsOrder = OrderWire;
/** The `payment` part of {@link OrderDetails}. */
export type OrderDetailsPayment = PaymentWire;
