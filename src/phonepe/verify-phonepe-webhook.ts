import { Buffer } from 'node:buffer';
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
  /**
   * `event` from the body (`checkout.order.completed`, `pg.refund.completed`, ...). Only when `event` is
   * missing, the deprecated `type` is reported here instead (for logs); such a body is never applied.
   */
  event: string;
  /**
   * From `event` only: `order` for `checkout.order.*`, `refund` for `pg.refund.*`, `other` for anything
   * else, including a body with only the deprecated `type` (PhonePe: do not rely on `type`).
   */
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
   * What to apply through `paymentSync.applyGatewayStatus`, decided on `payload.state` only: set for
   * order events with a known state (`CREATED` is pending), `null` otherwise (refund events, unknown
   * states, type-only bodies): acknowledge those and change nothing.
   */
  status: GatewayPaymentStatus | null;
  /** The parsed `payload` object as sent (lenient: unknown keys kept). */
  payload: Record<string, unknown>;
}

const envelopeSchema = z.looseObject({
  // Lenient like the order: an odd `event`/`type` is treated as absent (the body is then ignored).
  event: z.string().min(1).optional().catch(undefined),
  type: z.string().min(1).optional().catch(undefined),
  payload: z.looseObject({}),
});
const refundPayloadSchema = z.looseObject({
  originalMerchantOrderId: z.string().optional(),
  merchantOrderId: z.string().optional(),
});

/** `SHA256 ` (any case) followed by 64 hex digits (any case), or the digits alone. */
const AUTH_HEADER = /^(?:sha256\s+)?([0-9a-f]{64})$/i;

/**
 * Verifies a PhonePe webhook's `Authorization` header and parses its body.
 *
 * PhonePe sends `Authorization: <hex SHA-256 of "username:password">`: a static shared secret, the same
 * on every webhook, not a signature over the body. It proves the sender knows the secret, and says
 * nothing about the body: whoever learns the header can send any body. Treat a verified webhook as a
 * trigger and confirm a terminal state with the status API before writing it (the webhook handlers do
 * by default). The comparison is constant-time; upper-case hex and a `SHA256 ` prefix are tolerated.
 * PhonePe's dashboard also offers an HMAC authentication mode for webhooks; its header format is not
 * public, so it is not supported yet: configure the username/password mode.
 *
 * The event is keyed on `event`; the deprecated `type` is only reported when `event` is missing, and
 * such a body is ignored (`kind: 'other'`, `status: null`). The state comes from `payload.state` only.
 * Parsing is lenient like the status API's: only `merchantOrderId` and `state` are required.
 * The header is not a signature over the body, so `body` may be the bytes as received, the same text,
 * or the object a JSON body parser already made (`express.json()`, `request.json()`); all three verify
 * and parse alike.
 *
 * @throws WebhookAuthError when the header is missing or wrong (nothing is parsed).
 * @throws WebhookPayloadError when the body is not JSON or lacks `payload` (or, for an order event,
 * `payload.merchantOrderId`/`payload.state`).
 * @example
 * ```ts
 * import express from 'express';
 *
 * app.post('/webhooks/phonepe', express.raw({ type: 'application/json' }), async (req, res) => {
 *   // credentials: { username, password }, as set on PhonePe's dashboard
 *   const event = verifyPhonePeWebhook(credentials, req.headers.authorization, req.body);
 *   // confirm: the header signs nothing, so PhonePe's status API decides what is written
 *   if (event.status) await paymentSync.applyGatewayStatus(event.merchantOrderId!, event.status, { confirm: true });
 *   res.sendStatus(200);
 * });
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
  // Keyed on `event` alone: PhonePe deprecated `type` ("use `event`"), so a type-only body is ignored.
  const keyedOn = name ?? '';
  const kind = /^checkout\.order\./i.test(keyedOn)
    ? 'order'
    : /^pg\.refund\./i.test(keyedOn)
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
    amount:
      typeof payload.amount === 'number' && Number.isSafeInteger(payload.amount) ? payload.amount : null,
    transactionId: null,
    status: null,
    payload,
  };
}
