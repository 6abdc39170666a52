import { hasErrorKind, PaymentSyncError, type PaymentSyncErrorOptions } from './payment-sync-error';

/**
 * An order id (from a URL, a webhook or a caller) is empty, too long or has characters the gateway
 * does not accept. Raised before any repository or gateway call. Over HTTP it answers 400.
 */
export class InvalidOrderIdError extends PaymentSyncError {
  static override readonly kind: string = 'InvalidOrderIdError';

  constructor(message: string, options: PaymentSyncErrorOptions = {}) {
    super(message, 'INVALID_ORDER_ID', options);
  }
}

/** True when `error` is an {@link InvalidOrderIdError}, from any installed copy of this package. */
export function isInvalidOrderIdError(error: unknown): error is InvalidOrderIdError {
  return hasErrorKind(error, 'InvalidOrderIdError');
}
