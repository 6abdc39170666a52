import type { OrderPayment } from '../order-payment';

/** @internal One pending order a source handed to the sweep. */
export interface SourcedOrder {
  orderPayment: OrderPayment;
  /**
   * Epoch ms at which this sweep's claim on the order runs out (`Infinity` when it was only listed): a
   * check that could still be running then is not started, so no two workers ever check it at once.
   */
  leaseUntilMs: number;
}

/** @internal One page of a {@link PendingOrdersSource}. */
export interface SourcedPage {
  /** The page's orders this sweep has not looked at yet (possibly none). */
  orders: SourcedOrder[];
  /** No page follows: the store has no more pending orders for this sweep. */
  last: boolean;
}

/**
 * @internal Where one sweep's pending orders come from, page by page, each order at most once per sweep:
 * listed behind a keyset cursor (`listPendingOrders`, see `listing-source.ts`) or claimed with leases
 * (`claimPendingOrders`/`releaseOrderClaim`, see `claiming-source.ts`). The sweep loop calls it from
 * one place at a time; only `release` may run concurrently.
 */
export interface PendingOrdersSource {
  /** The next page. Rejects with `RepositoryError` when the store fails; the sweep then ends. */
  nextPage(): Promise<SourcedPage>;
  /** The order left the pending set for this sweep (it was written, or is no longer `PENDING`). */
  forget(orderId: string): void;
  /**
   * Hands the order back, not to be taken again before `notBefore`. `unwritten`: nothing was written
   * for it (skipped, failed), so the sweep must not look at it again should the store return it.
   * Never rejects: a failed hand-back is logged (the lease runs out on its own).
   */
  release(orderId: string, notBefore: Date, unwritten: boolean): Promise<void>;
  /** Ends the sweep: hands back the orders taken but never started, then those held back meanwhile. */
  close(unstarted: readonly OrderPayment[], now: Date): Promise<void>;
}
