// How many rows one reconcile sweep reads from the store. Without the claim pair the sweep lists; it used
// to re-read every order it held on every page (5,000 pending orders, none due: pages of up to 5,100
// rows, about 132,500 rows in one sweep). With the `after` cursor each order is read about once.
import { describe, expect, it } from 'vitest';
import { createPaymentSync, type OrderRepository, type PendingOrdersQuery } from '../../../src/index';
import {
  buildOrderPayment,
  createFakePaymentGateway,
  createMemoryOrderRepository,
} from '../../../src/testing/index';
import { createManualClock } from '../../support/manual-clock';
import { createRecordingLogger } from '../../support/recording-logger';

/** The memory store without the claim pair, counting what listPendingOrders hands out. */
function countingListingRepository(count: number, options: { ignoreAfter?: boolean } = {}) {
  const clock = createManualClock('2024-01-01T10:00:00.000Z');
  // Created just now: the schedule's first check is later, so none is due and none is written.
  const memory = createMemoryOrderRepository(
    Array.from({ length: count }, (_, i) => buildOrderPayment({ id: i + 1, createdAt: clock.now() })),
  );
  const stats = { pages: 0, rowsRead: 0, largestPage: 0 };
  const repository: OrderRepository = {
    findOrderPayment: (id) => memory.findOrderPayment(id),
    updatePendingPayment: (id, change) => memory.updatePendingPayment(id, change),
    async listPendingOrders(query: PendingOrdersQuery) {
      // A repository written before `after` existed never sees it.
      const { after: _after, ...withoutAfter } = query;
      const rows = await memory.listPendingOrders(options.ignoreAfter ? withoutAfter : query);
      stats.pages += 1;
      stats.rowsRead += rows.length;
      stats.largestPage = Math.max(stats.largestPage, rows.length);
      return rows;
    },
  };
  return { clock, repository, stats };
}

async function sweep(count: number, options: { ignoreAfter?: boolean } = {}) {
  const { clock, repository, stats } = countingListingRepository(count, options);
  const logger = createRecordingLogger();
  const gateway = createFakePaymentGateway();
  const paymentSync = createPaymentSync({ repository, gateway, clock, logger, circuitBreaker: false });
  const seen: Array<string | number> = [];
  const summary = await paymentSync.reconcile({
    rateLimit: Number.POSITIVE_INFINITY,
    onProgress: (p) => void seen.push(p.orderId),
  });
  return { summary, stats, seen, gateway, logger };
}

describe('reconcile by listing (no claim capability): rows read per sweep', () => {
  it('reads each of 5,000 pending, not-due orders about once, in pages of at most pageSize', async () => {
    const { summary, stats, seen, gateway } = await sweep(5_000);
    // Printed so a reviewer sees the numbers next to the old ones (132,500 rows, pages of 5,100).
    console.info(`5,000 pending, none due: ${JSON.stringify(stats)}`);
    expect(summary).toMatchObject({ scanned: 5_000, skipped: 5_000, checked: 0, stoppedBy: 'done' });
    expect(new Set(seen).size).toBe(5_000);
    expect(gateway.calls).toEqual([]);
    expect(stats.largestPage).toBeLessThanOrEqual(100);
    expect(stats.rowsRead).toBeLessThanOrEqual(5_000 * 1.05);
  });

  it('still looks at every order exactly once when the repository ignores `after` (the fallback)', async () => {
    const { summary, stats, seen, logger } = await sweep(500, { ignoreAfter: true });
    expect(summary).toMatchObject({ scanned: 500, skipped: 500, stoppedBy: 'done' });
    expect(seen).toHaveLength(500);
    expect(new Set(seen).size).toBe(500);
    // The fallback re-reads held orders, so it reads more than once per order; it says so, once.
    expect(stats.rowsRead).toBeGreaterThan(500);
    expect(
      logger.records.filter((r) => r.level === 'warn' && /ignored the `after` cursor/.test(r.msg ?? '')),
    ).toHaveLength(1);
  });
});
