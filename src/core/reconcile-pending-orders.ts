import { createPaymentSync } from './create-payment-sync';
import { assertKnownKeys } from './options-error';
import { PAYMENT_SYNC_OPTION_KEYS, type PaymentSyncOptions } from './payment-sync-options';
import {
  assertReconcileOptions,
  RECONCILE_OPTION_KEYS,
  type ReconcileOptions,
  type ReconcileSummary,
} from './reconcile-options';

/** Options of {@link reconcilePendingOrders}: the service's options and one sweep's options together. */
export interface ReconcilePendingOrdersOptions extends PaymentSyncOptions, ReconcileOptions {}

/**
 * One reconcile sweep without holding a `PaymentSync`: builds one from `options` and runs
 * {@link PaymentSync.reconcile}. A process that also serves reads should call `paymentSync.reconcile`
 * instead, so reads and the reconciler share single-flight and the circuit breaker; so should a loop of
 * sweeps, since each call here starts with a fresh circuit breaker and forgets which stuck orders it
 * already reported.
 * @example
 * ```ts
 * import { reconcilePendingOrders } from 'phonepe-order-sync';
 * const summary = await reconcilePendingOrders({ repository, gateway, logger, concurrency: 8, rateLimit: 20 });
 * ```
 */
export function reconcilePendingOrders(options: ReconcilePendingOrdersOptions): Promise<ReconcileSummary> {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('reconcilePendingOrders: options must be an object');
  }
  assertKnownKeys('reconcilePendingOrders', options, [...PAYMENT_SYNC_OPTION_KEYS, ...RECONCILE_OPTION_KEYS]);
  const syncOptions: Record<string, unknown> = {};
  const sweepOptions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    (RECONCILE_OPTION_KEYS.includes(key) ? sweepOptions : syncOptions)[key] = value;
  }
  assertReconcileOptions(sweepOptions, 'reconcilePendingOrders');
  return createPaymentSync(syncOptions as unknown as PaymentSyncOptions).reconcile(sweepOptions);
}
