import type { ErrorCode } from './error-code';
import { GatewayError, type GatewayErrorOptions } from './gateway-error';
import { hasErrorKind } from './payment-sync-error';

/**
 * The gateway refused the credentials (token request rejected, or a 401 that persisted after one refresh). Check client id, secret and version. The secret is never part of the message.
 */
export class GatewayAuthError extends GatewayError {
  static override readonly kind: string = 'GatewayAuthError';
  static override readonly code: ErrorCode = 'GATEWAY_AUTH_FAILED';

  constructor(message: string, options: GatewayErrorOptions = {}) {
    super(message, options);
  }
}

/** True when `error` is a {@link GatewayAuthError}, from any installed copy of this package. */
export function isGatewayAuthError(error: unknown): error is GatewayAuthError {
  return hasErrorKind(error, 'GatewayAuthError');
}
