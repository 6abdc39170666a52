import type { PendingOrdersCursor } from '../../ports/order-repository';
import type { OrderPayment } from '../order-payment';

/**
 * @internal The position of a listed row in `listPendingOrders`' order, for the next page's `after`.
 * A `last_checked` that is not a string (never written by this library) counts as none: should the store
 * sort it elsewhere, the next page repeats rows already seen and the sweep falls back to listing from
 * the head, which is slower but still correct.
 */
export function pendingOrdersCursorOf(orderPayment: OrderPayment): PendingOrdersCursor {
  const lastChecked = orderPayment.payment.additionalInfo.last_checked;
  return {
    lastChecked: typeof lastChecked === 'string' ? lastChecked : null,
    orderId: String(orderPayment.order.id),
  };
}
