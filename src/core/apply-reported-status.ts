import type { PaymentSyncError } from '../errors/payment-sync-error';
import type { Logger } from '../ports/logger';
import type { GatewayPaymentStatus } from '../ports/payment-gateway';
import { callListener } from './call-listener';
import { callRepository } from './call-ports';
import { decideTransition } from './decide-transition';
import { errorSummary } from './error-summary';
import { merchantOrderIdOf, type OrderPayment } from './order-payment';
import type { ResolvedSyncDeps } from './sync-deps';
import type {
  StatusChangeEvent,
  StatusChangeListener,
  SyncOutcome,
  SyncResult,
  SyncSource,
} from './sync-result';

/** @internal Which path applies the report, whether the gateway was asked, and when. */
export interface ApplyContext {
  source: SyncSource;
  checked: boolean;
  now: Date;
}

/**
 * @internal The one transition: decide, write with a compare-and-set, and announce. Shared by reads
 * (after asking the gateway), webhooks and the reconciler.
 */
export async function applyReportedStatus(
  stored: OrderPayment,
  reported: GatewayPaymentStatus,
  deps: ResolvedSyncDeps,
  context: ApplyContext,
): Promise<SyncResult> {
  const { repository, logger } = deps;
  const { source, checked, now } = context;
  const orderId = stored.order.id;
  const decision = decideTransition(stored, reported, { now, source, orderStatusFor: deps.orderStatusFor });

  if (decision.kind === 'skip') {
    if (decision.anomaly) {
      logger.error(
        { orderId, anomaly: decision.anomaly },
        'gateway contradicts a terminal payment status; kept',
      );
    }
    return resultOf(stored, 'not-pending', checked);
  }

  const written = await callRepository(repository, 'updatePendingPayment', (r) =>
    r.updatePendingPayment(String(orderId), decision.change),
  );

  if (written === null) {
    const current = await callRepository(repository, 'findOrderPayment', (r) =>
      r.findOrderPayment(String(orderId)),
    );
    logger.debug({ orderId, source }, 'order settled by another writer first');
    return resultOf(current ?? stored, 'superseded', checked);
  }

  if (decision.outcome === 'amount-mismatch') {
    logger.error(
      { orderId, anomaly: decision.anomaly },
      'gateway amount differs from the order; status kept',
    );
    return resultOf(written, 'amount-mismatch', checked);
  }
  if (decision.outcome === 'still-pending') return resultOf(written, 'still-pending', checked);

  const paymentStatus = decision.change.paymentStatus as 'COMPLETED' | 'FAILED';
  logger.info({ orderId, paymentStatus, source }, 'payment status updated');
  if (deps.onStatusChange) {
    announce(deps.onStatusChange, logger, {
      orderId,
      merchantOrderId: merchantOrderIdOf(written.order),
      previousPaymentStatus: 'PENDING',
      paymentStatus,
      orderStatus: written.order.orderStatus,
      transactionId: written.payment.transactionId,
      source,
      orderPayment: written,
      reported,
      at: now,
    });
  }
  return resultOf(written, 'updated', checked);
}

function announce(listener: StatusChangeListener, logger: Logger, event: StatusChangeEvent): void {
  callListener(listener, event, (error) =>
    logger.error({ orderId: event.orderId, err: errorSummary(error) }, 'onStatusChange listener failed'),
  );
}

/** @internal The result of a sync that ended with `outcome` on `current`; only a gateway error carries one. */
export function resultOf(
  current: OrderPayment,
  outcome: 'gateway-error',
  checked: boolean,
  error: PaymentSyncError,
): SyncResult;
export function resultOf(
  current: OrderPayment,
  outcome: Exclude<SyncOutcome, 'gateway-error'>,
  checked: boolean,
): SyncResult;
export function resultOf(
  current: OrderPayment,
  outcome: SyncOutcome,
  checked: boolean,
  error?: PaymentSyncError,
): SyncResult {
  const { order, payment } = current;
  if (outcome === 'updated') return { order, payment, statusUpdated: true, checked, outcome };
  if (outcome === 'gateway-error')
    return { order, payment, statusUpdated: false, checked, outcome, error: error! };
  return { order, payment, statusUpdated: false, checked, outcome };
}
