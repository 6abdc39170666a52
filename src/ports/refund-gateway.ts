import type { RefundStatus } from '../core/refund';
import type { GatewayCallOptions } from './payment-gateway';

/** What a gateway says about one refund. */
export interface GatewayRefundStatus {
  /** The refund's state at the gateway. A gateway that meets a state it does not know MUST throw. */
  state: RefundStatus;
  /** The gateway's own id for the refund (PhonePe's `refundId`). */
  refundId?: string | null;
  /** The amount the gateway holds for this refund, in minor units, when it reports one. */
  amount?: number;
  /** A sanitized summary, stored as the refund's `additional_info.gateway_response`. No secrets. */
  summary?: Record<string, unknown>;
}

/** The request of {@link RefundGateway.createRefund}. */
export interface GatewayRefundRequest {
  merchantRefundId: string;
  /** The merchant order id the payment was made under. */
  merchantOrderId: string;
  /** Minor units (paise), a positive integer. */
  amount: number;
}

/**
 * The optional refund capability of a {@link PaymentGateway}: implement both methods or neither.
 * The PhonePe v2 gateway has it; the legacy v1 gateway does not.
 */
export interface RefundGateway {
  /**
   * Asks the gateway to refund. MUST resolve with the gateway's answer (usually `PENDING`/`CONFIRMED`),
   * throw `GatewayRefundRefusedError` when the gateway refuses it for good (over the amount, too late,
   * no balance), and another `GatewayError` subclass for anything that may work later (network,
   * timeout, 5xx): then the caller cannot know whether the gateway received it, and MUST be able to
   * ask {@link RefundGateway.getRefundStatus} with the same `merchantRefundId`. MUST NOT send a second
   * refund under another id on a retry.
   */
  createRefund(request: GatewayRefundRequest, options?: GatewayCallOptions): Promise<GatewayRefundStatus>;

  /**
   * The latest state of the refund `merchantRefundId`. MUST throw `GatewayRefundNotFoundError` when the
   * gateway does not know it (never received), and another `GatewayError` subclass on any failure.
   */
  getRefundStatus(merchantRefundId: string, options?: GatewayCallOptions): Promise<GatewayRefundStatus>;
}
