/**
 * Framework-neutral HTTP handlers: a neutral request in, `{ status, headers, body }` out. The Express,
 * Fastify and fetch adapters are thin translations over these; use them directly for any other
 * framework.
 * @packageDocumentation
 */
/** @internal Shared with the adapters, so their own option checks read like every factory's. */
export { assertKnownKeys } from '../core/options-error';
export {
  errorResponse,
  HTTP_STATUS_BY_CODE,
  JSON_HEADERS,
  jsonResponse,
  responseForError,
} from './error-status';
export {
  type AuthorizeOrder,
  ORDER_DETAILS_OPTION_KEYS,
  type OrderDetailsHandlerOptions,
  type PhonePeWebhookHandlerOptions,
  WEBHOOK_OPTION_KEYS,
} from './handler-options';
export type { HttpHandler, HttpRequest, HttpResponse } from './http-types';
export {
  createOrderDetailsHttpHandler,
  createOrderRouteHandler,
  createOrderSyncHttpHandler,
  type OrderRouteKind,
} from './order-details-handler';
export {
  errorBodyJsonSchema,
  orderDetailsJsonSchema,
  orderParamsJsonSchema,
  webhookAckJsonSchema,
} from './order-details-json-schema';
export {
  type ErrorBodyWire,
  type OrderDetailsWire,
  type OrderWire,
  type PaymentWire,
  toOrderDetailsWire,
  type WebhookAckReason,
  type WebhookAckWire,
} from './order-details-wire';
export { DEFAULT_MAX_ORDER_ID_LENGTH, type OrderIdRules, parseOrderId } from './order-id';
export { DEFAULT_ORDER_ROUTE, orderRoutePattern, pathVariants } from './route-paths';
export {
  createPhonePeWebhookHttpHandler,
  createWebhookRouteHandler,
  DEFAULT_MAX_WEBHOOK_BODY_BYTES,
  type PhonePeWebhookHttpHandler,
} from './webhook-handler';
