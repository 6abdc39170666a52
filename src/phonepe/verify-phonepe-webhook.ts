import { createHash, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { type GatewayPaymentStatus, WebhookAuthError, WebhookPayloadError } from '../index';
import { phonePeOrderSchema } from './phonepe-order-schema';
import { toGatewayPaymentStatus } from './to-gateway-payment-status';

/** The username and password configured for the webhook on PhonePe's dashboard. */
export interface PhonePeWebhookCredentials {
  username: string;
  password: string;
}

/** A verified PhonePe webhook. */
export interface PhonePeWebhookEvent {
  /** `event` from the body (`checkout.order.completed`, `pg.refund.accepted`, ...), else the legacy `type`. */
  event: string;
  /** `order` for `checkout.order.*` events, `refund` for `pg.refund.*`, `other` for anything else. */
  kind: 'order' | 'refund' | 'other';
  /** The merchant order id the event is about (for refunds, the original order's), when present. */
  merchantOrderId: string | null;
  /** PhonePe's own order id, when present. */
  phonePeOrderId: string | null;
  /** The order-level state from `payload.state`, as sent. */
  state: string | null;
  /** `payload.amount` in paise, when present. */
  amount: number | null;
  /** The latest attempt's transaction id, when present. */
  transactionId: string | null;
  /**
   * What to apply through `paymentSync.applyGatewayStatus`: set for order events with a known state,
   * `null` otherwise (refund events, unknown states): acknowledge those and change nothing.
   */
  status: GatewayPaymentStatus | null;
  /** The parsed `payload` object as sent (lenient: unknown keys kept). */
  payload: Record<string, unknown>;
}

const envelopeSchema = z.looseObject({
  event: z.string().min(1).optional(),
  type: z.string().min(1).optional(),
  payload: z.looseObject({}),
});
const refundPayloadSchema = z.looseObject({
  originalMerchantOrderId: z.string().optional(),
  merchantOrderId: z.string().optional(),
});

/** `SHA256 ` (any case) followed by 64 hex digits (any case), or the digits alone. */
const AUTH_HEADER = /^(?:sha256\s+)?([0-9a-f]{64})$/i;

/**
 * Verifies a PhonePe webhook and parses its body.
 *
 * PhonePe sends `Authorization: <hex SHA-256 of "username:password">`. The comparison is constant-time;
 * upper-case hex and a `SHA256 ` prefix are tolerated. The header is not a signature over the body, so
 * `body` may be the bytes as received, the same text, or the object a JSON body parser already made
 * (`express.json()`, `request.json()`); all three verify and parse alike.
 *
 * @throws WebhookAuthError when the header is missing or wrong (nothing is parsed).
 * @throws WebhookPayloadError when the body is not JSON or lacks `payload` (or, for an order event,
 * `payload.merchantOrderId`/`payload.state`).
 * @example
 * ```ts
 * const event = verifyPhonePeWebhook({ username, password }, req.headers.authorization, req.body);
 * if (event.status) await paymentSync.applyGatewayStatus(event.merchantOrderId!, event.status);
 * ```
 */
export function verifyPhonePeWebhook(
  credentials: PhonePeWebhookCredentials,
  authorizationHeader: string | null | undefined,
  body: string | Uint8Array | object,
): PhonePeWebhookEvent {
  if (
    typeof credentials?.username !== 'string' ||
    typeof credentials.password !== 'string' ||
    !credentials.username
  ) {
    throw new TypeError(
      'verifyPhonePeWebhook: `credentials.username` and `credentials.password` must be strings',
    );
  }
  const match = AUTH_HEADER.exec((authorizationHeader ?? '').trim());
  const expected = createHash('sha256').update(`${credentials.username}:${credentials.password}`).digest();
  const given = match ? Buffer.from(match[1]!.toLowerCase(), 'hex') : Buffer.alloc(expected.length);
  // Compare even when the header is malformed, so timing does not tell a malformed header from a wrong one.
  if (!timingSafeEqual(given, expected) || !match) {
    throw new WebhookAuthError('Webhook Authorization header does not match the configured credentials');
  }

  let json: unknown = body;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    try {
      json = JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
    } catch (error) {
      throw new WebhookPayloadError('Webhook body is not valid JSON', { cause: error });
    }
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success)
    throw new WebhookPayloadError('Webhook body has no `payload` object', { cause: envelope.error });
  const { event: name, type, payload } = envelope.data;
  const event = name ?? type ?? '';
  const kind = /^checkout\.order\./i.test(event)
    ? 'order'
    : /^pg\.refund\./i.test(event)
      ? 'refund'
      : 'other';

  if (kind === 'order') {
    const order = phonePeOrderSchema.safeParse(payload);
    if (!order.success || !order.data.merchantOrderId) {
      throw new WebhookPayloadError('Order webhook payload lacks merchantOrderId or state', {
        cause: order.success ? undefined : order.error,
      });
    }
    const status = toGatewayPaymentStatus(order.data);
    return {
      event,
      kind,
      merchantOrderId: order.data.merchantOrderId,
      phonePeOrderId: order.data.orderId ?? null,
      state: order.data.state,
      amount: order.data.amount ?? null,
      transactionId: status?.transactionId ?? null,
      status,
      payload,
    };
  }

  const loose = refundPayloadSchema.safeParse(payload);
  const merchantOrderId = loose.success
    ? (loose.data.originalMerchantOrderId ?? loose.data.merchantOrderId ?? null)
    : null;
  return {
    event,
    kind,
    merchantOrderId,
    phonePeOrderId: typeof payload.orderId === 'string' ? payload.orderId : null,
    state: typeof payload.state === 'string' ? payload.state : null,
    amount: typeof payload.amount === 'number' ? payload.amount : null,
    transactionId: null,
    status: null,
    payload,
  };
}
