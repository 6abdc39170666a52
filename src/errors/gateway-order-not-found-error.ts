import type { ErrorCode } from './error-code';
import { GatewayError, type GatewayErrorOptions } from './gateway-error';
import { hasErrorKind } from './payment-sync-error';

/**
 * The gateway has no payment for this merchant order id (PhonePe's `INVALID_MERCHANT_ORDER_ID`). Usually the customer never reached the payment page; the order stays `PENDING`. It does not count as a gateway outage.
 */
export class GatewayOrderNotFoundError extends GatewayError {
  static override readonly kind: string = 'GatewayOrderNotFoundError';
  static override readonly code: ErrorCode = 'GATEWAY_ORDER_NOT_FOUND';

  constructor(message: string, options: GatewayErrorOptions = {}) {
    super(message, options);
  }
}

/** True when `error` is a {@link GatewayOrderNotFoundError}, from any installed copy of this package. */
export function isGatewayOrderNotFoundError(error: unknown): error is GatewayOrderNotFoundError {
  return hasErrorKind(error, 'GatewayOrderNotFoundError');
}
