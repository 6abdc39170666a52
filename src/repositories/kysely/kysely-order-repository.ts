import type { Order, OrderPayment } from '../../core/order-payment';
import type { OrderRepository } from '../../ports/order-repository';

/**
 * The `OrderRepository` that `createKyselyOrderRepository` returns, plus typed access to the columns
 * named in `orders.extraColumns`. `Extra` is the union of their keys (`never` without any).
 */
export interface KyselyOrderRepository<Extra extends string = never> extends OrderRepository {
  /**
   * The `orders.extraColumns` values of an order this repository read (`authorize` receives such an
   * order), by their keys. A key whose value is not there (an order from another repository) is
   * `undefined`, so an ownership check on it fails closed.
   * @example
   * ```ts
   * const repository = createKyselyOrderRepository(db, { orders: { extraColumns: { customerId: 'customer_id' } } });
   * const authorize = (req: { user?: { id: number } }, orderPayment: OrderPayment) =>
   *   req.user !== undefined && repository.extraOf(orderPayment).customerId === req.user.id;
   * ```
   */
  extraOf(orderOrPayment: OrderPayment | Order): Readonly<Record<Extra, unknown>>;
}

/** @internal `order.extra` as the repository stored it, or an empty object. */
export function readOrderExtra(orderOrPayment: OrderPayment | Order): Readonly<Record<string, unknown>> {
  const order: object | undefined =
    typeof orderOrPayment === 'object' && orderOrPayment !== null && 'order' in orderOrPayment
      ? orderOrPayment.order
      : orderOrPayment;
  const extra =
    typeof order === 'object' && order !== null ? (order as { extra?: unknown }).extra : undefined;
  return typeof extra === 'object' && extra !== null ? (extra as Record<string, unknown>) : {};
}
