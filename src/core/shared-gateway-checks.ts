import { resultOf } from './apply-reported-status';
import type { OrderPayment } from './order-payment';
import { isTerminalPaymentStatus } from './payment-status';
import type { SyncResult } from './sync-result';

/**
 * @internal One gateway check (ask, then compare-and-set) per order at a time, shared by every caller
 * that arrives while it runs: reads, webhook confirmations and reconcile checks.
 *
 * What is shared is the gateway call and its write, never a stale answer. Each caller brings its own
 * read (`own`), and {@link answerForJoiner} makes sure it never gets back a state older than that read,
 * even when the shared call fails, and that only the caller whose compare-and-set won hears
 * `statusUpdated: true`.
 */
export function createSharedGatewayChecks() {
  const inFlight = new Map<string, Promise<SyncResult>>();
  return {
    /** Joins the check in flight for this order, or `undefined` when there is none. */
    join(own: OrderPayment): Promise<SyncResult> | undefined {
      const running = inFlight.get(String(own.order.id));
      return running?.then((shared) => answerForJoiner(own, shared));
    },
    /** Runs `check` as the order's shared check; the caller that starts it gets its answer as is. */
    start(own: OrderPayment, check: () => Promise<SyncResult>): Promise<SyncResult> {
      const key = String(own.order.id);
      const running = check().finally(() => inFlight.delete(key));
      inFlight.set(key, running);
      return running;
    },
  };
}

/**
 * @internal What a caller that joined another caller's check gets back, given its own read:
 * - the check moved the payment: the new state, `statusUpdated: false`, outcome `superseded` (the
 *   starter's compare-and-set won; exactly one answer per transition says `updated`);
 * - the check failed, hit the circuit or was throttled: the caller's own read, with that outcome (the
 *   starter's snapshot may be older than what this caller read);
 * - otherwise the fresher of the two states (a terminal one beats a pending one).
 */
export function answerForJoiner(own: OrderPayment, shared: SyncResult): SyncResult {
  switch (shared.outcome) {
    case 'updated':
      return { ...shared, statusUpdated: false, outcome: 'superseded' };
    case 'gateway-error':
    case 'circuit-open':
    case 'throttled':
      return resultOf(own, shared.outcome, shared.checked, shared.error);
    default:
      if (isTerminalPaymentStatus(own.payment.paymentStatus)) return resultOf(own, 'not-pending', false);
      return shared.statusUpdated ? { ...shared, statusUpdated: false } : shared;
  }
}
