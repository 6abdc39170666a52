import type { OrderDetails } from '../../../src/client/index';

/** A wire-shape body of the order-details route (snake_case), as the server handlers send it. */
export function orderDetailsBody(
  overrides: {
    id?: string | number;
    paymentStatus?: 'PENDING' | 'COMPLETED' | 'FAILED';
    statusUpdated?: boolean;
    transactionId?: string | null;
  } = {},
): OrderDetails {
  const paymentStatus = overrides.paymentStatus ?? 'PENDING';
  const orderStatus = { PENDING: 'PLACED', COMPLETED: 'CONFIRMED', FAILED: 'CANCELLED' }[paymentStatus];
  return {
    order: {
      id: overrides.id ?? 123,
      payment_status: paymentStatus,
      order_status: orderStatus,
      amount: 49_900,
    },
    payment: {
      payment_status: paymentStatus,
      transaction_id:
        overrides.transactionId !== undefined
          ? overrides.transactionId
          : paymentStatus === 'PENDING'
            ? null
            : 'TXN789456123',
      additional_info: {
        last_checked: '2024-01-01T10:05:00.000Z',
        gateway_response: { state: paymentStatus },
      },
    },
    status_updated: overrides.statusUpdated ?? false,
  };
}
