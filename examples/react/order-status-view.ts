/**
 * The logic behind <OrderStatus>, without React: what to show for an order while its payment settles.
 * Kept framework-free so that it type-checks and is tested in this repository (React is not a
 * dependency of the library); OrderStatus.tsx is a thin shell over it. Copy both into your app.
 */
import {
  isOrderNotFoundError,
  type OrderClient,
  type OrderDetails,
  type OrderId,
} from 'phonepe-order-sync/client';

/** What the component shows. */
export type OrderStatusView =
  | { phase: 'loading' }
  /** Payment in progress: show a spinner. */
  | { phase: 'pending'; details: OrderDetails }
  /** Paid: show the order status (CONFIRMED). `justNow` is true when this page saw it happen. */
  | { phase: 'confirmed'; details: OrderDetails; justNow: boolean }
  /** Payment failed (order CANCELLED): offer to pay again. */
  | { phase: 'failed'; details: OrderDetails }
  /** The status could not be loaded: offer to try again. */
  | { phase: 'error'; message: string };

/** Maps one snapshot to what to show. */
export function viewOf(details: OrderDetails, justNow = false): OrderStatusView {
  switch (details.payment.payment_status) {
    case 'COMPLETED':
      return { phase: 'confirmed', details, justNow };
    case 'FAILED':
      return { phase: 'failed', details };
    default:
      return { phase: 'pending', details };
  }
}

/**
 * Watches `orderId` and calls `onView` with what to show: `loading`, then `pending` while PhonePe has
 * not decided, then `confirmed` or `failed`; `error` when the order cannot be loaded. Transient
 * network trouble keeps the last view (the watch retries on its own). Returns `stop` for cleanup.
 */
export function watchOrderStatus(
  client: OrderClient,
  orderId: OrderId,
  onView: (view: OrderStatusView) => void,
  options: { intervalMs?: number; maxIntervalMs?: number } = {},
): { stop(): void } {
  onView({ phase: 'loading' });
  const watch = client.watchOrder(orderId, {
    ...options,
    onUpdate: (details, { transitioned }) => onView(viewOf(details, transitioned)),
  });
  void watch.done.then((result) => {
    if (result.reason !== 'failed') return;
    onView({
      phase: 'error',
      message: isOrderNotFoundError(result.error)
        ? `Order ${orderId} was not found.`
        : 'Could not load the payment status.',
    });
  });
  return { stop: watch.stop };
}
