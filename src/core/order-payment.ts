import type { PaymentStatus } from './payment-status';

/** An order's primary key. A numeric id stays a number end to end (and in JSON). */
export type OrderId = string | number;

/**
 * The part of the user's order this library reads and writes. The repository maps it onto the user's
 * own table; other columns are never touched.
 */
export interface Order {
  id: OrderId;
  /** Mirrors the payment record's status. */
  paymentStatus: PaymentStatus;
  /**
   * The user's own order status (`PLACED`, `CONFIRMED`, `SHIPPED`, ...). The library only ever sets
   * it through `orderStatusFor` when the payment reaches a terminal state.
   */
  orderStatus: string;
  /** Amount to be paid, in minor units (paise). Compared with what the gateway reports. */
  amount: number;
  /** ISO 4217 code, when the user stores one. @default 'INR' (not stored) */
  currency?: string;
  /** The id the payment was created with at PhonePe. @default String(id) */
  merchantOrderId?: string | null;
  /** When the order (and its payment) started; drives the reconciler's schedule when present. */
  createdAt?: Date | null;
}

/**
 * The payment record belonging to one order. `additionalInfo` is a JSON object the user may already
 * fill; the library merges its own keys (`last_checked`, `gateway_response`, `anomaly`) into it and
 * never drops keys it does not own.
 */
export interface Payment {
  orderId: OrderId;
  paymentStatus: PaymentStatus;
  transactionId: string | null;
  additionalInfo: Record<string, unknown>;
}

/** An order and its payment record: what a repository reads and writes as one unit. */
export interface OrderPayment {
  order: Order;
  payment: Payment;
}

/**
 * What to write in one atomic step over an order and its payment, applied only while the stored
 * payment is still `PENDING`.
 */
export interface PaymentChange {
  /** The new payment status. `PENDING` means "record a check only": statuses stay as they are. */
  paymentStatus: PaymentStatus;
  /** The new order status; absent means unchanged. */
  orderStatus?: string;
  /** The transaction id to store; absent means unchanged. */
  transactionId?: string | null;
  /** Keys merged (shallowly, key by key) into the stored `additionalInfo`; other keys are kept. */
  additionalInfo: Record<string, unknown>;
}

/** The merchant order id PhonePe knows an order by: `merchantOrderId` when set, else `String(id)`. */
export function merchantOrderIdOf(order: Pick<Order, 'id' | 'merchantOrderId'>): string {
  return order.merchantOrderId ?? String(order.id);
}
