import type { ErrorCode } from './error-code';
import { GatewayError, type GatewayErrorOptions } from './gateway-error';
import { hasErrorKind } from './payment-sync-error';

/** Options of {@link GatewayRateLimitError}. */
export interface GatewayRateLimitErrorOptions extends GatewayErrorOptions {
  /** How long the gateway asked callers to wait (from `Retry-After`), when it said. */
  retryAfterMs?: number;
}

/** The gateway answered 429 (too many requests), after any retries the time budget allowed. */
export class GatewayRateLimitError extends GatewayError {
  static override readonly kind: string = 'GatewayRateLimitError';
  static override readonly code: ErrorCode = 'GATEWAY_RATE_LIMITED';
  /** How long the gateway asked callers to wait, in milliseconds, when it said (`Retry-After`). */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: GatewayRateLimitErrorOptions = {}) {
    super(message, { status: 429, ...options });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** True when `error` is a {@link GatewayRateLimitError}, from any installed copy of this package. */
export function isGatewayRateLimitError(error: unknown): error is GatewayRateLimitError {
  return hasErrorKind(error, 'GatewayRateLimitError');
}
