import type { ErrorCode } from './error-code';
import { hasErrorKind, PaymentSyncError, type PaymentSyncErrorOptions } from './payment-sync-error';

/** Options of {@link GatewayError} and its subclasses. */
export interface GatewayErrorOptions extends PaymentSyncErrorOptions {
  /** HTTP status the gateway answered with, when it answered at all. */
  status?: number;
}

/**
 * The payment gateway could not tell the payment's state: network failure, 5xx, an unexpected 4xx.
 * It says nothing about the payment itself, so the stored state stays as it is. Subclasses narrow the
 * reason. Never contains credentials or tokens.
 */
export class GatewayError extends PaymentSyncError {
  static override readonly kind: string = 'GatewayError';
  /** The code of every instance of this class; each subclass fixes its own (not an option, so never the caller's). */
  static readonly code: ErrorCode = 'GATEWAY_ERROR';
  /** HTTP status the gateway answered with, when it answered at all. */
  readonly status: number | undefined;

  constructor(message: string, options: GatewayErrorOptions = {}) {
    super(message, new.target.code, options);
    this.status = options.status;
  }
}

/** True when `error` is a {@link GatewayError} or one of its subclasses, from any installed copy. */
export function isGatewayError(error: unknown): error is GatewayError {
  return hasErrorKind(error, 'GatewayError');
}
