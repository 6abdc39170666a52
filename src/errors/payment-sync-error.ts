import type { ErrorCode } from './error-code';
import type { OrderClientError } from './order-client-error';

/**
 * A brand stored on every error this package throws. `Symbol.for` makes it global, so the `is*` guards
 * keep working when two copies of the package are installed (where `instanceof` does not).
 */
const KINDS = Symbol.for('phonepe-order-sync.error-kinds');

/** Options accepted by every {@link PaymentSyncError} subclass. */
export interface PaymentSyncErrorOptions {
  /** The underlying error (a driver error, a network failure, a zod issue list). */
  cause?: unknown;
}

/**
 * Base class of every operational failure in phonepe-order-sync. Each subclass has a stable
 * UPPER_SNAKE {@link PaymentSyncError.code | code}, one of the closed {@link ErrorCode} union, that is
 * safe to branch on and to send to clients. Each class fixes its own code: none takes one from the
 * caller, except the browser client's `OrderClientError`, which relays the server's code as sent
 * (`TCode` exists for it alone; leave it at its default).
 * Programmer misuse (a bad option) throws the built-in `TypeError`/`RangeError` instead.
 *
 * @example
 * ```ts
 * app.get('/orders/:id', async (req, res) => {
 *   try {
 *     res.json(await paymentSync.getOrderDetails(req.params.id));
 *   } catch (error) {
 *     if (isOrderNotFoundError(error)) res.status(404).end();
 *     else res.status(isPaymentSyncError(error) && error.code === 'REPOSITORY_ERROR' ? 503 : 500).end();
 *   }
 * });
 * ```
 */
export class PaymentSyncError<TCode extends string = ErrorCode> extends Error {
  /** Class name used as a brand; subclasses override it. */
  static readonly kind: string = 'PaymentSyncError';
  /** Stable, machine-readable error code, e.g. `ORDER_NOT_FOUND`. */
  readonly code: TCode;
  declare readonly [KINDS]: readonly string[];

  // NoInfer: a code outside the union is a type error, not a silently widened `TCode`.
  constructor(message: string, code: NoInfer<TCode>, options: PaymentSyncErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    const kinds: string[] = [];
    for (let ctor = new.target as { kind?: string } | null; ctor?.kind; ctor = Object.getPrototypeOf(ctor)) {
      if (!kinds.includes(ctor.kind)) kinds.push(ctor.kind);
    }
    this.name = kinds[0] ?? 'PaymentSyncError';
    Object.defineProperty(this, KINDS, { value: Object.freeze(kinds), enumerable: false });
  }
}

/** @internal True when `error` was created by (any copy of) this package's class named `kind`. */
export function hasErrorKind(error: unknown, kind: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const kinds = (error as { [KINDS]?: unknown })[KINDS];
  return Array.isArray(kinds) && kinds.includes(kind);
}

/**
 * True for every error this package throws or reports, from any installed copy of it. The browser
 * client's `OrderClientError` is one too, and its `code` may be outside {@link ErrorCode}; rule it out
 * (`isOrderClientError` from `phonepe-order-sync/client`) to narrow `code` to `ErrorCode`.
 */
export function isPaymentSyncError(error: unknown): error is PaymentSyncError | OrderClientError {
  return hasErrorKind(error, 'PaymentSyncError');
}
