import type { NewRefund, Refund, RefundChange } from '../core/refund';

/**
 * How {@link RefundRepository.insertRefund} ended. Only `inserted` wrote anything.
 * - `inserted`: the new `PENDING` refund was stored.
 * - `existing`: a refund with this `merchantRefundId` already exists (any order, any state); it is returned.
 * - `order-not-found`: no such order (or it has no payment record).
 * - `payment-not-completed`: the order's payment is not `COMPLETED`.
 * - `in-progress`: the order already has a refund that is not terminal (`refund` is that one).
 * - `amount-exceeded`: the order's non-`FAILED` refunds plus this amount would exceed the order amount;
 *   `refundable` is what is left.
 */
export type InsertRefundResult =
  | { outcome: 'inserted'; refund: Refund }
  | { outcome: 'existing'; refund: Refund }
  | { outcome: 'order-not-found' }
  | { outcome: 'payment-not-completed' }
  | { outcome: 'in-progress'; refund: Refund }
  | { outcome: 'amount-exceeded'; refundable: number };

/** A position in {@link RefundRepository.listPendingRefunds}: the last row of the previous page. */
export interface PendingRefundsCursor {
  /** That row's `additional_info.last_checked` as stored, or `null` when it had none. */
  lastChecked: string | null;
  merchantRefundId: string;
}

/** Query of {@link RefundRepository.listPendingRefunds}. */
export interface PendingRefundsQuery {
  /** At most this many rows. A positive integer. */
  limit: number;
  /** Only refunds whose `additional_info.last_checked` is missing or strictly earlier than this. */
  checkedBefore?: Date;
  /** A keyset cursor: only rows strictly after this position. */
  after?: PendingRefundsCursor;
}

/** What {@link RefundRepository.updatePendingRefund} wrote. */
export interface RefundUpdate {
  refund: Refund;
  /** The order's status after the write (changed only by `orderStatusWhenFullyRefunded`). */
  orderStatus: string;
  /** True when this write made the order's `COMPLETED` refunds reach its amount. */
  fullyRefunded: boolean;
}

/**
 * The optional refund capability of an {@link OrderRepository}: implement all five methods or none.
 * Without it, `paymentSync.refund()` throws a `TypeError` and refund webhooks are acknowledged and
 * logged. `runOrderRepositoryContract` checks it, races included, when the repository has it.
 */
export interface RefundRepository {
  /**
   * Stores a new `PENDING` refund after checking, in ONE atomic step and in this order: an existing
   * refund with `refund.merchantRefundId`; the order and its payment (`COMPLETED`); no non-terminal
   * refund on the order; the order's non-`FAILED` refund amounts plus `refund.amount` at most the
   * order's amount. See {@link InsertRefundResult}.
   *
   * - MUST serialize concurrent calls for one order (a row lock on the order, `BEGIN IMMEDIATE`, ...):
   *   two concurrent refunds of the last 100 paise MUST NOT both be `inserted`.
   * - MUST NOT write anything unless the outcome is `inserted`.
   * - MUST answer `existing` for a known `merchantRefundId` whatever the other fields say (the caller
   *   compares them).
   */
  insertRefund(refund: NewRefund): Promise<InsertRefundResult>;

  /** The refund with this id, or `null`. MUST return a copy the caller may mutate. */
  findRefund(merchantRefundId: string): Promise<Refund | null>;

  /** The order's refunds, oldest first (ties by `merchantRefundId`); `[]` for an unknown order. */
  listRefunds(orderId: string): Promise<Refund[]>;

  /**
   * Compare-and-set: applies `change` only while the stored status still equals `change.from`.
   *
   * - MUST return the update, or `null` when the stored status was no longer `change.from` (or there is
   *   no such refund); `null` means nothing was written.
   * - Among concurrent calls with the same `from`, at most one MUST win.
   * - MUST merge `change.additionalInfo` key by key into the stored object, keeping other keys.
   * - With `change.status === 'COMPLETED'` and `change.orderStatusWhenFullyRefunded`, MUST, in the same
   *   atomic step, set the order's status to it when the order's `COMPLETED` refunds (this one
   *   included) add up to at least the order's amount; MUST NOT touch the payment record.
   */
  updatePendingRefund(merchantRefundId: string, change: RefundChange): Promise<RefundUpdate | null>;

  /**
   * Non-terminal refunds for the reconciler, at most `query.limit`, never-checked first, then by
   * `additional_info.last_checked` ascending, ties by `merchantRefundId` ascending; `after` and
   * `checkedBefore` as in `listPendingOrders`.
   */
  listPendingRefunds(query: PendingRefundsQuery): Promise<Refund[]>;
}
