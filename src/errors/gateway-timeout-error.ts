import type { ErrorCode } from './error-code';
import { GatewayError, type GatewayErrorOptions } from './gateway-error';
import { hasErrorKind } from './payment-sync-error';

/**
 * The gateway did not answer within the time budget (`timeoutMs`). The payment may or may not have moved: the stored state is kept and the next check settles it.
 */
export class GatewayTimeoutError extends GatewayError {
  static override readonly kind: string = 'GatewayTimeoutError';
  static override readonly code: ErrorCode = 'GATEWAY_TIMEOUT';

  constructor(message: string, options: GatewayErrorOptions = {}) {
    super(message, options);
  }
}

/** True when `error` is a {@link GatewayTimeoutError}, from any installed copy of this package. */
export function isGatewayTimeoutError(error: unknown): error is GatewayTimeoutError {
  return hasErrorKind(error, 'GatewayTimeoutError');
}
