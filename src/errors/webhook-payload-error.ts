import { hasErrorKind, PaymentSyncError, type PaymentSyncErrorOptions } from './payment-sync-error';

/**
 * A webhook body is not JSON or lacks what the transition needs (merchant order id, state). Nothing was written. Over HTTP it answers 400.
 */
export class WebhookPayloadError extends PaymentSyncError {
  static override readonly kind: string = 'WebhookPayloadError';

  constructor(message: string, options: PaymentSyncErrorOptions = {}) {
    super(message, 'WEBHOOK_INVALID_PAYLOAD', options);
  }
}

/** True when `error` is a {@link WebhookPayloadError}, from any installed copy of this package. */
export function isWebhookPayloadError(error: unknown): error is WebhookPayloadError {
  return hasErrorKind(error, 'WebhookPayloadError');
}
