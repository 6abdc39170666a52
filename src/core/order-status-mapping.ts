import type { OrderPayment } from './order-payment';

/**
 * Maps a terminal payment status to the order status to store. Either a function, or an object that
 * overrides one or both defaults.
 * @default { COMPLETED: 'CONFIRMED', FAILED: 'CANCELLED' }
 * @example
 * ```ts
 * createPaymentSync({ repository, gateway, orderStatusFor: { COMPLETED: 'PAID' } });
 * ```
 */
export type OrderStatusMapping =
  | ((paymentStatus: 'COMPLETED' | 'FAILED', current: OrderPayment) => string)
  | Partial<Record<'COMPLETED' | 'FAILED', string>>;

/** The default order status per terminal payment status. */
export const DEFAULT_ORDER_STATUS = Object.freeze({ COMPLETED: 'CONFIRMED', FAILED: 'CANCELLED' } as const);

/** @internal Resolves the order status for a terminal payment status under `mapping`. */
export function orderStatusFor(
  mapping: OrderStatusMapping | undefined,
  paymentStatus: 'COMPLETED' | 'FAILED',
  current: OrderPayment,
): string {
  if (typeof mapping === 'function') return mapping(paymentStatus, current);
  return mapping?.[paymentStatus] ?? DEFAULT_ORDER_STATUS[paymentStatus];
}
