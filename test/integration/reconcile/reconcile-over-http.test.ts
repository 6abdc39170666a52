// The reconciler end to end over real HTTP: paymentSync.reconcile with the real PhonePe gateway
// (createPhonePeGateway: OAuth, ky, zod) against the stateful simulator served on a local port.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPaymentSync,
  createRateLimiter,
  type RateLimiter,
  type ReconcileSummary,
} from '../../../src/index';
import { createPhonePeGateway } from '../../../src/phonepe/index';
import { createKyselyOrderRepository, migrateOrderSyncSchema } from '../../../src/repositories/kysely/index';
import {
  buildOrderPayment,
  createMemoryOrderRepository,
  createPhonePeSimulator,
  type PhonePeSimulator,
  type ServedPhonePeSimulator,
  servePhonePeSimulator,
} from '../../../src/testing/index';
import { createManualClock } from '../../support/manual-clock';
import { seedRows } from '../kysely/support/seed-rows';
import { createSqliteDatabase, type TestDatabase } from '../kysely/support/test-databases';

const CREDENTIALS = {
  clientId: 'id',
  clientSecret: 'secret',
  clientVersion: 1,
  environment: 'sandbox',
} as const;

let served: ServedPhonePeSimulator | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  await served?.close();
  await database?.drop();
  served = undefined;
  database = undefined;
});

/**
 * Serves `simulator`, noting the arrival of every status request (and its order id) as it reaches the
 * server: the wire as PhonePe would see it, retries included.
 */
async function serve(simulator: PhonePeSimulator) {
  const arrivals: Array<{ atMs: number; merchantOrderId: string }> = [];
  served = await servePhonePeSimulator({
    ...simulator,
    handle(request) {
      const match = /\/checkout\/v2\/order\/([^/]+)\/status$/.exec(new URL(request.url, 'http://x').pathname);
      if (match) arrivals.push({ atMs: performance.now(), merchantOrderId: decodeURIComponent(match[1]!) });
      return simulator.handle(request);
    },
  });
  return { url: served.url, arrivals };
}

/** Orders 1..count, pending in a memory store (30 s old) and COMPLETED at a fresh simulator. */
function pendingHereCompletedAtPhonePe(count: number) {
  const simulator = createPhonePeSimulator();
  const createdAt = new Date(Date.now() - 30_000);
  const repository = createMemoryOrderRepository();
  for (let id = 1; id <= count; id++) {
    simulator.createOrder(String(id), { amount: 1000, state: 'COMPLETED', transactionId: `T${id}` });
    repository.insert(buildOrderPayment({ id, amount: 1000, createdAt }));
  }
  return { simulator, repository };
}

describe('reconcile over HTTP against the PhonePe simulator', () => {
  it('orders that complete, fail, stay pending and expire (Kysely on SQLite, injected clock)', async () => {
    const clock = createManualClock('2024-01-01T10:00:00.000Z');
    const t0 = clock.now().getTime();
    const simulator = createPhonePeSimulator({ now: () => clock.now().getTime() })
      .createOrder('1', {
        amount: 49_900,
        transitions: [{ afterChecks: 1, state: 'COMPLETED', transactionId: 'TXN789456123' }],
      })
      .createOrder('2', {
        amount: 49_900,
        transitions: [{ afterChecks: 1, state: 'FAILED', errorCode: 'INVALID_MPIN' }],
      })
      .createOrder('3', { amount: 49_900 })
      .createOrder('4', { amount: 49_900, expireAt: t0 + 60_000 });
    const { url, arrivals } = await serve(simulator);
    database = await createSqliteDatabase();
    await migrateOrderSyncSchema(database.db);
    const createdAt = new Date(t0 - 25_000); // past the first-check delay
    await seedRows(
      database.db,
      'sqlite',
      [1, 2, 3, 4].map((id) => buildOrderPayment({ id, amount: 49_900, createdAt })),
    );
    const repository = createKyselyOrderRepository(database.db);
    const events: string[] = [];
    const paymentSync = createPaymentSync({
      repository,
      gateway: createPhonePeGateway({ ...CREDENTIALS, baseUrl: url, clock }),
      clock,
      onStatusChange: (e) => void events.push(`${e.orderId}:${e.paymentStatus}`),
    });

    const first = await paymentSync.reconcile({ workerId: 'job' });
    expect(first).toMatchObject({
      scanned: 4,
      checked: 4,
      updated: 2,
      stillPending: 2,
      errors: 0,
      stoppedBy: 'done',
    });
    expect(events.sort()).toEqual(['1:COMPLETED', '2:FAILED']);
    expect(await repository.findOrderPayment('1')).toMatchObject({
      order: { paymentStatus: 'COMPLETED', orderStatus: 'CONFIRMED' },
      payment: { transactionId: 'TXN789456123' },
    });
    expect(await repository.findOrderPayment('2')).toMatchObject({
      order: { paymentStatus: 'FAILED', orderStatus: 'CANCELLED' },
      payment: { additionalInfo: { gateway_response: { error_code: 'INVALID_MPIN' } } },
    });
    const pending4 = await repository.findOrderPayment('4');
    // The schedule learns the expiry from PhonePe's answer.
    expect(pending4?.payment.additionalInfo.gateway_response).toMatchObject({
      state: 'PENDING',
      expire_at: new Date(t0 + 60_000).toISOString(),
    });

    // Past order 4's expiry and the schedule's final-check delay: PhonePe failed it as EXPIRED.
    clock.advance(95_000);
    const second = await paymentSync.reconcile({ workerId: 'job' });
    expect(second).toMatchObject({ checked: 2, updated: 1, stillPending: 1, errors: 0 });
    expect(await repository.findOrderPayment('4')).toMatchObject({
      order: { paymentStatus: 'FAILED', orderStatus: 'CANCELLED' },
      payment: { paymentStatus: 'FAILED', additionalInfo: { gateway_response: { error_code: 'EXPIRED' } } },
    });
    expect(await repository.findOrderPayment('3')).toMatchObject({ payment: { paymentStatus: 'PENDING' } });
    expect(events.sort()).toEqual(['1:COMPLETED', '2:FAILED', '4:FAILED']);
    // Settled orders were never asked about again.
    const asked = arrivals.map((a) => a.merchantOrderId);
    expect(asked.filter((id) => id === '1' || id === '2')).toHaveLength(2);
    expect(asked.filter((id) => id === '4')).toHaveLength(2);
  });

  it.each([
    {
      limiter: 'the reconciler',
      // The gateway's own retries (2 by default, after Retry-After) are requests the reconciler's bucket
      // never sees; off here, so that every request on the wire went through the bucket.
      gatewayOptions: (_limiter: RateLimiter) => ({ retry: false as const }),
      reconcileRateLimit: (limiter: RateLimiter) => limiter,
    },
    {
      limiter: 'the gateway (its retries on)',
      // The gateway paces every request it sends, retries included; the reconciler adds no bucket.
      gatewayOptions: (limiter: RateLimiter) => ({ rateLimit: limiter }),
      reconcileRateLimit: (_limiter: RateLimiter) => Number.POSITIVE_INFINITY,
    },
  ])(
    'a 429 storm, rate limit held by $limiter: the wire never sees more than the limit, and every order settles',
    async ({ gatewayOptions, reconcileRateLimit }) => {
      const RATE = 20;
      const ORDERS = 60;
      const { simulator, repository } = pendingHereCompletedAtPhonePe(ORDERS);
      // A storm: 25 status requests in a row answered 429 with Retry-After: 1, starting with the 6th.
      simulator.inject(
        { type: 'rate-limit', retryAfterSeconds: 1 },
        { endpoint: 'status', times: 25, skip: 5 },
      );
      const { url, arrivals } = await serve(simulator);
      // One bucket for all the sweeps, as a loop of sweeps should share it (README): a fresh bucket per
      // sweep would let the first call of a sweep follow the last of the previous one at once.
      const limiter = createRateLimiter({ ratePerSecond: RATE });
      const rateLimit = reconcileRateLimit(limiter);
      // When each status request leaves this process: what a limiter controls. Arrival times at the
      // simulator (same process) bunch up whenever a loaded machine stalls the event loop.
      const sent: number[] = [];
      const recordingFetch: typeof fetch = (input, init) => {
        const target = input instanceof Request ? input.url : String(input);
        if (target.includes('/status')) sent.push(performance.now());
        return fetch(input, init);
      };
      const paymentSync = createPaymentSync({
        repository,
        gateway: createPhonePeGateway({
          ...CREDENTIALS,
          baseUrl: url,
          fetch: recordingFetch,
          ...gatewayOptions(limiter),
        }),
        circuitBreaker: false,
      });
      const summaries: ReconcileSummary[] = [];
      // Orders that met the storm are left for later (errorBackoffMs); sweeps run until all have settled.
      for (
        let sweep = 0;
        sweep < 10 && repository.all().some((op) => op.payment.paymentStatus === 'PENDING');
        sweep++
      ) {
        summaries.push(await paymentSync.reconcile({ rateLimit, concurrency: 8, errorBackoffMs: 0 }));
      }
      expect(repository.all().filter((op) => op.payment.paymentStatus !== 'COMPLETED')).toEqual([]);
      expect(summaries[0]!.errors).toBeGreaterThan(0);
      expect(summaries.reduce((n, s) => n + s.updated, 0)).toBe(ORDERS);
      // Every status request sent, 429s included (all reached the simulator), counted in every one-second
      // window starting at a request: never above the limit, plus one for window alignment (a window may
      // hold both ends of the spacing).
      expect(arrivals.length).toBeGreaterThanOrEqual(ORDERS + 25);
      expect(sent).toHaveLength(arrivals.length);
      const times = sent;
      let busiest = 0;
      for (let i = 0; i < times.length; i++) {
        let n = 0;
        while (i + n < times.length && times[i + n]! < times[i]! + 1000) n++;
        busiest = Math.max(busiest, n);
      }
      expect(busiest).toBeLessThanOrEqual(RATE + 1);
    },
  );

  it('aborting mid-sweep loses nothing: in-flight checks finish and are written, the rest settle next sweep', async () => {
    const ORDERS = 40;
    const { simulator, repository } = pendingHereCompletedAtPhonePe(ORDERS);
    // Every status answer takes 150 ms, so checks are in flight when the abort lands.
    simulator.inject({ type: 'latency', ms: 150 }, { endpoint: 'status', times: 1_000 });
    const { url, arrivals } = await serve(simulator);
    const abort = new AbortController();
    const settled: string[] = [];
    const paymentSync = createPaymentSync({
      repository,
      gateway: createPhonePeGateway({ ...CREDENTIALS, baseUrl: url }),
      onStatusChange: (e) => void settled.push(String(e.orderId)),
    });
    let inFlightAtAbort = 0;
    let reported = 0;
    const sweep = paymentSync.reconcile({
      concurrency: 4,
      rateLimit: Number.POSITIVE_INFINITY,
      workerId: 'job',
      onProgress: () => {
        // Abort once 6 orders are done: requests for others are then on the wire (arrived, unanswered).
        reported += 1;
        if (reported === 6) {
          inFlightAtAbort = arrivals.length - reported;
          abort.abort();
        }
      },
      signal: abort.signal,
    });
    const first = await sweep;
    expect(first.stoppedBy).toBe('aborted');
    expect(inFlightAtAbort).toBeGreaterThan(0);
    // Every order asked about was written and announced: the in-flight ones finished after the abort.
    const asked = new Set(arrivals.map((a) => a.merchantOrderId));
    expect(asked.size).toBe(arrivals.length);
    expect(first.updated).toBe(asked.size);
    expect(first.updated).toBeGreaterThan(6);
    expect(new Set(settled)).toEqual(asked);
    for (const op of repository.all()) {
      const id = String(op.order.id);
      if (asked.has(id)) {
        expect([id, op.payment.paymentStatus]).toEqual([id, 'COMPLETED']);
      } else {
        // Untouched, and not left leased: claimable again at once.
        expect([id, op.payment.paymentStatus, op.payment.additionalInfo.last_checked]).toEqual([
          id,
          'PENDING',
          undefined,
        ]);
        expect(repository.leaseOf(id)!.until.getTime()).toBeLessThanOrEqual(Date.now());
      }
    }

    const second = await paymentSync.reconcile({
      concurrency: 4,
      rateLimit: Number.POSITIVE_INFINITY,
      workerId: 'job',
    });
    expect(second).toMatchObject({ stoppedBy: 'done', updated: ORDERS - first.updated, errors: 0 });
    expect(repository.all().every((op) => op.payment.paymentStatus === 'COMPLETED')).toBe(true);
    // Each order was asked about exactly once across both sweeps, and announced once.
    expect(arrivals).toHaveLength(ORDERS);
    expect(settled.sort()).toEqual(Array.from({ length: ORDERS }, (_, i) => String(i + 1)).sort());
  });
});
