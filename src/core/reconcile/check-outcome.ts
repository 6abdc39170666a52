import { isGatewayRateLimitError } from '../../errors/gateway-rate-limit-error';
import type { RateLimiter } from '../rate-limiter';
import type { ReconcileAction } from '../reconcile-options';
import type { ReconcileSchedule } from '../reconcile-schedule';
import type { SyncResult } from '../sync-result';
import type { PendingOrdersSource } from './pending-orders-source';
import type { SweepSummary } from './sweep-summary';

/** @internal What a sweep does with the result of one check. */
export interface CheckOutcome {
  action: ReconcileAction;
  /** When the order may be taken again (handed back to the source with it). */
  notBefore: Date;
}

/** @internal The parts of a sweep a check's result touches. */
export interface CheckOutcomeContext {
  source: PendingOrdersSource;
  summary: SweepSummary;
  schedule: ReconcileSchedule;
  limiter: RateLimiter;
  errorBackoffMs: number;
  stopOnOpenCircuit(): void;
}

/**
 * @internal Counts a check's result and decides when the order is next due: at its schedule's next time
 * when the gateway answered, after `errorBackoffMs` on a gateway error (and every worker pauses on a
 * 429), at once when the gateway was not asked. An open circuit stops the sweep.
 */
export function checkOutcome(
  context: CheckOutcomeContext,
  orderId: string,
  result: SyncResult,
  after: Date,
): CheckOutcome {
  const { source, summary } = context;
  switch (result.outcome) {
    case 'updated':
    case 'still-pending':
    case 'amount-mismatch':
    case 'superseded': {
      source.forget(orderId);
      summary.count('checked', result.outcome);
      if (result.payment.paymentStatus !== 'PENDING') return { action: 'checked', notBefore: after };
      const next = context.schedule({ order: result.order, payment: result.payment }, after);
      return { action: 'checked', notBefore: next.nextCheckAt ?? after };
    }
    case 'gateway-error':
      summary.count('error', result.outcome);
      if (isGatewayRateLimitError(result.error)) context.limiter.pause(result.error.retryAfterMs ?? 1000);
      return { action: 'error', notBefore: new Date(after.getTime() + context.errorBackoffMs) };
    case 'circuit-open':
      summary.count('skipped');
      context.stopOnOpenCircuit();
      return { action: 'skipped', notBefore: after };
    default:
      // not-pending (settled meanwhile) or throttled: the gateway was not asked.
      if (result.outcome === 'not-pending') source.forget(orderId);
      summary.count('skipped');
      return { action: 'skipped', notBefore: after };
  }
}
