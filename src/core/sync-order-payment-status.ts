import { isGatewayAuthError } from '../errors/gateway-auth-error';
import { OrderNotFoundError } from '../errors/order-not-found-error';
import { applyReportedStatus, resultOf } from './apply-reported-status';
import { callGateway, callRepository, isGatewayFailure } from './call-ports';
import { errorSummary } from './error-summary';
import { assertKnownKeys } from './options-error';
import { merchantOrderIdOf, type Order, type OrderPayment } from './order-payment';
import {
  assertSyncDeps,
  type ResolvedSyncDeps,
  resolveSyncDeps,
  SYNC_DEPS_KEYS,
  type SyncDeps,
} from './sync-deps';
import type { SyncResult, SyncSource } from './sync-result';

/**
 * Brings one order in step with the gateway: the stateless primitive behind every read.
 *
 * A `PENDING` payment is checked with the gateway and, in one atomic compare-and-set over order and
 * payment, moved to `COMPLETED`/`CONFIRMED` or `FAILED`/`CANCELLED` (transaction id, `last_checked` and a
 * sanitized `gateway_response` kept in `additional_info`). A still-pending answer only records the
 * check. A terminal payment is returned as stored without asking the gateway.
 *
 * Gateway trouble (slow, down, nonsense) never throws: the stored state comes back with
 * `outcome: 'gateway-error'` and the error in `error`, and it is logged. A repository failure throws
 * `RepositoryError`; an unknown order id throws `OrderNotFoundError`.
 *
 * @param order - The stored `OrderPayment`, or an `Order` whose payment the repository supplies.
 * @example
 * ```ts
 * const orderPayment = await repository.findOrderPayment('123');
 * if (orderPayment) {
 *   const result = await syncOrderPaymentStatus(orderPayment, { repository, gateway, logger });
 *   if (result.statusUpdated) console.log(`order ${result.order.id} is now ${result.order.orderStatus}`);
 * }
 * ```
 */
export async function syncOrderPaymentStatus(
  order: Order | OrderPayment,
  deps: SyncDeps,
): Promise<SyncResult> {
  assertSyncDeps(deps, 'syncOrderPaymentStatus');
  assertKnownKeys('syncOrderPaymentStatus', deps, SYNC_DEPS_KEYS);
  const resolved = resolveSyncDeps(deps);
  const stored = await resolveOrderPayment(order, resolved);
  return checkStoredOrder(stored, resolved, deps.source ?? 'read');
}

/**
 * @internal The body of {@link syncOrderPaymentStatus} for callers that validated and resolved their
 * dependencies once (the `PaymentSync` service, the reconciler).
 */
export async function checkStoredOrder(
  stored: OrderPayment,
  deps: ResolvedSyncDeps,
  source: SyncSource,
): Promise<SyncResult> {
  if (stored.payment.paymentStatus !== 'PENDING') return resultOf(stored, 'not-pending', false);
  let reported: Awaited<ReturnType<typeof callGateway>>;
  try {
    reported = await callGateway(deps.gateway, merchantOrderIdOf(stored.order), deps.timeoutMs);
  } catch (error) {
    if (!isGatewayFailure(error)) throw error;
    if (isGatewayAuthError(error)) {
      // Not a blip: every read fails the same way until someone fixes the credentials.
      deps.logger.error(
        { orderId: stored.order.id, err: errorSummary(error) },
        'payment gateway refused our credentials; check them (gateway.checkCredentials()); returning the stored state',
      );
    } else {
      deps.logger.warn(
        { orderId: stored.order.id, err: errorSummary(error) },
        'payment gateway check failed; returning the stored state',
      );
    }
    return resultOf(stored, 'gateway-error', true, error);
  }
  return applyReportedStatus(stored, reported, deps, { source, checked: true, now: deps.clock.now() });
}

async function resolveOrderPayment(
  order: Order | OrderPayment,
  deps: ResolvedSyncDeps,
): Promise<OrderPayment> {
  if (typeof order !== 'object' || order === null) {
    throw new TypeError('syncOrderPaymentStatus: `order` must be an Order or an OrderPayment');
  }
  if ('payment' in order && 'order' in order) return order;
  const id = String((order as Order).id);
  const found = await callRepository(deps.repository, 'findOrderPayment', (r) => r.findOrderPayment(id));
  if (!found) throw new OrderNotFoundError(id);
  return found;
}
