/**
 * Browser-safe client for the order-details route (`GET /api/common/orders/:id/`): fetch one order's
 * details, or watch a pending payment until it settles. Built on ky and zod; imports no Node built-in.
 * @module phonepe-order-sync/client
 */
export type { OrderId } from '../core/order-payment';
export type { PaymentStatus } from '../core/payment-status';
export { InvalidOrderIdError, isInvalidOrderIdError } from '../errors/invalid-order-id-error';
export {
  isOrderClientError,
  OrderClientError,
  type OrderClientErrorCode,
  type OrderClientErrorOptions,
  type RelayedErrorCode,
} from '../errors/order-client-error';
export { isOrderNotFoundError, OrderNotFoundError } from '../errors/order-not-found-error';
export { isPaymentSyncError, PaymentSyncError } from '../errors/payment-sync-error';
export { createOrderClient, type GetOrderDetailsOptions, type OrderClient } from './create-order-client';
export {
  DEFAULT_CLIENT_RETRY,
  DEFAULT_CLIENT_TIMEOUT_MS,
  DEFAULT_ORDER_ROUTE_PATH,
  type OrderClientOptions,
} from './order-client-options';
export type { OrderDetails, OrderDetailsOrder, OrderDetailsPayment } from './order-details';
export {
  DEFAULT_WATCH_BACKOFF_FACTOR,
  DEFAULT_WATCH_INTERVAL_MS,
  DEFAULT_WATCH_MAX_INTERVAL_MS,
  type OrderWatch,
  type OrderWatchErrorInfo,
  type OrderWatchResult,
  type OrderWatchUpdate,
  type WatchOrderOptions,
} from './watch-order';
