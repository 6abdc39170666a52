import type { GatewayPaymentStatus } from '../ports/payment-gateway';
import type { OrderPayment, PaymentChange } from './order-payment';
import { type OrderStatusMapping, orderStatusFor } from './order-status-mapping';
import { isTerminalPaymentStatus } from './payment-status';
import { sanitizeSummary } from './sanitize';
import type { SyncSource } from './sync-result';

/** An inconsistency between the store and the gateway, recorded as `additional_info.anomaly` and logged. */
export interface PaymentAnomaly {
  type: 'AMOUNT_MISMATCH' | 'TERMINAL_CONFLICT';
  /** The amount the order expects (minor units). */
  expected_amount: number;
  /** What the gateway reported. */
  reported_amount: number | null;
  reported_state: GatewayPaymentStatus['state'];
  source: SyncSource;
  detected_at: string;
}

/**
 * The decision for one stored order and one gateway report, before anything is written:
 * - `skip`: the stored payment is terminal; nothing is written (a contradicting report comes with an anomaly to log).
 * - `write`: apply `change` with a compare-and-set on `PENDING`.
 */
export type TransitionDecision =
  | { kind: 'skip'; outcome: 'not-pending'; anomaly?: PaymentAnomaly }
  | {
      kind: 'write';
      outcome: 'updated' | 'still-pending' | 'amount-mismatch';
      change: PaymentChange;
      anomaly?: PaymentAnomaly;
    };

/** Context of {@link decideTransition}. */
export interface DecideContext {
  now: Date;
  source: SyncSource;
  orderStatusFor?: OrderStatusMapping;
}

/**
 * The transition table of the package as a pure function: what to write, given the stored order and
 * what the gateway reported. Every path (read, webhook, reconciler) goes through it.
 */
export function decideTransition(
  stored: OrderPayment,
  reported: GatewayPaymentStatus,
  context: DecideContext,
): TransitionDecision {
  const storedStatus = stored.payment.paymentStatus;
  const anomalyOf = (type: PaymentAnomaly['type']): PaymentAnomaly => ({
    type,
    expected_amount: stored.order.amount,
    reported_amount: reported.amount ?? null,
    reported_state: reported.state,
    source: context.source,
    detected_at: context.now.toISOString(),
  });

  if (isTerminalPaymentStatus(storedStatus)) {
    const conflict = isTerminalPaymentStatus(reported.state) && reported.state !== storedStatus;
    return conflict
      ? { kind: 'skip', outcome: 'not-pending', anomaly: anomalyOf('TERMINAL_CONFLICT') }
      : { kind: 'skip', outcome: 'not-pending' };
  }

  const audit: Record<string, unknown> = {
    last_checked: context.now.toISOString(),
    gateway_response: gatewayResponseOf(reported, context.source),
  };

  if (reported.amount !== undefined && reported.amount !== stored.order.amount) {
    const anomaly = anomalyOf('AMOUNT_MISMATCH');
    return {
      kind: 'write',
      outcome: 'amount-mismatch',
      anomaly,
      change: { paymentStatus: 'PENDING', additionalInfo: { ...audit, anomaly } },
    };
  }

  if (reported.state === 'PENDING') {
    return {
      kind: 'write',
      outcome: 'still-pending',
      change: { paymentStatus: 'PENDING', additionalInfo: audit },
    };
  }

  const change: PaymentChange = {
    paymentStatus: reported.state,
    orderStatus: orderStatusFor(context.orderStatusFor, reported.state, stored),
    additionalInfo: audit,
  };
  if (reported.transactionId != null) change.transactionId = reported.transactionId;
  return { kind: 'write', outcome: 'updated', change };
}

function gatewayResponseOf(reported: GatewayPaymentStatus, source: SyncSource): Record<string, unknown> {
  if (!reported.summary) {
    return {
      state: reported.state,
      transaction_id: reported.transactionId ?? null,
      amount: reported.amount ?? null,
      received_via: source,
    };
  }
  const summary = sanitizeSummary(reported.summary) as Record<string, unknown>;
  summary.received_via = source;
  return summary;
}
