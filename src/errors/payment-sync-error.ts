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
 * UPPER_SNAKE {@link PaymentSyncError.code | code} that is safe to branch on and to send to clients.
 * Programmer misuse (a bad option) throws the built-in `TypeError`/`RangeError` instead.
 *
 * @example
 * ```ts
 * try { await paymentSync.getOrderDetails(id); }
 * catch (error) {
 *   if (isOrderNotFoundError(error)) return res.status(404).end();
 *   throw error;
 * }
 * ```
 */
export class PaymentSyncError extends Error {
  /** Class name used as a brand; subclasses override it. */
  static readonly kind: string = 'PaymentSyncError';
  /** Stable, machine-readable error code, e.g. `ORDER_NOT_FOUND`. */
  readonly code: string;
  declare readonly [KINDS]: readonly string[];

  constructor(message: string, code: string, options: PaymentSyncErrorOptions = {}) {
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

/** True for every error this package throws or reports, from any installed copy of it. */
export function isPaymentSyncError(error: unknown): error is PaymentSyncError {
  return hasErrorKind(error, 'PaymentSyncError');
}
