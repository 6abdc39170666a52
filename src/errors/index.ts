export type { ErrorCode } from './error-code';
export { GatewayAuthError, isGatewayAuthError } from './gateway-auth-error';
export { GatewayError, type GatewayErrorOptions, isGatewayError } from './gateway-error';
export { GatewayOrderNotFoundError, isGatewayOrderNotFoundError } from './gateway-order-not-found-error';
export {
  GatewayRateLimitError,
  type GatewayRateLimitErrorOptions,
  isGatewayRateLimitError,
} from './gateway-rate-limit-error';
export { GatewayResponseError, isGatewayResponseError } from './gateway-response-error';
export { GatewayTimeoutError, isGatewayTimeoutError } from './gateway-timeout-error';
export {
  GatewayUnknownStateError,
  type GatewayUnknownStateErrorOptions,
  isGatewayUnknownStateError,
} from './gateway-unknown-state-error';
export { InvalidOrderIdError, isInvalidOrderIdError } from './invalid-order-id-error';
export {
  isOrderClientError,
  OrderClientError,
  type OrderClientErrorCode,
  type OrderClientErrorOptions,
  type RelayedErrorCode,
} from './order-client-error';
export { isOrderNotFoundError, OrderNotFoundError } from './order-not-found-error';
export { isPaymentSyncError, PaymentSyncError, type PaymentSyncErrorOptions } from './payment-sync-error';
export { isRepositoryError, RepositoryError } from './repository-error';
export {
  isSchemaMismatchError,
  type SchemaMismatchDetails,
  SchemaMismatchError,
} from './schema-mismatch-error';
export { isWebhookAuthError, WebhookAuthError } from './webhook-auth-error';
export { isWebhookPayloadError, WebhookPayloadError } from './webhook-payload-error';
