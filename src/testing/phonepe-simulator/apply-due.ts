import { move, type OrderClock, type OrderRecord } from './order-record';

/**
 * Brings an order up to the clock: applies its scheduled transitions that are due, in order, then fails
 * it with `EXPIRED` if it is still PENDING at its `expireAt`. Run before the order is shown.
 */
export function applyDue(clock: OrderClock, order: OrderRecord): void {
  while (order.pending.length > 0) {
    const next = order.pending[0]!;
    const due =
      (next.afterMs === undefined || clock.now() - order.createdAt >= next.afterMs) &&
      (next.afterChecks === undefined || order.checks >= next.afterChecks);
    if (!due) break;
    // A change scheduled after the expiry never reaches a PENDING order: it expired first.
    const afterExpiry = next.afterMs !== undefined && order.createdAt + next.afterMs > order.expireAt;
    if (order.state === 'PENDING' && afterExpiry) break;
    order.pending.shift();
    move(clock, order, next.state, next);
  }
  // PhonePe fails an order still PENDING at its expireAt; FAILED is final, so nothing scripted follows.
  if (order.state === 'PENDING' && clock.now() >= order.expireAt) {
    order.state = 'FAILED';
    order.errorCode = 'EXPIRED';
    order.detailedErrorCode = undefined;
    order.pending = [];
  }
}
