import type { OrderId } from './order-payment';

/**
 * A refund's state. `PENDING`: stored, maybe not yet accepted by the gateway; `CONFIRMED`: the gateway
 * accepted it and it is in progress; `COMPLETED` and `FAILED` are terminal and never change again.
 * A status only moves forward: `PENDING` -> `CONFIRMED` -> `COMPLETED` | `FAILED`.
 */
export type RefundStatus = 'PENDING' | 'CONFIRMED' | 'COMPLETED' | 'FAILED';

/** Every {@link RefundStatus}, in the order a refund moves through them. */
export const REFUND_STATUSES: readonly RefundStatus[] = Object.freeze([
  'PENDING',
  'CONFIRMED',
  'COMPLETED',
  'FAILED',
]);

/** True when `value` is one of the four {@link RefundStatus} strings. */
export function isRefundStatus(value: unknown): value is RefundStatus {
  return value === 'PENDING' || value === 'CONFIRMED' || value === 'COMPLETED' || value === 'FAILED';
}

/** True for `COMPLETED` and `FAILED`: refund states that never change again. */
export function isTerminalRefundStatus(status: RefundStatus): status is 'COMPLETED' | 'FAILED' {
  return status === 'COMPLETED' || status === 'FAILED';
}

/** @internal How far along a status is: a refund never moves to a lower rank. */
export function refundStatusRank(status: RefundStatus): 0 | 1 | 2 {
  if (status === 'PENDING') return 0;
  return status === 'CONFIRMED' ? 1 : 2;
}

/**
 * One refund of (part of) an order's payment, as the repository stores it. `additionalInfo` is the
 * refund's audit object: the library owns `last_checked`, `gateway_response`, `submitted_at`, `anomaly`
 * and `error` in it, and keeps any other key.
 */
export interface Refund {
  /** The refund's id at the gateway and in the store: 1–63 chars of `[A-Za-z0-9_-]`, unique. */
  merchantRefundId: string;
  /** The order refunded. */
  orderId: OrderId;
  /** Minor units (paise), a positive integer. */
  amount: number;
  status: RefundStatus;
  /** The gateway's own id for the refund (PhonePe's `refundId`), once it answered. */
  gatewayRefundId: string | null;
  /** Why the shop refunded, as given to `refund()`. */
  reason: string | null;
  /** When the refund was stored. */
  createdAt: Date;
  additionalInfo: Record<string, unknown>;
}

/** What `insertRefund` stores: a new `PENDING` refund. */
export interface NewRefund {
  merchantRefundId: string;
  /** The order's id as a string (ids reach the repository as strings). */
  orderId: string;
  amount: number;
  reason: string | null;
  createdAt: Date;
  additionalInfo: Record<string, unknown>;
}

/** What `updatePendingRefund` writes, only while the stored status is still `from`. */
export interface RefundChange {
  /** The status the caller read: the compare-and-set applies only while the stored status equals it. */
  from: 'PENDING' | 'CONFIRMED';
  /** The new status; equal to `from` means "record a check only". Never a lower rank than `from`. */
  status: RefundStatus;
  /** The gateway's id for the refund; absent means unchanged. */
  gatewayRefundId?: string | null;
  /** Keys merged (shallowly, key by key) into the stored `additionalInfo`; other keys are kept. */
  additionalInfo: Record<string, unknown>;
  /**
   * With `status: 'COMPLETED'`: when, after this write, the order's `COMPLETED` refunds add up to its
   * amount, the order's status becomes this, in the same atomic step. Absent: the order is not touched.
   */
  orderStatusWhenFullyRefunded?: string;
}
