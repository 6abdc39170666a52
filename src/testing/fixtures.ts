import type { Order, OrderPayment, Payment } from '../core/order-payment';
import type { PaymentStatus } from '../core/payment-status';

/** Overrides of {@link buildOrderPayment}. */
export interface OrderPaymentFixture {
  id?: Order['id'];
  paymentStatus?: PaymentStatus;
  orderStatus?: string;
  amount?: number;
  merchantOrderId?: string | null;
  createdAt?: Date | null;
  transactionId?: string | null;
  additionalInfo?: Record<string, unknown>;
}

/**
 * An `OrderPayment` for tests: by default order 1, `PENDING`/`PLACED`, 49,900 paise, with the
 * user-owned `additional_info` keys the specification mentions (`redirect_url`, `expire_at`).
 * @example
 * ```ts
 * const repository = createMemoryOrderRepository([buildOrderPayment({ id: 7, amount: 10_000 })]);
 * repository.insert(buildOrderPayment({ id: 8, paymentStatus: 'COMPLETED', orderStatus: 'CONFIRMED' }));
 * ```
 */
export function buildOrderPayment(fixture: OrderPaymentFixture = {}): OrderPayment {
  const id = fixture.id ?? 1;
  const paymentStatus = fixture.paymentStatus ?? 'PENDING';
  const order: Order = {
    id,
    paymentStatus,
    orderStatus:
      fixture.orderStatus ??
      (paymentStatus === 'COMPLETED' ? 'CONFIRMED' : paymentStatus === 'FAILED' ? 'CANCELLED' : 'PLACED'),
    amount: fixture.amount ?? 49_900,
  };
  if (fixture.merchantOrderId !== undefined) order.merchantOrderId = fixture.merchantOrderId;
  if (fixture.createdAt !== undefined) order.createdAt = fixture.createdAt;
  const payment: Payment = {
    orderId: id,
    paymentStatus,
    transactionId: fixture.transactionId ?? null,
    additionalInfo: fixture.additionalInfo ?? {
      redirect_url: `https://shop.example/pay/${id}`,
      expire_at: '2030-01-01T00:00:00.000Z',
    },
  };
  return { order, payment };
}
