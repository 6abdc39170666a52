import { hasErrorKind, PaymentSyncError, type PaymentSyncErrorOptions } from './payment-sync-error';

/**
 * A webhook's `Authorization` header is missing or does not match the configured credentials. Nothing was written. Over HTTP it answers 401.
 */
export class WebhookAuthError extends PaymentSyncError {
  static override readonly kind: string = 'WebhookAuthError';

  constructor(message: string, options: PaymentSyncErrorOptions = {}) {
    super(message, 'WEBHOOK_UNAUTHORIZED', options);
  }
}

/** True when `error` is a {@link WebhookAuthError}, from any installed copy of this package. */
export function isWebhookAuthError(error: unknown): error is WebhookAuthError {
  return hasErrorKind(error, 'WebhookAuthError');
}
