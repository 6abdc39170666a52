import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createOrderClient,
  isOrderNotFoundError,
  type OrderDetails,
  type OrderWatchErrorInfo,
  type OrderWatchUpdate,
} from '../../../src/client/index';
import { orderDetailsBody } from './order-details-fixtures';

const BASE = 'https://shop.test';
const ROUTE = `${BASE}/api/common/orders/:id/`;
const server = setupServer();
let requestCount = 0;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', () => {
    requestCount++;
  });
  process.on('unhandledRejection', onUnhandled);
});
beforeEach(() => {
  // Only the waits are faked: msw and fetch keep their own (real) machinery.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  requestCount = 0;
  unhandled.length = 0;
});
afterEach(async () => {
  vi.useRealTimers();
  server.resetHandlers();
  // Give any stray rejection a chance to surface before asserting there was none.
  await new Promise((resolve) => setImmediate(resolve));
  expect(unhandled).toEqual([]);
});
afterAll(() => {
  server.close();
  process.off('unhandledRejection', onUnhandled);
});

type Step = OrderDetails | { status: number; body: unknown } | 'network-error';
/** Answers each request with the next step; the last one repeats. */
function script(...steps: Step[]) {
  server.use(
    http.get(ROUTE, () => {
      const step = steps.length > 1 ? steps.shift()! : steps[0]!;
      if (step === 'network-error') return HttpResponse.error();
      if ('status' in step && typeof step.status === 'number')
        return HttpResponse.json(step.body as never, { status: step.status });
      return HttpResponse.json(step as OrderDetails);
    }),
  );
}

const client = createOrderClient({ baseUrl: BASE, retry: 0 });
const pending = () => orderDetailsBody({ paymentStatus: 'PENDING' });

function record() {
  const updates: Array<[string, OrderWatchUpdate]> = [];
  const errors: Array<[unknown, OrderWatchErrorInfo]> = [];
  return {
    updates,
    errors,
    onUpdate: (details: OrderDetails, update: OrderWatchUpdate) =>
      updates.push([details.payment.payment_status, update]),
    onError: (error: unknown, info: OrderWatchErrorInfo) => errors.push([error, info]),
  };
}

/** Lets the in-flight request (real I/O inside msw) finish, without moving the fake clock. */
async function settle() {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Moves the fake clock to `ms` after the start, letting requests finish on the way. */
async function advanceTo(clock: { now: number }, ms: number) {
  await settle();
  await vi.advanceTimersByTimeAsync(ms - clock.now);
  clock.now = ms;
  await settle();
}

describe('client.watchOrder', () => {
  it('polls while PENDING, backing off up to maxIntervalMs, and never faster', async () => {
    script(pending());
    const calls = record();
    const watch = client.watchOrder(123, {
      ...calls,
      intervalMs: 1000,
      backoffFactor: 2,
      maxIntervalMs: 4000,
    });
    const clock = { now: 0 };
    // Requests are due at 0, 1000, 3000 (+2000), 7000 (+4000), 11000 (+4000, capped).
    const seen: Array<[number, number]> = [];
    for (const t of [0, 999, 1000, 2999, 3000, 6999, 7000, 10_999, 11_000]) {
      await advanceTo(clock, t);
      seen.push([t, requestCount]);
    }
    expect(seen).toEqual([
      [0, 1],
      [999, 1],
      [1000, 2],
      [2999, 2],
      [3000, 3],
      [6999, 3],
      [7000, 4],
      [10_999, 4],
      [11_000, 5],
    ]);
    expect(calls.updates.map(([s, u]) => [s, u.attempt, u.changed, u.transitioned])).toEqual([
      ['PENDING', 1, true, false],
      ['PENDING', 2, false, false],
      ['PENDING', 3, false, false],
      ['PENDING', 4, false, false],
      ['PENDING', 5, false, false],
    ]);
    watch.stop();
    await expect(watch.done).resolves.toMatchObject({ reason: 'aborted', details: pending() });
  });

  it('stops at a terminal state and reports the transition exactly once', async () => {
    const completed = orderDetailsBody({ paymentStatus: 'COMPLETED', statusUpdated: true });
    script(pending(), pending(), completed, completed);
    const calls = record();
    const watch = client.watchOrder(123, { ...calls, intervalMs: 100, backoffFactor: 1 });
    const clock = { now: 0 };
    for (const t of [0, 100, 200, 300, 10_000]) await advanceTo(clock, t);
    expect(calls.updates.map(([s, u]) => [s, u.changed, u.transitioned])).toEqual([
      ['PENDING', true, false],
      ['PENDING', false, false],
      ['COMPLETED', true, true],
    ]);
    expect(requestCount).toBe(3);
    await expect(watch.done).resolves.toEqual({ reason: 'settled', details: completed });
  });

  it('reports a transition made elsewhere (status_updated false, e.g. by a webhook) once too', async () => {
    const failed = orderDetailsBody({ paymentStatus: 'FAILED', statusUpdated: false });
    script(pending(), failed);
    const calls = record();
    const watch = client.watchOrder(123, { ...calls, intervalMs: 50 });
    const clock = { now: 0 };
    for (const t of [0, 50, 5_000]) await advanceTo(clock, t);
    expect(calls.updates.map(([s, u]) => [s, u.transitioned])).toEqual([
      ['PENDING', false],
      ['FAILED', true],
    ]);
    expect((await watch.done).reason).toBe('settled');
  });

  it.each([
    [true, true],
    [false, false],
  ])(
    'a first snapshot that is already terminal with status_updated %s is a transition: %s',
    async (statusUpdated, transitioned) => {
      const completed = orderDetailsBody({ paymentStatus: 'COMPLETED', statusUpdated });
      script(completed);
      const calls = record();
      const watch = client.watchOrder(123, calls);
      const clock = { now: 0 };
      for (const t of [0, 120_000]) await advanceTo(clock, t);
      expect(calls.updates.map(([, u]) => u.transitioned)).toEqual([transitioned]);
      expect(requestCount).toBe(1);
      expect((await watch.done).reason).toBe('settled');
    },
  );

  it('keeps polling through transient errors (network, 503), reporting each to onError', async () => {
    const completed = orderDetailsBody({ paymentStatus: 'COMPLETED', statusUpdated: true });
    script(
      pending(),
      'network-error',
      { status: 503, body: { error: { code: 'REPOSITORY_ERROR', message: 'down' } } },
      completed,
    );
    const calls = record();
    const watch = client.watchOrder(123, { ...calls, intervalMs: 10, backoffFactor: 1 });
    const clock = { now: 0 };
    for (const t of [0, 10, 20, 30, 1_000]) await advanceTo(clock, t);
    expect(calls.errors.map(([e, info]) => [(e as { code: string }).code, info])).toEqual([
      ['NETWORK_ERROR', { attempt: 2, willRetry: true }],
      ['REPOSITORY_ERROR', { attempt: 3, willRetry: true }],
    ]);
    expect(calls.updates.map(([s, u]) => [s, u.attempt, u.transitioned])).toEqual([
      ['PENDING', 1, false],
      ['COMPLETED', 4, true],
    ]);
    expect((await watch.done).reason).toBe('settled');
  });

  it('stops on an error that retrying cannot fix (404 ORDER_NOT_FOUND) and says so in done', async () => {
    script({ status: 404, body: { error: { code: 'ORDER_NOT_FOUND', message: 'nope' } } });
    const calls = record();
    const watch = client.watchOrder(404, { ...calls, intervalMs: 10 });
    const clock = { now: 0 };
    for (const t of [0, 10_000]) await advanceTo(clock, t);
    expect(requestCount).toBe(1);
    expect(calls.errors.map(([, info]) => info)).toEqual([{ attempt: 1, willRetry: false }]);
    const result = await watch.done;
    expect(result.reason).toBe('failed');
    expect(isOrderNotFoundError(result.error)).toBe(true);
  });

  it('ends without an unhandled rejection when nobody listens (no onError, done ignored)', async () => {
    script({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'sign in' } } });
    client.watchOrder(1, { onUpdate: () => {} });
    await advanceTo({ now: 0 }, 0);
    expect(requestCount).toBe(1);
  });

  it('stops when the signal aborts during a wait: no more requests', async () => {
    script(pending());
    const controller = new AbortController();
    const calls = record();
    const watch = client.watchOrder(123, { ...calls, signal: controller.signal, intervalMs: 1000 });
    const clock = { now: 0 };
    await advanceTo(clock, 500);
    controller.abort();
    for (const t of [1000, 60_000]) await advanceTo(clock, t);
    expect(requestCount).toBe(1);
    await expect(watch.done).resolves.toEqual({ reason: 'aborted', details: pending() });
    expect(calls.errors).toEqual([]);
  });

  it('cancels the request in flight on abort, without calling onError', async () => {
    server.use(
      http.get(ROUTE, async () => {
        await delay('infinite');
        return HttpResponse.json(pending());
      }),
    );
    const controller = new AbortController();
    const calls = record();
    const watch = client.watchOrder(123, { ...calls, signal: controller.signal });
    await settle();
    controller.abort();
    await expect(watch.done).resolves.toEqual({ reason: 'aborted', details: undefined });
    expect([requestCount, calls.updates, calls.errors]).toEqual([1, [], []]);
  });

  it('stop() ends the watch; an already aborted signal makes no request at all', async () => {
    script(pending());
    const watch = client.watchOrder(123, { onUpdate: () => {}, intervalMs: 10 });
    await advanceTo({ now: 0 }, 0);
    watch.stop();
    watch.stop();
    await expect(watch.done).resolves.toMatchObject({ reason: 'aborted' });

    requestCount = 0;
    const aborted = client.watchOrder(123, { onUpdate: () => {}, signal: AbortSignal.abort() });
    await expect(aborted.done).resolves.toEqual({ reason: 'aborted', details: undefined });
    expect(requestCount).toBe(0);
  });

  it('ends as failed when onUpdate throws, without polling again', async () => {
    script(pending());
    const bug = new Error('render failed');
    const watch = client.watchOrder(123, {
      intervalMs: 10,
      onUpdate: () => {
        throw bug;
      },
    });
    const clock = { now: 0 };
    for (const t of [0, 1_000]) await advanceTo(clock, t);
    expect(requestCount).toBe(1);
    await expect(watch.done).resolves.toMatchObject({ reason: 'failed', error: bug });
  });

  it.each([
    [{}, TypeError, /`onUpdate` must be a function/],
    [{ onUpdate: () => {}, intervalMs: 0 }, RangeError, /`intervalMs`/],
    [{ onUpdate: () => {}, backoffFactor: 0.5 }, RangeError, /`backoffFactor`/],
    [{ onUpdate: () => {}, signal: 'stop' }, TypeError, /`signal` must be an AbortSignal/],
  ])('throws at call time for bad options %j', (options, type, message) => {
    expect(() => client.watchOrder(1, options as never)).toThrow(type);
    expect(() => client.watchOrder(1, options as never)).toThrow(message);
    expect(() => client.watchOrder({} as never, { onUpdate: () => {} })).toThrow(TypeError);
    expect(requestCount).toBe(0);
  });
});
