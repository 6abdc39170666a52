import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import type { OrderRepository } from '../../ports/order-repository';
import { callListener } from '../call-listener';
import { errorSummary } from '../error-summary';
import type { OrderPayment } from '../order-payment';
import { createRateLimiter } from '../rate-limiter';
import type { ReconcileOptions, ReconcileSummary, StuckOrderEvent } from '../reconcile-options';
import type { ReconcileSchedule } from '../reconcile-schedule';
import type { SyncResult } from '../sync-result';
import { createClaimingSource } from './claiming-source';
import { createListingSource } from './listing-source';
import { createStuckReports } from './stuck-reports';
import { createSweepFeed } from './sweep-feed';
import { createSweepOrder } from './sweep-order';
import { createSweepSummary } from './sweep-summary';

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

/**
 * @internal One reconcile sweep: streams pending orders page by page from a source (claimed with leases
 * when the repository can, else listed), runs each through `createSweepOrder` on `concurrency` workers
 * under a rate limit, and reports. Options were validated, and the schedule chosen, by the caller.
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
  // Orders checked in this sweep carry a last_checked at or after this instant, so no page returns them twice.
  const sweepStart = clock.now();
  const source =
    typeof repository.claimPendingOrders === 'function' && typeof repository.releaseOrderClaim === 'function'
      ? createClaimingSource({ repository, logger, clock, pageSize, workerId, leaseMs, sweepStart })
      : createListingSource({ repository, logger, pageSize, sweepStart });
  const summary = createSweepSummary();
  const feed = createSweepFeed({ source, concurrency, maxOrders, signal });
  const callbackFailed = (error: unknown) =>
    logger.error({ err: errorSummary(error) }, 'reconcile callback failed');

  const sweepOrder = createSweepOrder({
    clock,
    logger,
    source,
    summary,
    schedule,
    limiter,
    signal,
    timeoutMs: ctx.timeoutMs,
    leaseMs,
    errorBackoffMs,
    check: ctx.check,
    reportStuck: createStuckReports({
      logger,
      reportedUntil: ctx.stuckReportedUntil,
      leaseMs,
      announce(event) {
        ctx.emitStuck(event);
        if (onStuck) callListener(onStuck, event, callbackFailed);
      },
    }),
    progress(orderPayment, action, extra) {
      if (!onProgress) return;
      const payload = { orderId: orderPayment.order.id, action, ...extra, summary: summary.snapshot() };
      callListener(onProgress, payload, callbackFailed);
    },
    stopOnOpenCircuit: () => feed.stop('circuit-open'),
  });

  const workers = Array.from({ length: concurrency }, async () => {
    for (;;) {
      const order = await feed.take();
      if (!order) return;
      await sweepOrder(order);
    }
  });
  await Promise.all(workers);
  const { stoppedBy, unstarted, failure } = await feed.finish();
  await source.close(unstarted, clock.now());
  const result = summary.finish(stoppedBy);
  if (failure) throw failure;
  // An empty sweep is the common case on a quiet shop: not worth an info line every interval.
  if (result.scanned === 0) logger.debug({ ...result }, 'reconcile sweep finished');
  else logger.info({ ...result }, 'reconcile sweep finished');
  return result;
}
