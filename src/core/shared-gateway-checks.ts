import { resultOf } from './apply-reported-status';
import type { OrderPayment } from './order-payment';
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
 * @internal What a caller that joined another caller's check gets back, given its own (pending) read.
 * The shared check started past the throttle and the circuit breaker, so it ended in one of:
 * - `updated`: the new state, `statusUpdated: false`, outcome `superseded` (the starter's
 *   compare-and-set won; exactly one answer per transition says `updated`);
 * - `gateway-error`: the caller's own read (the starter's snapshot may be older than it);
 * - anything else (`still-pending`, `amount-mismatch`, `superseded`): the state the check wrote or
 *   re-read, no older than this caller's pending read.
 */
export function answerForJoiner(own: OrderPayment, shared: SyncResult): SyncResult {
  if (shared.outcome === 'updated') return { ...shared, statusUpdated: false, outcome: 'superseded' };
  if (shared.outcome === 'gateway-error') return resultOf(own, 'gateway-error', true, shared.error);
  return shared;
}
