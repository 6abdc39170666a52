import type { PaymentSyncError } from '../errors/payment-sync-error';
import type { GatewayPaymentStatus } from '../ports/payment-gateway';
import type { Order, OrderPayment, Payment } from './order-payment';

/**
 * How a sync ended:
 * - `not-pending`: the stored payment was already terminal; the gateway was not asked.
 * - `updated`: this call moved the payment to `COMPLETED` or `FAILED` (`statusUpdated: true`).
 * - `still-pending`: the gateway says pending; only `last_checked`/`gateway_response` were written.
 * - `gateway-error`: the gateway failed or answered nonsense; nothing written (see `error`).
 * - `amount-mismatch`: the gateway's amount differs from the order's; `anomaly` recorded, no status change.
 * - `superseded`: another writer settled the order first; its state is returned.
 * - `throttled`: checked too recently (`minCheckIntervalMs`); the gateway was not asked.
 * - `circuit-open`: the gateway failed repeatedly and is being given a rest; it was not asked.
 */
export type SyncOutcome =
  | 'not-pending'
  | 'updated'
  | 'still-pending'
  | 'gateway-error'
  | 'amount-mismatch'
  | 'superseded'
  | 'throttled'
  | 'circuit-open';

/** Which path drove a transition. */
export type SyncSource = 'read' | 'webhook' | 'reconcile' | 'manual';

/**
 * The answer of every sync: the state to show, and what happened. Gateway trouble is reported here, never
 * thrown. A union on `outcome`: `'updated'` is the one outcome with `statusUpdated: true`, and
 * `'gateway-error'` the one that always carries `error`.
 * @example
 * ```ts
 * const result = await paymentSync.sync(123);
 * if (result.outcome === 'gateway-error') logger.warn({ code: result.error.code }, 'PhonePe unavailable');
 * if (result.statusUpdated) logger.info({ order: result.order }, 'paid'); // result.outcome is 'updated' here
 * ```
 */
export type SyncResult = {
  order: Order;
  payment: Payment;
  /** Whether the gateway was asked during this call. */
  checked: boolean;
} & (
  | {
      outcome: 'updated';
      /** True only for the call that moved the payment to a terminal status (`status_updated` on the wire). */
      statusUpdated: true;
      error?: undefined;
    }
  | {
      outcome: 'gateway-error';
      statusUpdated: false;
      /** The gateway failure behind this outcome; nothing was written. */
      error: PaymentSyncError;
    }
  | {
      outcome: Exclude<SyncOutcome, 'updated' | 'gateway-error'>;
      statusUpdated: false;
      error?: undefined;
    }
);

/** Emitted exactly once per real transition, by the writer that won the compare-and-set, after the write. */
export interface StatusChangeEvent {
  orderId: Order['id'];
  merchantOrderId: string;
  /** Always `PENDING`: terminal states never change. */
  previousPaymentStatus: 'PENDING';
  paymentStatus: 'COMPLETED' | 'FAILED';
  orderStatus: string;
  transactionId: string | null;
  source: SyncSource;
  /** The order and payment as written. */
  orderPayment: OrderPayment;
  /** What the gateway (or webhook) reported. */
  reported: GatewayPaymentStatus;
  at: Date;
}

/** Receives {@link StatusChangeEvent}s. A throw or rejection is logged and never breaks the sync. */
export type StatusChangeListener = (event: StatusChangeEvent) => void | Promise<void>;
