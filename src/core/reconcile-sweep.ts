import { isGatewayRateLimitError } from '../errors/gateway-rate-limit-error';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { OrderRepository, PendingOrdersCursor, PendingOrdersQuery } from '../ports/order-repository';
import { callRepository } from './call-ports';
import { errorSummary } from './error-summary';
import { lastCheckedMs } from './last-checked';
import { merchantOrderIdOf, type OrderPayment } from './order-payment';
import { pendingOrdersCursorOf } from './pending-orders-cursor';
import { createRateLimiter } from './rate-limiter';
import type {
  ReconcileAction,
  ReconcileOptions,
  ReconcileSummary,
  StuckOrderEvent,
} from './reconcile-options';
import type { ReconcileSchedule, ScheduleDecision } from './reconcile-schedule';
import type { SyncResult } from './sync-result';

/** @internal What a sweep needs from the service that runs it. */
export interface SweepContext {
  repository: OrderRepository;
  logger: Logger;
  clock: Clock;
  timeoutMs: number;
  /** One check through the service's transition (single-flight, circuit breaker, events). */
  check(orderPayment: OrderPayment): Promise<SyncResult>;
  emitStuck(event: StuckOrderEvent): void;
  /**
   * Order id -> epoch ms before which a stuck order is not reported again, kept across sweeps by the
   * service: a listed (unclaimed) stuck order comes back every sweep, and alerts should not.
   */
  stuckReportedUntil: Map<string, number>;
}

const MAX_STUCK_REMEMBERED = 10_000;

/**
 * @internal One reconcile sweep: streams pending orders page by page (claimed with leases when the
 * repository can, else listed), runs the due ones through `check` with bounded concurrency under a rate
 * limit, and reports. Options were validated by the caller.
 */
export async function runReconcileSweep(
  ctx: SweepContext,
  options: ReconcileOptions & { schedule: ReconcileSchedule },
): Promise<ReconcileSummary> {
  const { repository, logger, clock } = ctx;
  const {
    concurrency = 4,
    rateLimit = 20,
    pageSize = 100,
    schedule,
    signal,
    maxOrders = Number.POSITIVE_INFINITY,
    workerId = globalThis.crypto.randomUUID(),
    leaseMs = 60_000,
    errorBackoffMs = 10_000,
    onProgress,
    onStuck,
  } = options;
  const limiter =
    typeof rateLimit === 'number' ? createRateLimiter({ ratePerSecond: rateLimit, clock }) : rateLimit;
  const claims =
    typeof repository.claimPendingOrders === 'function' && typeof repository.releaseOrderClaim === 'function';
  // Orders checked in this sweep carry a last_checked at or after this instant, so no page returns them twice.
  const sweepStart = clock.now();
  const summary: ReconcileSummary = {
    scanned: 0,
    checked: 0,
    updated: 0,
    stillPending: 0,
    superseded: 0,
    errors: 0,
    skipped: 0,
    stuck: 0,
    stoppedBy: 'done',
  };
  // Ids scanned this sweep and not written since, so no sweep looks at an order twice. Listing: each page
  // asks for the rows strictly after the previous page's last one (the `after` keyset cursor), so every
  // order is read about once; queued, in flight, skipped or failed ones stay behind the cursor. Should the
  // repository ignore `after` (it predates it), a page repeats held ids: the sweep then lists from the head
  // as before, asking for that many more rows each page and dropping them. Claiming: skipped or failed ones released with a notBefore already past (an
  // errorBackoffMs of 0, a custom schedule) come back; they stay leased until the sweep ends and are then
  // handed back with their own notBefore.
  const held = new Map<string, number>();
  let cursor: PendingOrdersCursor | undefined;
  let keyset = true;
  const queue: Array<{ orderPayment: OrderPayment; claimedAtMs: number }> = [];
  let exhausted = false;
  let stop: ReconcileSummary['stoppedBy'] | undefined;
  let fetching: Promise<void> | undefined;
  let fatal: unknown;
  let staleClaims = 0;
  const pushedOut = new Set<string>();
  let taken = 0;

  const isStopped = () => {
    if (!stop && signal?.aborted) stop = 'aborted';
    return stop !== undefined;
  };

  async function fetchPage(): Promise<void> {
    try {
      const now = clock.now();
      if (claims) {
        const rows = await callRepository(repository, 'claimPendingOrders', (r) =>
          r.claimPendingOrders!({ limit: pageSize, workerId, leaseMs, now, checkedBefore: sweepStart }),
        );
        let fresh = 0;
        for (const orderPayment of rows) {
          if (!held.has(String(orderPayment.order.id))) {
            fresh += 1;
            queue.push({ orderPayment, claimedAtMs: now.getTime() });
          } else {
            // Looked at already in this sweep: keep the lease until the sweep ends, so the pages move on.
            pushedOut.add(String(orderPayment.order.id));
          }
        }
        staleClaims = fresh === 0 ? staleClaims + 1 : 0;
        if (rows.length < pageSize || staleClaims >= 3) exhausted = true;
        return;
      }
      const list = (query: PendingOrdersQuery) =>
        callRepository(repository, 'listPendingOrders', (r) => r.listPendingOrders(query));
      const hold = (rows: OrderPayment[]) => {
        for (const orderPayment of rows) {
          held.set(String(orderPayment.order.id), 0);
          queue.push({ orderPayment, claimedAtMs: now.getTime() });
        }
      };
      if (keyset) {
        const after = cursor;
        const rows = await list(
          after
            ? { limit: pageSize, checkedBefore: sweepStart, after }
            : { limit: pageSize, checkedBefore: sweepStart },
        );
        // A repository that honours `after` never returns a row at or before it, and every held row is.
        if (!after || !rows.some((op) => held.has(String(op.order.id)))) {
          if (rows.length < pageSize) exhausted = true;
          const last = rows.at(-1);
          if (last) cursor = pendingOrdersCursorOf(last);
          hold(rows);
          return;
        }
        keyset = false;
        logger.warn(
          { pageSize, held: held.size },
          'listPendingOrders ignored the `after` cursor; this sweep re-reads the orders it holds on every page (implement `after`)',
        );
      }
      const limit = pageSize + held.size;
      const rows = await list({ limit, checkedBefore: sweepStart });
      const fresh = rows.filter((op) => !held.has(String(op.order.id)));
      if (rows.length < limit || fresh.length === 0) exhausted = true;
      hold(fresh);
    } catch (error) {
      fatal = error;
      exhausted = true;
    }
  }

  async function take() {
    for (;;) {
      if (isStopped()) return undefined;
      if (taken >= maxOrders) {
        stop = 'max-orders';
        return undefined;
      }
      // Read ahead while a page's worth of work is still queued, so workers never wait on the store.
      if (!exhausted && !fetching && queue.length <= concurrency) {
        fetching = fetchPage().finally(() => {
          fetching = undefined;
        });
      }
      const item = queue.shift();
      if (item) {
        taken += 1;
        return item;
      }
      if (!fetching) return undefined;
      await fetching;
    }
  }

  /** Claiming only: hands the order back until `notBefore`; `unwritten` ones are remembered for the sweep. */
  async function release(
    orderPayment: OrderPayment | string,
    notBefore: Date,
    unwritten = true,
  ): Promise<void> {
    if (!claims) return;
    const orderId = typeof orderPayment === 'string' ? orderPayment : String(orderPayment.order.id);
    if (unwritten) held.set(orderId, notBefore.getTime());
    try {
      await repository.releaseOrderClaim!(orderId, { workerId, notBefore });
    } catch (error) {
      // The lease expires on its own; a failed release only delays the next check.
      logger.warn({ orderId, err: errorSummary(error) }, 'could not release a reconcile claim');
    }
  }

  function report(
    orderPayment: OrderPayment,
    action: ReconcileAction,
    extra: Partial<Record<string, unknown>>,
  ) {
    if (!onProgress) return;
    call(() => onProgress({ orderId: orderPayment.order.id, action, ...extra, summary: { ...summary } }));
  }

  function call(listener: () => unknown): void {
    const fail = (error: unknown) => logger.error({ err: errorSummary(error) }, 'reconcile callback failed');
    try {
      const out = listener();
      if (out && typeof (out as Promise<unknown>).then === 'function')
        (out as Promise<unknown>).then(undefined, fail);
    } catch (error) {
      fail(error);
    }
  }

  async function processOne(orderPayment: OrderPayment, claimedAtMs: number): Promise<void> {
    const orderId = String(orderPayment.order.id);
    summary.scanned += 1;
    const now = clock.now();
    if (orderPayment.payment.paymentStatus !== 'PENDING') {
      held.delete(orderId);
      summary.skipped += 1;
      return report(orderPayment, 'skipped', {});
    }
    let decision: ScheduleDecision;
    try {
      decision = schedule(orderPayment, now);
    } catch (error) {
      summary.errors += 1;
      logger.error({ orderId, err: errorSummary(error) }, 'reconcile schedule threw; order left as it is');
      await release(orderPayment, new Date(now.getTime() + errorBackoffMs));
      return report(orderPayment, 'error', {});
    }

    if (decision.stuck) {
      summary.stuck += 1;
      const nextReport = decision.nextCheckAt?.getTime() ?? now.getTime() + leaseMs;
      const quietUntil = ctx.stuckReportedUntil.get(orderId);
      if (quietUntil !== undefined && now.getTime() < quietUntil) {
        await release(orderPayment, new Date(quietUntil));
        return report(orderPayment, 'stuck', { decision });
      }
      ctx.stuckReportedUntil.delete(orderId);
      if (ctx.stuckReportedUntil.size >= MAX_STUCK_REMEMBERED) {
        ctx.stuckReportedUntil.delete(ctx.stuckReportedUntil.keys().next().value!);
      }
      ctx.stuckReportedUntil.set(orderId, nextReport);
      const lastChecked = lastCheckedMs(orderPayment.payment);
      const event: StuckOrderEvent = {
        orderId: orderPayment.order.id,
        merchantOrderId: merchantOrderIdOf(orderPayment.order),
        orderPayment,
        expireAt: decision.expireAt ?? null,
        lastCheckedAt: lastChecked === undefined ? null : new Date(lastChecked),
        at: now,
      };
      logger.warn(
        { orderId, expireAt: event.expireAt?.toISOString() ?? null, reason: decision.reason ?? 'stuck' },
        'payment still pending past the give-up point; reported as stuck, left PENDING',
      );
      ctx.emitStuck(event);
      if (onStuck) call(() => onStuck(event));
      await release(orderPayment, decision.nextCheckAt ?? new Date(now.getTime() + leaseMs));
      return report(orderPayment, 'stuck', { decision });
    }

    if (!decision.due) {
      summary.skipped += 1;
      await release(orderPayment, decision.nextCheckAt ?? new Date(now.getTime() + leaseMs));
      return report(orderPayment, 'skipped', { decision });
    }

    try {
      await limiter.acquire(signal);
    } catch {
      // Aborted while waiting for the rate limit: not checked, handed back at once.
      summary.skipped += 1;
      await release(orderPayment, clock.now());
      return report(orderPayment, 'skipped', { decision });
    }
    if (claims && clock.now().getTime() + ctx.timeoutMs > claimedAtMs + leaseMs) {
      // Another worker may own it by the time the gateway answers: leave it to them.
      summary.skipped += 1;
      logger.warn({ orderId, leaseMs }, 'reconcile lease ran out before the check; raise leaseMs');
      await release(orderPayment, clock.now());
      return report(orderPayment, 'skipped', { decision });
    }

    let result: SyncResult;
    try {
      result = await ctx.check(orderPayment);
    } catch (error) {
      summary.errors += 1;
      logger.error({ orderId, err: errorSummary(error) }, 'reconcile check failed; order left as it is');
      await release(orderPayment, new Date(clock.now().getTime() + errorBackoffMs));
      return report(orderPayment, 'error', { decision });
    }

    const after = clock.now();
    let action: ReconcileAction = 'checked';
    let notBefore: Date = after;
    switch (result.outcome) {
      case 'updated':
      case 'still-pending':
      case 'amount-mismatch':
      case 'superseded': {
        held.delete(orderId);
        summary.checked += 1;
        if (result.outcome === 'updated') summary.updated += 1;
        else if (result.outcome === 'superseded') summary.superseded += 1;
        else summary.stillPending += 1;
        if (result.payment.paymentStatus === 'PENDING') {
          notBefore = schedule({ order: result.order, payment: result.payment }, after).nextCheckAt ?? after;
        }
        break;
      }
      case 'gateway-error': {
        summary.checked += 1;
        summary.errors += 1;
        action = 'error';
        notBefore = new Date(after.getTime() + errorBackoffMs);
        if (isGatewayRateLimitError(result.error)) limiter.pause(result.error.retryAfterMs ?? 1000);
        break;
      }
      case 'circuit-open':
        summary.skipped += 1;
        action = 'skipped';
        stop ??= 'circuit-open';
        break;
      default:
        // not-pending (settled meanwhile) or throttled: the gateway was not asked.
        if (result.outcome === 'not-pending') held.delete(orderId);
        summary.skipped += 1;
        action = 'skipped';
    }
    await release(orderPayment, notBefore, action === 'checked' ? false : undefined);
    report(orderPayment, action, { outcome: result.outcome, decision });
  }

  const workers = Array.from({ length: concurrency }, async () => {
    for (;;) {
      const item = await take();
      if (!item) return;
      await processOne(item.orderPayment, item.claimedAtMs);
    }
  });
  await Promise.all(workers);
  if (fetching) await fetching;
  // Claimed but never started (abort, max-orders, circuit open): hand them back for the next sweep.
  const now = clock.now();
  await Promise.all(queue.splice(0).map((item) => release(item.orderPayment, now, false)));
  // Orders pushed out during the sweep get back the due time they had.
  for (const orderId of pushedOut)
    await release(orderId, new Date(held.get(orderId) ?? now.getTime()), false);
  summary.stoppedBy = stop ?? 'done';
  if (fatal) throw fatal;
  // An empty sweep is the common case on a quiet shop: not worth an info line every interval.
  if (summary.scanned === 0) logger.debug({ ...summary }, 'reconcile sweep finished');
  else logger.info({ ...summary }, 'reconcile sweep finished');
  return summary;
}
