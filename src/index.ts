/**
 * phonepe-order-sync: keeps an e-commerce backend's orders in step with the PhonePe payment gateway.
 * This root entry holds the framework-neutral core, the ports and the errors; it imports no HTTP
 * client and no framework. PhonePe itself is `phonepe-order-sync/phonepe`, the routes are
 * `/express`, `/fastify`, `/fetch` and `/http`, the SQL repository `/kysely`, the browser client
 * `/client` (with its own `OrderClientError`) and the test helpers `/testing`.
 * @module phonepe-order-sync
 */
export type { CircuitBreakerOptions, CircuitChangeEvent, CircuitState } from './core/circuit-breaker';
export {
  type ApplyGatewayStatusOptions,
  createPaymentSync,
  type PaymentSync,
  type PaymentSyncEvents,
  type SyncCallOptions,
} from './core/create-payment-sync';
export {
  merchantOrderIdOf,
  type Order,
  type OrderId,
  type OrderPayment,
  type Payment,
  type PaymentChange,
} from './core/order-payment';
export { DEFAULT_ORDER_STATUS, type OrderStatusMapping } from './core/order-status-mapping';
export {
  isPaymentStatus,
  isTerminalPaymentStatus,
  PAYMENT_STATUSES,
  type PaymentStatus,
} from './core/payment-status';
export type { PaymentSyncOptions } from './core/payment-sync-options';
export {
  createRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  type Sleep,
} from './core/rate-limiter';
export type {
  ReconcileAction,
  ReconcileOptions,
  ReconcileProgress,
  ReconcileSummary,
  StuckOrderEvent,
} from './core/reconcile-options';
export {
  type ReconcilePendingOrdersOptions,
  reconcilePendingOrders,
} from './core/reconcile-pending-orders';
export type { ReconcileSchedule, ScheduleDecision } from './core/reconcile-schedule';
export { DEFAULT_TIMEOUT_MS, type SyncDeps } from './core/sync-deps';
export { syncOrderPaymentStatus } from './core/sync-order-payment-status';
export type {
  StatusChangeEvent,
  StatusChangeListener,
  SyncOutcome,
  SyncResult,
  SyncSource,
} from './core/sync-result';
export type { ErrorCode } from './errors/error-code';
export { GatewayAuthError, isGatewayAuthError } from './errors/gateway-auth-error';
export { GatewayError, type GatewayErrorOptions, isGatewayError } from './errors/gateway-error';
export {
  GatewayOrderNotFoundError,
  isGatewayOrderNotFoundError,
} from './errors/gateway-order-not-found-error';
export {
  GatewayRateLimitError,
  type GatewayRateLimitErrorOptions,
  isGatewayRateLimitError,
} from './errors/gateway-rate-limit-error';
export { GatewayResponseError, isGatewayResponseError } from './errors/gateway-response-error';
export { GatewayTimeoutError, isGatewayTimeoutError } from './errors/gateway-timeout-error';
export {
  GatewayUnknownStateError,
  type GatewayUnknownStateErrorOptions,
  isGatewayUnknownStateError,
} from './errors/gateway-unknown-state-error';
export { InvalidOrderIdError, isInvalidOrderIdError } from './errors/invalid-order-id-error';
export { isOrderNotFoundError, OrderNotFoundError } from './errors/order-not-found-error';
export {
  isPaymentSyncError,
  PaymentSyncError,
  type PaymentSyncErrorOptions,
} from './errors/payment-sync-error';
export { isRepositoryError, RepositoryError } from './errors/repository-error';
export { isWebhookAuthError, WebhookAuthError } from './errors/webhook-auth-error';
export { isWebhookPayloadError, WebhookPayloadError } from './errors/webhook-payload-error';
export { type Clock, systemClock } from './ports/clock';
export { type LogFn, type Logger, silentLogger } from './ports/logger';
export type {
  ClaimPendingOrdersQuery,
  OrderClaimRelease,
  OrderRepository,
  PendingOrdersCursor,
  PendingOrdersQuery,
} from './ports/order-repository';
export type { GatewayCallOptions, GatewayPaymentStatus, PaymentGateway } from './ports/payment-gateway';
