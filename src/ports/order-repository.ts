import type { OrderPayment, PaymentChange } from '../core/order-payment';

/** Query of {@link OrderRepository.listPendingOrders}. */
export interface PendingOrdersQuery {
  /** At most this many rows. A positive integer. */
  limit: number;
  /** Only orders whose `additional_info.last_checked` is missing or strictly earlier than this. */
  checkedBefore?: Date;
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
   * `PENDING` orders for the reconciler, least recently checked first (never-checked orders first,
   * then by `additional_info.last_checked` ascending), at most `query.limit` of them. SHOULD be served
   * by an index.
   */
  listPendingOrders(query: PendingOrdersQuery): Promise<OrderPayment[]>;

  /**
   * Optional. The order whose `merchantOrderId` is `merchantOrderId` (webhooks and the gateway speak in
   * merchant order ids), or `null`. Repositories whose merchant order id is always `String(id)` can
   * leave it out: the fallback is `findOrderPayment(merchantOrderId)`.
   */
  findOrderPaymentByMerchantOrderId?(merchantOrderId: string): Promise<OrderPayment | null>;
}
