import { hasErrorKind, PaymentSyncError, type PaymentSyncErrorOptions } from './payment-sync-error';

/**
 * No order with this id exists (or, over HTTP, the caller may not see it: both answer the same 404 so
 * that existence does not leak).
 */
export class OrderNotFoundError extends PaymentSyncError {
  static override readonly kind: string = 'OrderNotFoundError';
  /** The id that was looked up. */
  readonly orderId: string;

  constructor(orderId: string | number, options: PaymentSyncErrorOptions = {}) {
    super(`Order ${JSON.stringify(String(orderId))} was not found`, 'ORDER_NOT_FOUND', options);
    this.orderId = String(orderId);
  }
}

/** True when `error` is an {@link OrderNotFoundError}, from any installed copy of this package. */
export function isOrderNotFoundError(error: unknown): error is OrderNotFoundError {
  return hasErrorKind(error, 'OrderNotFoundError');
}
