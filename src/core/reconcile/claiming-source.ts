import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import type { OrderRepository } from '../../ports/order-repository';
import { callRepository } from '../call-ports';
import { errorSummary } from '../error-summary';
import type { PendingOrdersSource, SourcedOrder } from './pending-orders-source';

/** @internal What {@link createClaimingSource} needs. */
export interface ClaimingSourceOptions {
  /** A repository with both `claimPendingOrders` and `releaseOrderClaim`. */
  repository: OrderRepository;
  logger: Logger;
  clock: Clock;
  pageSize: number;
  workerId: string;
  leaseMs: number;
  /** Orders checked in this sweep carry a `last_checked` at or after this, so no claim returns them again. */
  sweepStart: Date;
}

/** Pages in a row with nothing new after which the sweep stops claiming (what is left was handed back). */
const STALE_PAGES = 3;

/**
 * @internal Pending orders claimed with leases (`claimPendingOrders`), so concurrent workers never check
 * one order at once, and handed back with `releaseOrderClaim` until their next due time. An order handed
 * back unwritten with a `notBefore` already past (an `errorBackoffMs` of 0, a custom schedule) can be
 * claimed again in the same sweep: it is then kept leased ("pushed out") until the sweep ends, so the
 * pages move on, and handed back at the close with the `notBefore` it had.
 */
export function createClaimingSource(options: ClaimingSourceOptions): PendingOrdersSource {
  const { repository, logger, clock, pageSize, workerId, leaseMs, sweepStart } = options;
  // Order id -> the notBefore it was handed back with, for orders nothing was written for this sweep.
  const handedBack = new Map<string, number>();
  const pushedOut = new Set<string>();
  let stalePages = 0;

  async function release(orderId: string, notBefore: Date, unwritten: boolean): Promise<void> {
    if (unwritten) handedBack.set(orderId, notBefore.getTime());
    try {
      await repository.releaseOrderClaim!(orderId, { workerId, notBefore });
    } catch (error) {
      // The lease expires on its own; a failed release only delays the next check.
      logger.warn({ orderId, err: errorSummary(error) }, 'could not release a reconcile claim');
    }
  }

  return {
    async nextPage() {
      const now = clock.now();
      const rows = await callRepository(repository, 'claimPendingOrders', (r) =>
        r.claimPendingOrders!({ limit: pageSize, workerId, leaseMs, now, checkedBefore: sweepStart }),
      );
      const orders: SourcedOrder[] = [];
      for (const orderPayment of rows) {
        const orderId = String(orderPayment.order.id);
        if (handedBack.has(orderId)) pushedOut.add(orderId);
        else orders.push({ orderPayment, leaseUntilMs: now.getTime() + leaseMs });
      }
      stalePages = orders.length === 0 ? stalePages + 1 : 0;
      return { orders, last: rows.length < pageSize || stalePages >= STALE_PAGES };
    },
    forget(orderId) {
      handedBack.delete(orderId);
    },
    release,
    async close(unstarted, now) {
      // Claimed but never started (abort, max-orders, circuit open): free for the next sweep at once.
      await Promise.all(unstarted.map((op) => release(String(op.order.id), now, false)));
      for (const orderId of pushedOut) {
        await release(orderId, new Date(handedBack.get(orderId) ?? now.getTime()), false);
      }
    },
  };
}
