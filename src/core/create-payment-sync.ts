import type { GatewayError } from '../errors/gateway-error';
import type { InvalidOrderIdError } from '../errors/invalid-order-id-error';
import { OrderNotFoundError } from '../errors/order-not-found-error';
import type { GatewayPaymentStatus } from '../ports/payment-gateway';
import { applyReportedStatus, resultOf } from './apply-reported-status';
import { callRepository } from './call-ports';
import { type CircuitChangeEvent, type CircuitState, createCircuitBreaker } from './circuit-breaker';
import { createEventHub } from './event-hub';
import { isOrderScopedGatewayError } from './is-order-scoped-gateway-error';
import { lastCheckedMs } from './last-checked';
import type { Order, OrderId, OrderPayment } from './order-payment';
import { isPaymentStatus } from './payment-status';
import { assertPaymentSyncOptions, type PaymentSyncOptions } from './payment-sync-options';
import { runReconcileSweep } from './reconcile/reconcile-sweep';
import {
  assertReconcileOptions,
  type ReconcileOptions,
  type ReconcileSummary,
  type StuckOrderEvent,
} from './reconcile-options';
import { scheduleForSweep } from './reconcile-schedule';
import { createSharedGatewayChecks } from './shared-gateway-checks';
import { resolveSyncDeps } from './sync-deps';
import { checkStoredOrder } from './sync-order-payment-status';
import type { StatusChangeEvent, SyncResult, SyncSource } from './sync-result';

/** Events of a {@link PaymentSync}. Listener errors are logged, never thrown. */
export type PaymentSyncEvents = {
  /** A payment reached `COMPLETED` or `FAILED`; once per order, from whichever path won. */
  statusChange: StatusChangeEvent;
  /**
   * A gateway check failed (a timeout, PhonePe down, a rate limit, wrong credentials, an answer it
   * cannot read, an id PhonePe's rule refuses); the stored state was returned. Also logged: at `error`
   * for `GatewayAuthError`, else `warn`.
   */
  gatewayError: { orderId: OrderId; error: GatewayError | InvalidOrderIdError };
  /**
   * The circuit breaker changed state: `open` (gateway calls stop for `cooldownMs`; logged at `error`),
   * `half-open` (one probe goes out; logged at `info`), `closed` (calls flow again; logged at `info`).
   */
  circuitChange: CircuitChangeEvent;
  /** The reconciler gave up on a pending order (see {@link ReconcileOptions.schedule}); it stays `PENDING`. */
  stuck: StuckOrderEvent;
};

/** Per-call options of {@link PaymentSync.sync}. */
export interface SyncCallOptions {
  /** Which path this is, for audit and events. @default 'read' */
  source?: SyncSource;
  /** Ask the gateway even inside `minCheckIntervalMs` (a manual re-check). The circuit breaker still applies. */
  force?: boolean;
}

/** Per-call options of {@link PaymentSync.applyGatewayStatus}. */
export interface ApplyGatewayStatusOptions {
  /** Which path this is, for audit and events. @default 'webhook' */
  source?: SyncSource;
  /**
   * Confirm the report with `gateway.getPaymentStatus` before writing, and apply the gateway's answer
   * instead of the report (see {@link PaymentSync.applyGatewayStatus}). The webhook handlers set it
   * from their `confirmWithGateway` option.
   * @default false
   */
  confirm?: boolean;
}

/** The stateful service most applications hold one of. Create it with {@link createPaymentSync}. */
export interface PaymentSync {
  /**
   * Syncs one order: an id (read from the repository), an `Order`, or an `OrderPayment` (taken as the
   * caller's own read). Concurrent calls for one order share one gateway call and its write, never a
   * stale answer: a caller gets back a state no older than its own read, and only the caller whose
   * compare-and-set moved the payment gets `statusUpdated: true` (the others: outcome `superseded`).
   * @throws OrderNotFoundError when an id names no order; RepositoryError when the store fails.
   */
  sync(orderOrId: OrderId | Order | OrderPayment, options?: SyncCallOptions): Promise<SyncResult>;
  /**
   * The order-details read: loads the order, syncs it and answers with the freshest state.
   * @throws OrderNotFoundError, RepositoryError
   */
  getOrderDetails(orderId: OrderId): Promise<SyncResult>;
  /**
   * Applies a status the gateway pushed (a webhook) through the same transition as reads. Idempotent:
   * a duplicate or late report answers `not-pending` or `superseded` and writes nothing.
   *
   * With `confirm: true` the report is only a trigger: the order is checked with the gateway through
   * the same shared check as reads (circuit breaker included) and the gateway's answer is applied, so
   * nothing the gateway does not report is ever written. A terminal report the gateway does not
   * confirm answers `still-pending`; a failed check answers `gateway-error`/`circuit-open` and writes
   * nothing.
   * @throws OrderNotFoundError when no order has this merchant order id; RepositoryError
   * @example
   * ```ts
   * const result = await paymentSync.applyGatewayStatus('ORD-123', { state: 'COMPLETED' }, { confirm: true });
   * ```
   */
  applyGatewayStatus(
    merchantOrderId: string,
    status: GatewayPaymentStatus,
    options?: ApplyGatewayStatusOptions,
  ): Promise<SyncResult>;
  /**
   * One reconcile sweep over the pending orders: each due one (by `options.schedule`, else the gateway's
   * `recommendedSchedule()`, e.g. PhonePe's cadence) goes through the same transition as reads, with source `reconcile`, under bounded
   * concurrency and a rate limit. Resolves with the summary when every pending order was looked at once,
   * or early on `options.signal` (checks in flight finish first), `maxOrders`, or an open circuit.
   * Run it on an interval or a job queue; see the README's "Reconciler".
   * @throws RepositoryError when the store cannot list or claim pending orders (after in-flight checks finish)
   * @example
   * ```ts
   * const shutdown = new AbortController(); // abort on SIGTERM: in-flight checks finish first
   * const summary = await paymentSync.reconcile({ concurrency: 8, rateLimit: 20, signal: shutdown.signal });
   * // { scanned, checked, updated, stillPending, superseded, errors, skipped, stuck, stoppedBy }
   * ```
   */
  reconcile(options?: ReconcileOptions): Promise<ReconcileSummary>;
  /** Reads an order and its payment without syncing (`null` when absent). @throws RepositoryError */
  findOrderPayment(orderId: OrderId): Promise<OrderPayment | null>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends keyof PaymentSyncEvents>(
    event: E,
    listener: (payload: PaymentSyncEvents[E]) => unknown,
  ): () => void;
  /** The circuit breaker's state (`closed` when it is turned off). */
  readonly circuitState: CircuitState;
}

/**
 * Creates the payment sync service: {@link syncOrderPaymentStatus} plus single-flight, an optional
 * per-order minimum check interval, a circuit breaker and events. Options are validated here; a bad
 * one throws `TypeError`/`RangeError` naming it.
 *
 * @example
 * ```ts
 * import { createPaymentSync } from 'phonepe-order-sync';
 * import { createPhonePeGateway } from 'phonepe-order-sync/phonepe';
 *
 * const paymentSync = createPaymentSync({
 *   repository,                       // e.g. createKyselyOrderRepository(db)
 *   gateway: createPhonePeGateway({ clientId, clientSecret, clientVersion: 1, environment: 'sandbox' }),
 *   logger,                           // pino, or any { debug, info, warn, error }
 *   onStatusChange: (event) => notifyCustomer(event), // once per transition, after the write
 * });
 * const { order, payment, statusUpdated } = await paymentSync.getOrderDetails(123);
 * ```
 */
export function createPaymentSync(options: PaymentSyncOptions): PaymentSync {
  assertPaymentSyncOptions(options);
  const { repository, minCheckIntervalMs = 0, circuitBreaker = {} } = options;
  const deps = resolveSyncDeps(options);
  const { logger, clock } = deps;
  const events = createEventHub<PaymentSyncEvents>(logger);
  const breaker =
    circuitBreaker === false
      ? undefined
      : createCircuitBreaker(circuitBreaker, (from, to, nowMs) => {
          const event: CircuitChangeEvent = { from, to, at: new Date(nowMs) };
          const fields = { from, to, at: event.at.toISOString() };
          if (to === 'open') {
            logger.error(
              { ...fields, cooldownMs: circuitBreaker.cooldownMs ?? 30_000 },
              'payment gateway circuit opened: gateway calls paused, reads answer the stored state',
            );
          } else if (to === 'half-open') {
            logger.info(fields, 'payment gateway circuit half-open: one probe call goes out');
          } else logger.info(fields, 'payment gateway circuit closed: gateway calls resumed');
          events.emit('circuitChange', event);
        });
  const checks = createSharedGatewayChecks();
  const stuckReportedUntil = new Map<string, number>();
  if (options.onStatusChange) events.on('statusChange', options.onStatusChange);

  deps.onStatusChange = (event) => events.emit('statusChange', event);

  const find = (orderId: OrderId) =>
    callRepository(repository, 'findOrderPayment', (r) => r.findOrderPayment(String(orderId)));

  async function load(orderOrId: OrderId | Order | OrderPayment): Promise<OrderPayment> {
    if (typeof orderOrId === 'object' && orderOrId !== null && 'payment' in orderOrId) return orderOrId;
    const id = typeof orderOrId === 'object' && orderOrId !== null ? orderOrId.id : orderOrId;
    const found = await find(id);
    if (!found) throw new OrderNotFoundError(id);
    return found;
  }

  function recentlyChecked(stored: OrderPayment, nowMs: number): boolean {
    if (minCheckIntervalMs <= 0) return false;
    const at = lastCheckedMs(stored.payment);
    return at !== undefined && nowMs - at < minCheckIntervalMs && nowMs >= at;
  }

  /**
   * Syncs one order from the caller's own read: a terminal payment answers at once; a pending one joins
   * the order's check in flight, or starts one (after the throttle and the circuit breaker).
   */
  function syncStored(stored: OrderPayment, call: SyncCallOptions): Promise<SyncResult> {
    if (stored.payment.paymentStatus !== 'PENDING') {
      return Promise.resolve(resultOf(stored, 'not-pending', false));
    }
    const joined = checks.join(stored);
    if (joined) return joined;
    const nowMs = clock.now().getTime();
    if (!call.force && recentlyChecked(stored, nowMs)) {
      return Promise.resolve(resultOf(stored, 'throttled', false));
    }
    if (breaker && !breaker.tryAcquire(nowMs))
      return Promise.resolve(resultOf(stored, 'circuit-open', false));
    return checks.start(stored, () => checkWithBreaker(stored, call.source ?? 'read'));
  }

  async function checkWithBreaker(stored: OrderPayment, source: SyncSource): Promise<SyncResult> {
    let gatewayHealthy = true;
    try {
      const result = await checkStoredOrder(stored, deps, source);
      if (result.outcome === 'gateway-error' && result.error) {
        const error = result.error as GatewayError | InvalidOrderIdError;
        gatewayHealthy = isOrderScopedGatewayError(error);
        events.emit('gatewayError', { orderId: stored.order.id, error });
      }
      return result;
    } finally {
      breaker?.record(gatewayHealthy, clock.now().getTime());
    }
  }

  return {
    sync(orderOrId, call = {}) {
      return load(orderOrId).then((stored) => syncStored(stored, call));
    },
    getOrderDetails(orderId) {
      return this.sync(orderId);
    },
    async applyGatewayStatus(merchantOrderId, status, call = {}) {
      if (typeof merchantOrderId !== 'string' || merchantOrderId === '') {
        throw new TypeError('applyGatewayStatus: `merchantOrderId` must be a non-empty string');
      }
      if (!isPaymentStatus(status?.state)) {
        throw new TypeError('applyGatewayStatus: `status.state` must be PENDING, COMPLETED or FAILED');
      }
      const stored = await callRepository(repository, 'findOrderPaymentByMerchantOrderId', (r) =>
        r.findOrderPaymentByMerchantOrderId
          ? r.findOrderPaymentByMerchantOrderId(merchantOrderId)
          : r.findOrderPayment(merchantOrderId),
      );
      if (!stored) throw new OrderNotFoundError(merchantOrderId);
      if (call.confirm) return syncStored(stored, { source: call.source ?? 'webhook', force: true });
      return applyReportedStatus(stored, status, deps, {
        source: call.source ?? 'webhook',
        now: clock.now(),
        checked: false,
      });
    },
    reconcile(reconcileOptions = {}) {
      assertReconcileOptions(reconcileOptions, 'reconcile');
      const schedule = scheduleForSweep(reconcileOptions.schedule, deps.gateway, 'reconcile');
      return runReconcileSweep(
        {
          repository,
          logger,
          clock,
          timeoutMs: deps.timeoutMs,
          // Through the same shared checks as reads; `force`: the schedule already decided it is due.
          check: (orderPayment) => syncStored(orderPayment, { source: 'reconcile', force: true }),
          emitStuck: (event) => events.emit('stuck', event),
          stuckReportedUntil,
        },
        { ...reconcileOptions, schedule },
      );
    },
    findOrderPayment: find,
    on: events.on,
    get circuitState() {
      return breaker?.state ?? 'closed';
    },
  };
}
