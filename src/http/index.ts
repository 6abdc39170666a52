/**
 * Framework-neutral HTTP handlers: a neutral request in, `{ status, headers, body }` out. The Express,
 * Fastify and fetch adapters are thin translations over these; use them directly for any other
 * framework.
 * @packageDocumentation
 */
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
export { DEFAULT_MAX_ORDER_ID_LENGTH, type OrderIdRules, parseOrderId } from './order-id';
export {
  createPhonePeWebhookHttpHandler,
  DEFAULT_MAX_WEBHOOK_BODY_BYTES,
  type PhonePeWebhookHttpHandler,
} from './webhook-handler';
