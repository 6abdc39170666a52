import type { ErrorCode } from './error-code';
import { GatewayError, type GatewayErrorOptions } from './gateway-error';
import { hasErrorKind } from './payment-sync-error';

/**
 * The gateway answered something that cannot be trusted: an unparseable or HTML body, a missing field, an unknown state, or an unexpected HTTP status. `status` holds the HTTP status when there was one.
 */
export class GatewayResponseError extends GatewayError {
  static override readonly kind: string = 'GatewayResponseError';
  static override readonly code: ErrorCode = 'GATEWAY_BAD_RESPONSE';

  constructor(message: string, options: GatewayErrorOptions = {}) {
    super(message, options);
  }
}

/** True when `error` is a {@link GatewayResponseError}, from any installed copy of this package. */
export function isGatewayResponseError(error: unknown): error is GatewayResponseError {
  return hasErrorKind(error, 'GatewayResponseError');
}
