/**
 * phonepe-order-sync: keeps an e-commerce backend's orders in step with the PhonePe payment gateway.
 * This root entry holds the framework-neutral core, the ports and the errors; it imports no HTTP
 * client and no framework.
 * @packageDocumentation
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
  type DecideContext,
  decideTransition,
  type PaymentAnomaly,
  type TransitionDecision,
} from './core/decide-transition';
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
export * from './errors/index';
export * from './ports/index';
