import type { OrderPayment } from '../order-payment';
import type { ReconcileSummary } from '../reconcile-options';
import type { PendingOrdersSource, SourcedOrder } from './pending-orders-source';

type StoppedBy = Exclude<ReconcileSummary['stoppedBy'], 'done'>;

/** @internal Hands a sweep's workers their orders, reading pages from the source ahead of them. */
export interface SweepFeed {
  /** The next order to look at, or `undefined` when the sweep is over (stopped, or no order left). */
  take(): Promise<SourcedOrder | undefined>;
  /** Stops the sweep: no order is handed out after this. The first reason is the one reported. */
  stop(reason: StoppedBy): void;
  /**
   * After the workers are done: waits for a page read in flight, then says why the sweep ended, which
   * orders were taken from the store but never handed out, and the store failure that ended it, if any.
   */
  finish(): Promise<{
    stoppedBy: ReconcileSummary['stoppedBy'];
    unstarted: OrderPayment[];
    failure: unknown;
  }>;
}

/** @internal What {@link createSweepFeed} needs. */
export interface SweepFeedOptions {
  source: PendingOrdersSource;
  /** Workers taking from the feed: a page is read ahead while fewer than this many orders are queued. */
  concurrency: number;
  /** Orders to hand out at most (then stopped by `max-orders`). */
  maxOrders: number;
  signal?: AbortSignal;
}

/** @internal A {@link SweepFeed} over one source: one page read at a time, at most one page queued ahead. */
export function createSweepFeed(options: SweepFeedOptions): SweepFeed {
  const { source, concurrency, maxOrders, signal } = options;
  const queue: SourcedOrder[] = [];
  let last = false;
  let reading: Promise<void> | undefined;
  let failure: unknown;
  let stoppedBy: StoppedBy | undefined;
  let taken = 0;

  async function readPage(): Promise<void> {
    try {
      const page = await source.nextPage();
      for (const order of page.orders) queue.push(order);
      if (page.last) last = true;
    } catch (error) {
      failure = error;
      last = true;
    }
  }

  return {
    async take() {
      for (;;) {
        if (!stoppedBy && signal?.aborted) stoppedBy = 'aborted';
        if (stoppedBy) return undefined;
        if (taken >= maxOrders) {
          stoppedBy = 'max-orders';
          return undefined;
        }
        // Read ahead while a page's worth of work is still queued, so workers never wait on the store.
        if (!last && !reading && queue.length <= concurrency) {
          reading = readPage().finally(() => {
            reading = undefined;
          });
        }
        const next = queue.shift();
        if (next) {
          taken += 1;
          return next;
        }
        if (!reading) return undefined;
        await reading;
      }
    },
    stop(reason) {
      stoppedBy ??= reason;
    },
    async finish() {
      if (reading) await reading;
      const unstarted = queue.splice(0).map((order) => order.orderPayment);
      return { stoppedBy: stoppedBy ?? 'done', unstarted, failure };
    },
  };
}
