import type { OrderPayment, PaymentChange } from '../core/order-payment';

/**
 * A position in the pending list of {@link OrderRepository.listPendingOrders}: the position of the last
 * row of the previous page, taken from that row as it was returned.
 */
export interface PendingOrdersCursor {
  /** That row's `additional_info.last_checked` as stored (a string), or `null` when it had none. */
  lastChecked: string | null;
  /** That row's order id, as a string (ids reach the repository as strings). */
  orderId: string;
}

/** Query of {@link OrderRepository.listPendingOrders}. */
export interface PendingOrdersQuery {
  /** At most this many rows. A positive integer. */
  limit: number;
  /** Only orders whose `additional_info.last_checked` is missing or strictly earlier than this. */
  checkedBefore?: Date;
  /** A keyset cursor: only rows strictly after this position in the list's order. */
  after?: PendingOrdersCursor;
}

/** Query of {@link OrderRepository.claimPendingOrders}. */
export interface ClaimPendingOrdersQuery {
  /** At most this many rows. A positive integer. */
  limit: number;
  /** Who takes the leases: a stable id per reconciler process or run (any non-empty string). */
  workerId: string;
  /** How long the lease lasts, in ms from `now`, unless released earlier. A positive integer. */
  leaseMs: number;
  /** The caller's clock (the `Clock` port): leases are compared with this time, not the database's. */
  now: Date;
  /** Only orders whose `additional_info.last_checked` is missing or strictly earlier than this. */
  checkedBefore?: Date;
}

/** What {@link OrderRepository.releaseOrderClaim} records. */
export interface OrderClaimRelease {
  /** The worker that claimed the order; a lease held by anyone else is left alone. */
  workerId: string;
  /** The order is not handed out by `claimPendingOrders` before this time (its next scheduled check). */
  notBefore: Date;
}

/**
 * The storage port: where orders and their payment records live. Implementations exist for Kysely
 * (`phonepe-order-sync/kysely`) and memory (`phonepe-order-sync/testing`); any other store can be
 * plugged in and checked with `runOrderRepositoryContract`.
 *
 * Ids reach the repository as strings (a URL segment, a webhook field); a repository over an integer
 * key converts them, and MUST answer `null` (not throw) for a string that cannot be such an id.
 */
export interface OrderRepository {
  /**
   * The order and its payment record, read together, or `null` when there is no such order (or it has
   * no payment record). MUST return a copy the caller may mutate without changing stored state.
   */
  findOrderPayment(orderId: string): Promise<OrderPayment | null>;

  /**
   * Atomically applies `change` to the order AND its payment record, only while the stored payment
   * status is still `PENDING` (compare-and-set).
   *
   * - MUST write both records or neither.
   * - MUST return the updated `OrderPayment`, or `null` when the stored payment was no longer `PENDING`
   *   (or the order does not exist); `null` means nothing was written.
   * - Among concurrent calls for one order that move it to a terminal status, exactly one MUST win.
   * - MUST merge `change.additionalInfo` key by key into the stored object, keeping keys it does not
   *   name, without losing a concurrent writer's keys.
   * - With `change.paymentStatus === 'PENDING'`, MUST leave both statuses and the transaction id as
   *   they are unless `change` names them.
   * - `change.orderStatus` / `change.transactionId` absent means unchanged.
   */
  updatePendingPayment(orderId: string, change: PaymentChange): Promise<OrderPayment | null>;

  /**
   * `PENDING` orders for the reconciler, at most `query.limit` of them, in one total order: never-checked
   * orders first, then by `additional_info.last_checked` ascending; ties (never-checked orders, equal
   * `last_checked`) by order id ascending. SHOULD be served by an index.
   *
   * - MUST order ties by order id, so that every row has one position and `after` is well defined.
   * - With `query.after`, MUST return only rows strictly after that position: rows with a `last_checked`
   *   later than `after.lastChecked` (any `last_checked` when it is `null`), and rows with the same
   *   `last_checked` (both missing, or equal) and an order id greater than `after.orderId`.
   * - MUST NOT return the row at `after` itself, nor any row before it; MUST NOT require that row to
   *   still exist or still be `PENDING` (the position is a pair of values, not a reference).
   * - `after` and `checkedBefore` both apply when both are given.
   *
   * The reconciler pages with `after` (the last row of the previous page), so a sweep reads each order
   * about once. A repository written before `after` existed ignores it: the sweep notices (a page repeats
   * an order it has already seen this sweep), logs a warning once, and falls back for the rest of that
   * sweep to listing from the head with `limit` raised by the orders it has seen and not yet checked. That
   * is correct, but each page re-reads those orders; honour `after` to avoid it.
   */
  listPendingOrders(query: PendingOrdersQuery): Promise<OrderPayment[]>;

  /**
   * Optional. The order whose `merchantOrderId` is `merchantOrderId` (webhooks and the gateway speak in
   * merchant order ids), or `null`. Repositories whose merchant order id is always `String(id)` can
   * leave it out: the fallback is `findOrderPayment(merchantOrderId)`.
   */
  findOrderPaymentByMerchantOrderId?(merchantOrderId: string): Promise<OrderPayment | null>;

  /**
   * Optional, with {@link OrderRepository.releaseOrderClaim} (implement both or neither): the reconciler's
   * multi-worker lease. Atomically picks up to `query.limit` `PENDING` orders whose lease is free, leases
   * them to `query.workerId` until `query.now + query.leaseMs`, and returns them as they are stored.
   *
   * - A lease is free when the order never had one, or its `until` is at or before `query.now`.
   * - MUST pick and lease in one atomic step: among concurrent calls (any process), an order MUST NOT be
   *   returned to two callers while a lease on it is live.
   * - MUST NOT return an order whose payment is not `PENDING`, or one leased (or released with a
   *   `notBefore`) later than `query.now`, or, when `query.checkedBefore` is given, one whose
   *   `additional_info.last_checked` is at or after it.
   * - MUST order like `listPendingOrders` (never checked first, then `last_checked` ascending).
   *   (`claimPendingOrders` takes no `after`: claimed orders are leased, so the next page moves on.)
   * - MUST return the current stored state (read in the same atomic step or after it), never a stale copy.
   * - MUST NOT change the order, the payment or `additional_info`: the lease lives beside them (a
   *   column pair such as `reconcile_lease_owner`/`reconcile_lease_until`, a side table, a Redis key);
   *   `updatePendingPayment` MUST keep working on a leased order.
   * - A crashed worker never releases: its leases simply expire at `until`.
   *
   * Without this capability the reconciler falls back to `listPendingOrders` plus the in-process
   * single-flight: correct (the compare-and-set still makes every transition happen once), but two
   * processes reconciling the same store may check one order at the same moment.
   */
  claimPendingOrders?(query: ClaimPendingOrdersQuery): Promise<OrderPayment[]>;

  /**
   * Optional, with {@link OrderRepository.claimPendingOrders}. Ends `release.workerId`'s lease on the
   * order and keeps it from being claimed again before `release.notBefore` (its next scheduled check;
   * it may be in the past, meaning "claimable now").
   *
   * - MUST change nothing when the order's lease is held by another worker (the original lease expired
   *   and was claimed again) or when there is no such order; MUST NOT throw for either.
   * - MUST NOT change the order, the payment or `additional_info`.
   */
  releaseOrderClaim?(orderId: string, release: OrderClaimRelease): Promise<void>;
}
