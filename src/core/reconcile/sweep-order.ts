import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import { errorSummary } from '../error-summary';
import type { OrderPayment } from '../order-payment';
import type { ReconcileAction, ReconcileProgress } from '../reconcile-options';
import type { ScheduleDecision } from '../reconcile-schedule';
import type { SyncResult } from '../sync-result';
import { type CheckOutcomeContext, checkOutcome } from './check-outcome';
import type { SourcedOrder } from './pending-orders-source';

/** @internal What {@link createSweepOrder} needs: the sweep's parts and options. */
export interface SweepOrderOptions extends CheckOutcomeContext {
  clock: Clock;
  logger: Logger;
  signal: AbortSignal | undefined;
  /** The bound on one gateway call: a check is not started when the lease could run out before it ends. */
  timeoutMs: number;
  leaseMs: number;
  /** One check through the service's transition. */
  check(orderPayment: OrderPayment): Promise<SyncResult>;
  /** Reports a stuck order (or not, when it was recently); returns when to hand it back. */
  reportStuck(orderPayment: OrderPayment, decision: ScheduleDecision, now: Date): Date;
  /** Tells `onProgress` what happened to the order. */
  progress(orderPayment: OrderPayment, action: ReconcileAction, extra: Partial<ReconcileProgress>): void;
}

/**
 * @internal One order through a sweep: the schedule decides (skip, stuck, due), a due one waits for the
 * rate limit and goes through `check`, and the order is handed back to the source until its next due
 * time. Every order lands in exactly one summary bucket; nothing here throws but a throwing schedule
 * after a check.
 */
export function createSweepOrder(options: SweepOrderOptions): (order: SourcedOrder) => Promise<void> {
  const { clock, logger, source, summary, schedule, limiter, signal, timeoutMs, leaseMs, errorBackoffMs } =
    options;
  const { reportStuck, check, progress } = options;

  return async ({ orderPayment, leaseUntilMs }) => {
    const orderId = String(orderPayment.order.id);
    const release = (notBefore: Date, unwritten = true) => source.release(orderId, notBefore, unwritten);
    summary.scan();
    const now = clock.now();
    if (orderPayment.payment.paymentStatus !== 'PENDING') {
      source.forget(orderId);
      summary.count('skipped');
      return progress(orderPayment, 'skipped', {});
    }
    let decision: ScheduleDecision;
    try {
      decision = schedule(orderPayment, now);
    } catch (error) {
      summary.count('error');
      logger.error({ orderId, err: errorSummary(error) }, 'reconcile schedule threw; order left as it is');
      await release(new Date(now.getTime() + errorBackoffMs));
      return progress(orderPayment, 'error', {});
    }

    if (decision.stuck) {
      summary.count('stuck');
      await release(reportStuck(orderPayment, decision, now));
      return progress(orderPayment, 'stuck', { decision });
    }
    if (!decision.due) {
      summary.count('skipped');
      await release(decision.nextCheckAt ?? new Date(now.getTime() + leaseMs));
      return progress(orderPayment, 'skipped', { decision });
    }
    try {
      await limiter.acquire(signal);
    } catch {
      // Aborted while waiting for the rate limit: not checked, handed back at once.
      summary.count('skipped');
      await release(clock.now());
      return progress(orderPayment, 'skipped', { decision });
    }
    if (clock.now().getTime() + timeoutMs > leaseUntilMs) {
      // Another worker may own it by the time the gateway answers: leave it to them.
      summary.count('skipped');
      logger.warn({ orderId, leaseMs }, 'reconcile lease ran out before the check; raise leaseMs');
      await release(clock.now());
      return progress(orderPayment, 'skipped', { decision });
    }

    let result: SyncResult;
    try {
      result = await check(orderPayment);
    } catch (error) {
      summary.count('error');
      logger.error({ orderId, err: errorSummary(error) }, 'reconcile check failed; order left as it is');
      await release(new Date(clock.now().getTime() + errorBackoffMs));
      return progress(orderPayment, 'error', { decision });
    }

    const { action, notBefore } = checkOutcome(options, orderId, result, clock.now());
    await release(notBefore, action !== 'checked');
    progress(orderPayment, action, { outcome: result.outcome, decision });
  };
}
