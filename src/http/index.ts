/**
 * `phonepe-order-sync/http`: the framework-neutral HTTP layer, for frameworks without an adapter (Koa,
 * NestJS, h3, ...) and for adapter authors. A handler takes a neutral {@link HttpRequest} and answers
 * `{ status, headers, body }` ({@link HttpResponse}); copy that onto the framework's response. The
 * Express, Fastify and fetch adapters are thin translations over these. This layer knows no gateway:
 * the webhook handler takes its verifier as the `verify` option (`verifyPhonePeWebhook` from
 * `phonepe-order-sync/phonepe`), so it imports neither `node:crypto` nor an HTTP client.
 * @module phonepe-order-sync/http
 */

export { decodeRouteSegment } from './decode-route-segment';
export {
  errorResponse,
  HTTP_STATUS_BY_CODE,
  JSON_HEADERS,
  jsonResponse,
  responseForError,
} from './error-status';
export type {
  AuthorizeOrder,
  OrderDetailsHandlerOptions,
  PhonePeWebhookHandlerOptions,
  VerifiedWebhookEvent,
  VerifyWebhook,
  WebhookCredentials,
  WebhookHttpHandlerOptions,
} from './handler-options';
export type { HttpHandler, HttpRequest, HttpResponse } from './http-types';
export { createOrderDetailsHttpHandler, createOrderSyncHttpHandler } from './order-details-handler';
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
export type { OrderIdRules } from './order-id';
export { DEFAULT_ORDER_ROUTE, orderRoutePattern } from './route-paths';
export {
  createPhonePeWebhookHttpHandler,
  DEFAULT_MAX_WEBHOOK_BODY_BYTES,
  type PhonePeWebhookHttpHandler,
} from './webhook-handler';
