import type { Logger } from '../../ports/logger';
import type { OrderRepository, PendingOrdersCursor, PendingOrdersQuery } from '../../ports/order-repository';
import { callRepository } from '../call-ports';
import type { OrderPayment } from '../order-payment';
import { pendingOrdersCursorOf } from './pending-orders-cursor';
import type { PendingOrdersSource, SourcedPage } from './pending-orders-source';

/** @internal What {@link createListingSource} needs. */
export interface ListingSourceOptions {
  repository: OrderRepository;
  logger: Logger;
  pageSize: number;
  /** Orders checked in this sweep carry a `last_checked` at or after this, so no page returns them again. */
  sweepStart: Date;
}

/**
 * @internal Pending orders listed with `listPendingOrders` (no leases: separate processes may check one
 * order at the same moment; the compare-and-set still settles it once). Each page asks for the rows
 * strictly after the previous page's last one (the `after` keyset cursor), so every order is read about
 * once. Should the repository ignore `after` (it predates it), a page repeats orders already seen: the
 * source then lists from the head, asking for that many more rows each page and dropping the seen ones.
 */
export function createListingSource(options: ListingSourceOptions): PendingOrdersSource {
  const { repository, logger, pageSize, sweepStart } = options;
  // Orders looked at this sweep and not written since: queued, in flight, skipped or failed.
  const seen = new Set<string>();
  let cursor: PendingOrdersCursor | undefined;
  let keyset = true;

  const list = (query: PendingOrdersQuery) =>
    callRepository(repository, 'listPendingOrders', (r) => r.listPendingOrders(query));

  function page(rows: OrderPayment[], last: boolean): SourcedPage {
    for (const orderPayment of rows) seen.add(String(orderPayment.order.id));
    return {
      orders: rows.map((orderPayment) => ({ orderPayment, leaseUntilMs: Number.POSITIVE_INFINITY })),
      last,
    };
  }

  return {
    async nextPage() {
      if (keyset) {
        const after = cursor;
        const rows = await list(
          after
            ? { limit: pageSize, checkedBefore: sweepStart, after }
            : { limit: pageSize, checkedBefore: sweepStart },
        );
        // A repository that honours `after` never returns a row at or before it, and every seen row is.
        if (!after || !rows.some((op) => seen.has(String(op.order.id)))) {
          const lastRow = rows.at(-1);
          if (lastRow) cursor = pendingOrdersCursorOf(lastRow);
          return page(rows, rows.length < pageSize);
        }
        keyset = false;
        logger.warn(
          { pageSize, held: seen.size },
          'listPendingOrders ignored the `after` cursor; this sweep re-reads the orders it holds on every page (implement `after`)',
        );
      }
      const limit = pageSize + seen.size;
      const rows = await list({ limit, checkedBefore: sweepStart });
      const fresh = rows.filter((op) => !seen.has(String(op.order.id)));
      return page(fresh, rows.length < limit || fresh.length === 0);
    },
    forget(orderId) {
      seen.delete(orderId);
    },
    // Nothing is leased, so there is nothing to hand back.
    release: async () => {},
    close: async () => {},
  };
}
