import { hasErrorKind, PaymentSyncError, type PaymentSyncErrorOptions } from './payment-sync-error';

/**
 * The environment does not match what the configuration promised, detected at run time (for example a mapped table or column that does not exist). Bad options passed to a factory throw `TypeError`/`RangeError` at construction instead.
 */
export class ConfigError extends PaymentSyncError {
  static override readonly kind: string = 'ConfigError';

  constructor(message: string, options: PaymentSyncErrorOptions = {}) {
    super(message, 'CONFIG_INVALID', options);
  }
}

/** True when `error` is a {@link ConfigError}, from any installed copy of this package. */
export function isConfigError(error: unknown): error is ConfigError {
  return hasErrorKind(error, 'ConfigError');
}
