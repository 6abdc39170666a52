import type { ErrorCode } from './error-code';
import type { GatewayErrorOptions } from './gateway-error';
import { GatewayResponseError } from './gateway-response-error';
import { hasErrorKind } from './payment-sync-error';

/** Options of {@link GatewayUnknownStateError}. */
export interface GatewayUnknownStateErrorOptions extends GatewayErrorOptions {
  /** The state the gateway reported, as sent (cut to 40 characters). */
  state: string;
}

/**
 * The gateway answered well-formed for this order, but with an order state the library does not know
 * (PhonePe adds states over time). Nothing is decided from it: the stored state is kept and the next
 * check settles the order. It is about one order, not the gateway's health, so it never counts toward
 * the circuit breaker. A `GatewayResponseError` too (`isGatewayResponseError` is true).
 */
export class GatewayUnknownStateError extends GatewayResponseError {
  static override readonly kind: string = 'GatewayUnknownStateError';
  static override readonly code: ErrorCode = 'GATEWAY_UNKNOWN_STATE';
  /** The state the gateway reported, as sent (cut to 40 characters). */
  readonly state: string;

  constructor(message: string, options: GatewayUnknownStateErrorOptions) {
    super(message, options);
    this.state = options.state.slice(0, 40);
  }
}

/** True when `error` is a {@link GatewayUnknownStateError}, from any installed copy of this package. */
export function isGatewayUnknownStateError(error: unknown): error is GatewayUnknownStateError {
  return hasErrorKind(error, 'GatewayUnknownStateError');
}
