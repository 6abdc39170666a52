import type { Logger } from '../../ports/logger';
import { lastCheckedMs } from '../last-checked';
import { merchantOrderIdOf, type OrderPayment } from '../order-payment';
import type { StuckOrderEvent } from '../reconcile-options';
import type { ScheduleDecision } from '../reconcile-schedule';

/** Stuck orders remembered per service; past this, the oldest is forgotten (and may be announced again). */
const MAX_STUCK_REMEMBERED = 10_000;

/** @internal What {@link createStuckReports} needs. */
export interface StuckReportsOptions {
  logger: Logger;
  /**
   * Order id -> epoch ms before which a stuck order is not announced again, kept across sweeps by the
   * service: a listed (unclaimed) stuck order comes back every sweep, and alerts should not.
   */
  reportedUntil: Map<string, number>;
  /** Until when a stuck order is left alone when its schedule gives no `nextCheckAt`. */
  leaseMs: number;
  /** Announces the event (the service's `stuck` event, then the sweep's `onStuck`). */
  announce(event: StuckOrderEvent): void;
}

/**
 * @internal Reports an order its schedule gave up on: logged at warn and announced, unless it was
 * announced already and its quiet period is not over. Returns when to hand the order back.
 */
export function createStuckReports(
  options: StuckReportsOptions,
): (orderPayment: OrderPayment, decision: ScheduleDecision, now: Date) => Date {
  const { logger, reportedUntil, leaseMs, announce } = options;
  return (orderPayment, decision, now) => {
    const orderId = String(orderPayment.order.id);
    const quietUntil = reportedUntil.get(orderId);
    if (quietUntil !== undefined && now.getTime() < quietUntil) return new Date(quietUntil);
    reportedUntil.delete(orderId);
    if (reportedUntil.size >= MAX_STUCK_REMEMBERED) reportedUntil.delete(reportedUntil.keys().next().value!);
    reportedUntil.set(orderId, decision.nextCheckAt?.getTime() ?? now.getTime() + leaseMs);
    const lastChecked = lastCheckedMs(orderPayment.payment);
    const event: StuckOrderEvent = {
      orderId: orderPayment.order.id,
      merchantOrderId: merchantOrderIdOf(orderPayment.order),
      orderPayment,
      expireAt: decision.expireAt ?? null,
      lastCheckedAt: lastChecked === undefined ? null : new Date(lastChecked),
      at: now,
    };
    logger.warn(
      { orderId, expireAt: event.expireAt?.toISOString() ?? null, reason: decision.reason ?? 'stuck' },
      'payment still pending past the give-up point; reported as stuck, left PENDING',
    );
    announce(event);
    return decision.nextCheckAt ?? new Date(now.getTime() + leaseMs);
  };
}
