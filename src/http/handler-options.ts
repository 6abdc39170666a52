import * as z from 'zod';
import { parseOptions } from '../core/options-error';
import type { AssertNoDrift, OptionsSchemaDrift } from '../core/options-schema-drift';
import type { GatewayPaymentStatus, Logger, OrderPayment, PaymentSync } from '../index';
import type { OrderIdRules } from './order-id';

/**
 * Decides whether the caller may see an order. `request` is the framework's own request, so the
 * user's auth middleware (Passport, a JWT check, `@fastify/jwt`) has already run and left its result
 * there. A `false` answers 404, exactly like a missing order, so existence does not leak.
 *
 * Only `true` (or a Promise of `true`) allows. Anything else (a truthy object, `1`, `'yes'`, or
 * `undefined` from a callback that forgot to `return`) is a refusal too, and is logged at `error` as a
 * programming mistake, so a wrong return value fails closed and loudly.
 */
export type AuthorizeOrder<TRequest> = (
  request: TRequest,
  orderPayment: OrderPayment,
) => boolean | Promise<boolean>;

/** Options of the order-details (and admin re-check) handlers. */
export interface OrderDetailsHandlerOptions<TRequest = unknown> extends OrderIdRules {
  /** The service from `createPaymentSync`. */
  paymentSync: PaymentSync;
  /** Required: there is no allow-all default. Return `true` to allow an admin-only or public route. */
  authorize: AuthorizeOrder<TRequest>;
  /** pino-compatible logger for failures the handler answers 5xx to. @default a silent logger */
  logger?: Logger;
}

/** The webhook username and password configured on PhonePe's dashboard, handed to the verifier. */
export interface WebhookCredentials {
  username: string;
  password: string;
}

/**
 * What the webhook handler needs from a verified delivery. `PhonePeWebhookEvent` (from
 * `phonepe-order-sync/phonepe`) is one.
 */
export interface VerifiedWebhookEvent {
  /** The event name as sent (for logs). */
  event: string;
  /** `order` events are applied; `refund` and `other` are acknowledged without a change. */
  kind: 'order' | 'refund' | 'other';
  /** The merchant order id the event is about, when present. */
  merchantOrderId: string | null;
  /** The state as sent (for logs). */
  state: string | null;
  /** What to apply through `paymentSync.applyGatewayStatus`; `null` acknowledges without a change. */
  status: GatewayPaymentStatus | null;
}

/**
 * Checks a webhook delivery's `Authorization` header against the credentials and parses its body.
 * Throws `WebhookAuthError` (answered 401) or `WebhookPayloadError` (answered 400); any other throw is
 * answered like an unexpected failure. `verifyPhonePeWebhook` from `phonepe-order-sync/phonepe` is one.
 * The HTTP layer takes it as a function so that it knows no gateway (and pulls in no `node:crypto`).
 */
export type VerifyWebhook = (
  credentials: WebhookCredentials,
  authorizationHeader: string | undefined,
  body: string | Uint8Array | object,
) => VerifiedWebhookEvent;

/** Options of the PhonePe webhook handlers of the Express and fetch adapters. */
export interface PhonePeWebhookHandlerOptions {
  /** The service from `createPaymentSync`. */
  paymentSync: PaymentSync;
  /** The webhook username and password configured on PhonePe's dashboard. */
  credentials: WebhookCredentials;
  /**
   * Verifies a delivery and parses its body.
   * @default `verifyPhonePeWebhook` in the adapters (Express, Fastify, fetch); required by the
   *   framework-neutral `createPhonePeWebhookHttpHandler`
   */
  verify?: VerifyWebhook;
  /** Largest accepted body in bytes; a larger one answers 413. @default 65536 */
  maxBodyBytes?: number;
  /**
   * Confirm a webhook's state with PhonePe's status API before writing it. PhonePe's `Authorization`
   * header is a static shared secret, not a signature over the body: whoever learns it can post any
   * body. With confirmation a webhook is only a trigger, and nothing PhonePe does not report is
   * written: confirmed -> `updated`; PhonePe still says `PENDING` -> 200 `unconfirmed`, nothing written;
   * the status call fails or the circuit is open -> 503 `WEBHOOK_NOT_CONFIRMED`, nothing written.
   * It goes through the same per-order shared check as reads, so a burst of forged webhooks costs at
   * most one status call at a time. `false` applies `payload.state` as sent (accept the risk knowingly).
   * @default true
   */
  confirmWithGateway?: boolean;
  /** pino-compatible logger: refused deliveries, no-op acknowledgements, failures. @default a silent logger */
  logger?: Logger;
}

/**
 * Options of the framework-neutral `createPhonePeWebhookHttpHandler`: the adapters' options with the
 * verifier required, since the HTTP layer has no gateway to default to.
 */
export interface WebhookHttpHandlerOptions extends PhonePeWebhookHandlerOptions {
  /** Verifies a delivery and parses its body, e.g. `verifyPhonePeWebhook` from `phonepe-order-sync/phonepe`. */
  verify: VerifyWebhook;
}

const fn = (v: unknown) => typeof v === 'function';
const paymentSyncSchema = z.custom<PaymentSync>((v) => {
  const s = v as Record<string, unknown> | null;
  return (
    typeof s === 'object' && s !== null && fn(s.sync) && fn(s.findOrderPayment) && fn(s.applyGatewayStatus)
  );
}, 'must be the service returned by createPaymentSync');
const loggerSchema = z
  .custom<Logger>((v) => {
    const l = v as Record<string, unknown> | null;
    return typeof l === 'object' && l !== null && ['debug', 'info', 'warn', 'error'].every((m) => fn(l[m]));
  }, 'must have debug, info, warn and error methods')
  .optional();

const orderSchema = z.strictObject({
  paymentSync: paymentSyncSchema,
  authorize: z.custom((v) => fn(v), 'is required and must be a function (there is no allow-all default)'),
  logger: loggerSchema,
  maxLength: z.number().int().min(1).max(1024).optional(),
  idPattern: z.instanceof(RegExp, { message: 'must be a RegExp' }).optional(),
});

const webhookSchema = z.strictObject({
  paymentSync: paymentSyncSchema,
  credentials: z.strictObject(
    {
      username: z.string('must be a string').min(1, 'must not be empty'),
      password: z.string('must be a string').min(1, 'must not be empty'),
    },
    'is required: { username, password } from the PhonePe dashboard',
  ),
  // Optional here: the adapters supply PhonePe's when it is absent (see createWebhookRouteHandler).
  verify: z.custom<VerifyWebhook>((v) => fn(v), 'must be a function').optional(),
  logger: loggerSchema,
  confirmWithGateway: z.boolean('must be a boolean').optional(),
  maxBodyBytes: z
    .number()
    .int()
    .min(1)
    .max(64 * 1024 * 1024)
    .optional(),
});

/** @internal The option names of the order-details and re-check handlers. */
export const ORDER_DETAILS_OPTION_KEYS: readonly string[] = Object.keys(orderSchema.shape);
/** @internal The option names of the webhook handler. */
export const WEBHOOK_OPTION_KEYS: readonly string[] = Object.keys(webhookSchema.shape);

// Compile-time: each schema and its options type must agree, option by option (see
// core/options-schema-drift.ts).
type _OrderSchemaMatchesOptions = AssertNoDrift<
  OptionsSchemaDrift<OrderDetailsHandlerOptions, z.input<typeof orderSchema>>
>;
type _WebhookSchemaMatchesOptions = AssertNoDrift<
  OptionsSchemaDrift<PhonePeWebhookHandlerOptions, z.input<typeof webhookSchema>>
>;

/** @internal Throws `TypeError`/`RangeError` naming the bad option. */
export function assertOrderDetailsOptions(options: unknown, where: string): void {
  parseOptions(where, orderSchema, options);
}

/** @internal Throws `TypeError`/`RangeError` naming the bad option. */
export function assertWebhookOptions(options: unknown, where: string): void {
  parseOptions(where, webhookSchema, options);
}
