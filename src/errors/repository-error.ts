import { hasErrorKind, PaymentSyncError, type PaymentSyncErrorOptions } from './payment-sync-error';

/**
 * An `OrderRepository` call failed (connection lost, constraint violated, a bug in a custom repository). The original error is kept as `cause`. Over HTTP it answers 503 (PhonePe documents no webhook redelivery after it: the reconciler settles the order).
 */
export class RepositoryError extends PaymentSyncError {
  static override readonly kind: string = 'RepositoryError';

  constructor(message: string, options: PaymentSyncErrorOptions = {}) {
    super(message, 'REPOSITORY_ERROR', options);
  }
}

/** True when `error` is a {@link RepositoryError}, from any installed copy of this package. */
export function isRepositoryError(error: unknown): error is RepositoryError {
  return hasErrorKind(error, 'RepositoryError');
}
