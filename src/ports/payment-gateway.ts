import type { ReconcileSchedule } from '../core/reconcile-schedule';

/** What a payment gateway says about one merchant order. */
export interface GatewayPaymentStatus {
  /**
   * The ORDER-level state at the gateway. Only `COMPLETED` and `FAILED` are final. A gateway that
   * meets a state it does not know MUST throw a `GatewayResponseError` instead of guessing.
   */
  state: 'PENDING' | 'COMPLETED' | 'FAILED';
  /** The latest payment attempt's transaction id, when there was an attempt. */
  transactionId?: string | null;
  /** The amount the gateway holds for this order, in minor units (paise), when it reports one. */
  amount?: number;
  /**
   * A sanitized summary (state, transaction id, amount, payment mode, error codes), stored as
   * `additional_info.gateway_response`. MUST NOT contain tokens, secrets or unmasked instrument data.
   */
  summary?: Record<string, unknown>;
}

/** Per-call options of {@link PaymentGateway.getPaymentStatus}. */
export interface GatewayCallOptions {
  /**
   * Aborted when the caller's time budget (`timeoutMs`) runs out; the call SHOULD stop then.
   * The core hands it out lazily (made on first read, to keep uncancellable gateways cheap): read
   * `options.signal` or destructure it; spreading `options` into another object drops it.
   */
  readonly signal?: AbortSignal;
}

/**
 * The port to a payment gateway (PhonePe v2 via `phonepe-order-sync/phonepe`, a fake in tests).
 *
 * @example
 * ```ts
 * const gateway: PaymentGateway = {
 *   async getPaymentStatus(merchantOrderId, { signal } = {}) {
 *     const res = await fetch(`https://pg.example/status/${encodeURIComponent(merchantOrderId)}`, { signal });
 *     if (!res.ok) throw new GatewayError(`status ${res.status}`, { status: res.status });
 *     return { state: (await res.json()).state };
 *   },
 * };
 * ```
 */
export interface PaymentGateway {
  /**
   * The latest state of the payment for `merchantOrderId`.
   *
   * MUST throw a `GatewayError` subclass on any failure (network, timeout, non-2xx, unparseable body,
   * unknown state) and MUST NOT return a guess. MUST be safe to call concurrently. SHOULD honour
   * `options.signal`; the core bounds the call with its own timeout either way.
   */
  getPaymentStatus(merchantOrderId: string, options?: GatewayCallOptions): Promise<GatewayPaymentStatus>;

  /**
   * Optional. Checks that the gateway accepts this merchant's credentials, for start-up and readiness
   * checks; nothing calls it on its own. MUST resolve when the credentials work, MUST reject with
   * `GatewayAuthError` when the gateway refuses them, and SHOULD reject with another `GatewayError`
   * subclass (timeout, 5xx, network) when it cannot tell, so "wrong credentials" is never confused with
   * "gateway down". MUST NOT change any order. The PhonePe v2 gateway implements it as one token request;
   * the legacy v1 gateway does not (there is no call that checks a salt key without an order).
   * Fallback when absent: there is no credential check; the first status call tells.
   * @example
   * ```ts
   * await gateway.checkCredentials?.(); // at start-up: fail fast on a wrong client secret
   * ```
   */
  checkCredentials?(): Promise<void>;

  /**
   * Optional. The reconcile schedule this gateway recommends: when to poll a pending order and when to
   * give up on it, by the gateway's own rules (the PhonePe gateways recommend PhonePe's documented
   * cadence, `createPhonePeSchedule()`). A sweep given no `schedule` calls it once, before it starts.
   *
   * MUST return a pure, synchronous `ReconcileSchedule` (see its TSDoc), or `undefined` for "no
   * recommendation". MUST NOT do I/O, change any order, or throw. SHOULD return the same schedule every
   * time. A gateway that wraps another (logging, metrics) SHOULD forward it, or the wrapped gateway's
   * cadence is lost: `recommendedSchedule: () => inner.recommendedSchedule?.()`.
   * Fallback when absent or `undefined`: the core default, each pending order at most once a minute by
   * its `last_checked`, never reported stuck. A `schedule` passed to `reconcile` always wins.
   * @example
   * ```ts
   * const gateway: PaymentGateway = {
   *   getPaymentStatus: async () => ({ state: 'PENDING' }),
   *   // Poll every 10 s, however old the order:
   *   recommendedSchedule: () => (op, now) => {
   *     const last = Date.parse(String(op.payment.additionalInfo.last_checked ?? ''));
   *     const next = Number.isFinite(last) ? last + 10_000 : now.getTime();
   *     return { due: next <= now.getTime(), nextCheckAt: new Date(next) };
   *   },
   * };
   * ```
   */
  recommendedSchedule?(): ReconcileSchedule | undefined;
}
