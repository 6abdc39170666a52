// A React component over watchOrder. Needs react >= 18 and a bundler (Vite, Next.js, ...); see README.md.
import type { OrderClient, OrderId } from 'phonepe-order-sync/client';
import { useEffect, useState } from 'react';
import { type OrderStatusView, watchOrderStatus } from './order-status-view';

export interface OrderStatusProps {
  client: OrderClient;
  orderId: OrderId;
  /** Called by the "Retry payment" button of a failed payment: start a new checkout. */
  onRetryPayment: () => void;
}

export function OrderStatus({ client, orderId, onRetryPayment }: OrderStatusProps) {
  const [view, setView] = useState<OrderStatusView>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0); // bumped by "Try again" to start a fresh watch

  useEffect(() => {
    const watch = watchOrderStatus(client, orderId, setView);
    return () => watch.stop(); // unmount or a new order id: no request outlives the component
  }, [client, orderId, attempt]);

  switch (view.phase) {
    case 'loading':
    case 'pending':
      return (
        <p className="order-status" data-phase={view.phase} aria-busy="true">
          <span className="spinner" aria-hidden="true" /> Waiting for payment of order {String(orderId)}…
        </p>
      );
    case 'confirmed':
      return (
        <p className="order-status" data-phase="confirmed" role="status">
          Order {view.details.order.order_status}
          {view.justNow ? ': payment received, thank you!' : ''} (transaction{' '}
          {view.details.payment.transaction_id})
        </p>
      );
    case 'failed':
      return (
        <div className="order-status" data-phase="failed" role="alert">
          Payment failed, order {view.details.order.order_status}.{' '}
          <button type="button" onClick={onRetryPayment}>
            Retry payment
          </button>
        </div>
      );
    case 'error':
      return (
        <div className="order-status" data-phase="error" role="alert">
          {view.message}{' '}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      );
  }
}
