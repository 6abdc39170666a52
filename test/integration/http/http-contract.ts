// The one HTTP contract every adapter must pass: statuses, bodies, headers, auth, webhook semantics and
// bad input, through the adapter's real request path (a socket, `inject`, or a Web Request).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createPaymentSync,
  GatewayOrderNotFoundError,
  GatewayTimeoutError,
  type OrderRepository,
  type PaymentSync,
  type StatusChangeEvent,
} from '../../../src/index';
import {
  buildOrderPayment,
  createFakePaymentGateway,
  createMemoryOrderRepository,
  type FakePaymentGateway,
  type MemoryOrderRepository,
} from '../../../src/testing/index';
import { createRecordingLogger } from '../../support/recording-logger';
import type { CreateTarget, HttpTarget, TargetSetup } from './http-target';
import { orderEvent, refundEvent, webhookAuthorization, webhookCredentials } from './signed-webhook';

const ORDERS = '/api/common/orders';
const WEBHOOK = '/webhooks/phonepe';
const alice = { 'x-user': 'alice' };
const signed = { authorization: webhookAuthorization(), 'content-type': 'application/json' };

function seed(): MemoryOrderRepository {
  return createMemoryOrderRepository([
    buildOrderPayment({
      id: 1,
      paymentStatus: 'COMPLETED',
      transactionId: 'TXN-1',
      additionalInfo: {
        owner: 'alice',
        redirect_url: 'https://shop.example/pay/1',
        last_checked: '2024-01-01T15:35:00+05:30',
        gateway_response: { state: 'COMPLETED', transaction_id: 'TXN-1' },
      },
    }),
    buildOrderPayment({ id: 2, additionalInfo: { owner: 'alice' } }),
    buildOrderPayment({ id: 3, additionalInfo: { owner: 'bob' } }),
    buildOrderPayment({ id: 'ord_b7', additionalInfo: { owner: 'bob' } }),
    ...[10, 11, 12, 13, 14].map((id) => buildOrderPayment({ id, additionalInfo: { owner: 'alice' } })),
  ]);
}

const errorBody = (code: string) => ({ error: { code, message: expect.any(String) } });

export function runHttpContract(name: string, createTarget: CreateTarget): void {
  describe(`HTTP contract: ${name}`, () => {
    let repository: MemoryOrderRepository;
    let gateway: FakePaymentGateway;
    let paymentSync: PaymentSync;
    let changes: StatusChangeEvent[];
    let logger: ReturnType<typeof createRecordingLogger>;
    let target: HttpTarget;
    let authorizeCalls: number;

    async function start(store: OrderRepository = repository, extra: Partial<TargetSetup> = {}) {
      changes = [];
      paymentSync = createPaymentSync({
        repository: store,
        gateway,
        minCheckIntervalMs: 60_000,
        onStatusChange: (e) => {
          changes.push(e);
        },
      });
      target = await createTarget({
        paymentSync,
        credentials: webhookCredentials,
        idPattern: /^(\d+|ord_[a-z0-9]+)$/,
        logger,
        authorize: (user, op) => {
          authorizeCalls += 1;
          return user === 'admin' || op.payment.additionalInfo.owner === user;
        },
        ...extra,
      });
    }

    beforeEach(async () => {
      repository = seed();
      gateway = createFakePaymentGateway();
      logger = createRecordingLogger();
      authorizeCalls = 0;
      await start();
    });
    afterEach(() => target.close());

    describe('order details', () => {
      it('answers the seed wire shape for a settled order without asking the gateway', async () => {
        const res = await target.request('GET', `${ORDERS}/1/`, { headers: alice });
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.json()).toEqual({
          order: { id: 1, payment_status: 'COMPLETED', order_status: 'CONFIRMED', amount: 49_900 },
          payment: {
            payment_status: 'COMPLETED',
            transaction_id: 'TXN-1',
            additional_info: {
              owner: 'alice',
              redirect_url: 'https://shop.example/pay/1',
              last_checked: '2024-01-01T10:05:00.000Z',
              gateway_response: { state: 'COMPLETED', transaction_id: 'TXN-1' },
            },
          },
          status_updated: false,
        });
        expect(gateway.calls).toEqual([]);
      });

      it('syncs a pending order, answers status_updated once, and announces the change once', async () => {
        gateway.script('2', { state: 'COMPLETED', transactionId: 'TXN789456123', amount: 49_900 });
        const first = await target.request('GET', `${ORDERS}/2/`, { headers: alice });
        expect(first.status).toBe(200);
        const body = first.json() as {
          order: unknown;
          payment: { transaction_id: string; additional_info: { last_checked: string } };
          status_updated: boolean;
        };
        expect(body.order).toEqual({
          id: 2,
          payment_status: 'COMPLETED',
          order_status: 'CONFIRMED',
          amount: 49_900,
        });
        expect(body.status_updated).toBe(true);
        expect(body.payment.transaction_id).toBe('TXN789456123');
        expect(body.payment.additional_info.last_checked).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        const again = await target.request('GET', `${ORDERS}/2/`, { headers: alice });
        expect((again.json() as { status_updated: boolean }).status_updated).toBe(false);
        expect(changes.map((c) => [c.orderId, c.source])).toEqual([[2, 'read']]);
        expect(repository.get(2)?.order.orderStatus).toBe('CONFIRMED');
      });

      it('keeps a string id a string', async () => {
        const res = await target.request('GET', `${ORDERS}/ord_b7/`, { headers: { 'x-user': 'bob' } });
        expect(res.status).toBe(200);
        expect((res.json() as { order: { id: unknown } }).order.id).toBe('ord_b7');
      });

      it('answers 200 with the stored state when the gateway fails', async () => {
        gateway.script('2', new GatewayTimeoutError('PhonePe did not answer in time'));
        const res = await target.request('GET', `${ORDERS}/2/`, { headers: alice });
        expect(res.status).toBe(200);
        expect(res.json()).toMatchObject({
          order: { id: 2, payment_status: 'PENDING', order_status: 'PLACED' },
          payment: { payment_status: 'PENDING', transaction_id: null },
          status_updated: false,
        });
        expect(res.text).not.toMatch(/PhonePe did not answer|GATEWAY_TIMEOUT/);
      });

      it('answers an order the caller may not see exactly like a missing one (404)', async () => {
        const hidden = await target.request('GET', `${ORDERS}/3/`, { headers: alice });
        const missing = await target.request('GET', `${ORDERS}/999/`, { headers: alice });
        const anonymous = await target.request('GET', `${ORDERS}/3/`);
        for (const res of [hidden, missing, anonymous]) {
          expect(res.status).toBe(404);
          expect(res.json()).toEqual({ error: { code: 'ORDER_NOT_FOUND', message: 'Order not found' } });
        }
        expect(hidden.text).toBe(missing.text);
        expect(gateway.calls).toEqual([]);
        expect(repository.get(3)?.payment.additionalInfo).not.toHaveProperty('last_checked');
      });

      it.each([
        ['too long', '9'.repeat(65)],
        ['a dot-dot path trick', 'a..b'],
        ['an encoded slash', '1%2F..%2F2'],
        ['an encoded space', '1%202'],
        ['a non-matching pattern', 'abc'],
      ])('refuses an id that is %s with 400 before touching the repository', async (_, id) => {
        const res = await target.request('GET', `${ORDERS}/${id}/`, { headers: alice });
        expect(res.status).toBe(400);
        expect(res.json()).toEqual(errorBody('INVALID_ORDER_ID'));
        expect(repository.calls.findOrderPayment).toBe(0);
        expect(authorizeCalls).toBe(0);
      });

      it('answers 503 with a generic error body when the repository fails', async () => {
        await target.close();
        const down: OrderRepository = {
          ...repository,
          findOrderPayment: () =>
            Promise.reject(new Error('connect ECONNREFUSED db.internal:5432 pw=hunter2')),
        };
        await start(down);
        const res = await target.request('GET', `${ORDERS}/2/`, { headers: alice });
        expect(res.status).toBe(503);
        expect(res.json()).toEqual(errorBody('REPOSITORY_ERROR'));
        expect(res.text).not.toMatch(/ECONNREFUSED|hunter2|db\.internal|at /);
        expect(logger.records.some((r) => r.level === 'error')).toBe(true);
      });

      it('answers 500 without internals when authorize throws', async () => {
        await target.close();
        await start(repository, {
          authorize: () => {
            throw new Error('jwt secret mismatch in /srv/app/auth.js');
          },
        });
        const res = await target.request('GET', `${ORDERS}/2/`, { headers: alice });
        expect(res.status).toBe(500);
        expect(res.json()).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'Internal error' } });
        expect(res.text).not.toMatch(/jwt|srv/);
      });

      it('re-checks on the admin route even inside the minimum check interval', async () => {
        gateway.script('2', { state: 'PENDING', amount: 49_900 }, { state: 'FAILED', amount: 49_900 });
        await target.request('GET', `${ORDERS}/2/`, { headers: alice });
        const throttled = await target.request('GET', `${ORDERS}/2/`, { headers: alice });
        expect(throttled.json()).toMatchObject({ order: { payment_status: 'PENDING' } });
        expect(gateway.calls).toEqual(['2']);

        const refused = await target.request('POST', `${ORDERS}/2/sync`, { headers: alice });
        expect(refused.status).toBe(404);
        const forced = await target.request('POST', `${ORDERS}/2/sync`, { headers: { 'x-user': 'admin' } });
        expect(forced.status).toBe(200);
        expect(forced.json()).toMatchObject({
          order: { payment_status: 'FAILED', order_status: 'CANCELLED' },
          status_updated: true,
        });
        expect(changes.map((c) => c.source)).toEqual(['manual']);
      });
    });

    describe('PhonePe webhook', () => {
      const paid = { state: 'COMPLETED', transactionId: 'TXN789456123', amount: 49_900 } as const;

      it('applies a completed order event and answers 200 only once the write is committed', async () => {
        gateway.script('2', paid);
        const res = await target.request('POST', WEBHOOK, {
          headers: signed,
          body: orderEvent('2', 'COMPLETED'),
        });
        expect(res.status).toBe(200);
        expect(res.json()).toEqual({ acknowledged: true, reason: 'updated' });
        expect(repository.get(2)).toMatchObject({
          order: { paymentStatus: 'COMPLETED', orderStatus: 'CONFIRMED' },
          payment: { transactionId: 'TXN789456123' },
        });
        expect(changes.map((c) => [c.orderId, c.source, c.paymentStatus])).toEqual([
          [2, 'webhook', 'COMPLETED'],
        ]);
      });

      it('acknowledges a duplicate delivery without a second change', async () => {
        gateway.script('2', paid);
        const body = orderEvent('2', 'COMPLETED');
        await target.request('POST', WEBHOOK, { headers: signed, body });
        const dup = await target.request('POST', WEBHOOK, { headers: signed, body });
        const late = await target.request('POST', WEBHOOK, {
          headers: signed,
          body: orderEvent('2', 'FAILED'),
        });
        expect([dup.status, dup.json()]).toEqual([200, { acknowledged: true, reason: 'already-settled' }]);
        expect([late.status, late.json()]).toEqual([200, { acknowledged: true, reason: 'already-settled' }]);
        expect(changes).toHaveLength(1);
        expect(repository.get(2)?.payment.paymentStatus).toBe('COMPLETED');
        expect(gateway.calls).toEqual(['2']);
      });

      it('a forged COMPLETED that PhonePe still calls PENDING answers 200 unconfirmed and writes nothing', async () => {
        gateway.script('2', { state: 'PENDING', amount: 49_900 });
        const res = await target.request('POST', WEBHOOK, {
          headers: signed,
          body: orderEvent('2', 'COMPLETED'),
        });
        expect([res.status, res.json()]).toEqual([200, { acknowledged: true, reason: 'unconfirmed' }]);
        expect(repository.get(2)).toMatchObject({
          order: { paymentStatus: 'PENDING', orderStatus: 'PLACED' },
          payment: { paymentStatus: 'PENDING', transactionId: null },
        });
        expect(changes).toEqual([]);
        expect(logger.text()).toContain('webhook not confirmed');
      });

      it('PhonePe not knowing the order is a 200 unconfirmed, nothing written', async () => {
        gateway.script('2', new GatewayOrderNotFoundError('2'));
        const res = await target.request('POST', WEBHOOK, {
          headers: signed,
          body: orderEvent('2', 'COMPLETED'),
        });
        expect([res.status, res.json()]).toEqual([200, { acknowledged: true, reason: 'unconfirmed' }]);
        expect(repository.calls.updatePendingPayment).toBe(0);
      });

      it('answers 503 WEBHOOK_NOT_CONFIRMED and writes nothing when the status call fails', async () => {
        gateway.script('2', new GatewayTimeoutError('PhonePe did not answer in time'));
        const res = await target.request('POST', WEBHOOK, {
          headers: signed,
          body: orderEvent('2', 'COMPLETED'),
        });
        expect(res.status).toBe(503);
        expect(res.json()).toEqual(errorBody('WEBHOOK_NOT_CONFIRMED'));
        expect(repository.calls.updatePendingPayment).toBe(0);
        expect(changes).toEqual([]);
      });

      it('applies the state PhonePe reports, not the body’s', async () => {
        gateway.script('2', { state: 'FAILED', amount: 49_900 });
        const res = await target.request('POST', WEBHOOK, {
          headers: signed,
          body: orderEvent('2', 'COMPLETED'),
        });
        expect([res.status, res.json()]).toEqual([200, { acknowledged: true, reason: 'updated' }]);
        expect(repository.get(2)?.order).toMatchObject({ paymentStatus: 'FAILED', orderStatus: 'CANCELLED' });
      });

      it('with confirmWithGateway: false applies the body as sent, without a status call', async () => {
        await target.close();
        await start(repository, { confirmWithGateway: false });
        const res = await target.request('POST', WEBHOOK, {
          headers: signed,
          body: orderEvent('2', 'COMPLETED'),
        });
        expect([res.status, res.json()]).toEqual([200, { acknowledged: true, reason: 'updated' }]);
        expect(repository.get(2)?.payment).toMatchObject({
          paymentStatus: 'COMPLETED',
          transactionId: 'TXN789456123',
        });
        expect(gateway.calls).toEqual([]);
      });

      it.each([
        [
          'a wrong Authorization',
          { ...signed, authorization: webhookAuthorization({ username: 'x', password: 'y' }) },
        ],
        ['no Authorization', { 'content-type': 'application/json' }],
      ])('answers 401 and writes nothing on %s', async (_, headers) => {
        const res = await target.request('POST', WEBHOOK, { headers, body: orderEvent('2', 'COMPLETED') });
        expect(res.status).toBe(401);
        expect(res.json()).toEqual(errorBody('WEBHOOK_UNAUTHORIZED'));
        expect(repository.calls.updatePendingPayment).toBe(0);
        expect(repository.get(2)?.payment.paymentStatus).toBe('PENDING');
        expect(logger.text()).not.toContain(webhookCredentials.password);
      });

      it.each([
        ['malformed JSON', '{"event": "checkout.order.completed", "payload": {'],
        ['an empty body', ''],
        ['a body without payload', '{"event":"checkout.order.completed"}'],
        [
          'an order event without merchantOrderId',
          '{"event":"checkout.order.completed","payload":{"state":"COMPLETED"}}',
        ],
      ])('answers 400 on %s and writes nothing', async (_, body) => {
        const res = await target.request('POST', WEBHOOK, { headers: signed, body });
        expect(res.status).toBe(400);
        expect(res.json()).toEqual(errorBody('WEBHOOK_INVALID_PAYLOAD'));
        expect(repository.calls.updatePendingPayment).toBe(0);
      });

      it.each([
        ['a refund event', refundEvent('2'), 'ignored-event'],
        ['an unknown event', JSON.stringify({ event: 'subscription.x', payload: {} }), 'ignored-event'],
        ['an unknown state', orderEvent('2', 'AUTHORIZED_SOMEHOW'), 'unknown-state'],
        ['an unknown order', orderEvent('777', 'COMPLETED'), 'unknown-order'],
      ])('acknowledges %s with 200 and a reason, writing nothing', async (_, body, reason) => {
        const res = await target.request('POST', WEBHOOK, { headers: signed, body });
        expect([res.status, res.json()]).toEqual([200, { acknowledged: true, reason }]);
        expect(repository.calls.updatePendingPayment).toBe(0);
        expect(changes).toEqual([]);
        expect(logger.records.some((r) => r.obj.reason === reason)).toBe(true);
      });

      it('answers 503 on a repository failure, acknowledging nothing', async () => {
        gateway.script('2', paid);
        await target.close();
        const flaky: OrderRepository = {
          ...repository,
          updatePendingPayment: () => Promise.reject(new Error('deadlock detected')),
        };
        await start(flaky);
        const res = await target.request('POST', WEBHOOK, {
          headers: signed,
          body: orderEvent('2', 'COMPLETED'),
        });
        expect(res.status).toBe(503);
        expect(res.json()).toEqual(errorBody('REPOSITORY_ERROR'));
        expect(res.text).not.toContain('deadlock');
        expect(changes).toEqual([]);
      });

      it('refuses a body over 64 KiB with 413 and writes nothing', async () => {
        const big = JSON.stringify({
          event: 'checkout.order.completed',
          payload: { merchantOrderId: '2', state: 'COMPLETED', pad: 'x'.repeat(70 * 1024) },
        });
        const res = await target.request('POST', WEBHOOK, { headers: signed, body: big });
        expect(res.status).toBe(413);
        expect(res.json()).toEqual(errorBody('PAYLOAD_TOO_LARGE'));
        expect(repository.get(2)?.payment.paymentStatus).toBe('PENDING');
      });

      it("leaves the app's own JSON parsing alone", async () => {
        const res = await target.request('POST', '/echo', {
          headers: { 'content-type': 'application/json' },
          body: '{"hello":"world"}',
        });
        expect([res.status, res.json()]).toEqual([200, { hello: 'world' }]);
      });
    });

    it('a webhook racing a read on the same order makes exactly one transition and one announcement', async () => {
      const ids = [10, 11, 12, 13, 14];
      ids.forEach((id, i) => {
        gateway.script(String(id), async () => {
          await new Promise((r) => setTimeout(r, i));
          return { state: 'COMPLETED', transactionId: 'TXN789456123', amount: 49_900 };
        });
      });
      await Promise.all(
        ids.map(async (id) => {
          const [read, hook] = await Promise.all([
            target.request('GET', `${ORDERS}/${id}/`, { headers: alice }),
            target.request('POST', WEBHOOK, { headers: signed, body: orderEvent(String(id), 'COMPLETED') }),
          ]);
          expect([read.status, hook.status]).toEqual([200, 200]);
          const readWon = (read.json() as { status_updated: boolean }).status_updated;
          const hookWon = (hook.json() as { reason: string }).reason === 'updated';
          expect(Number(readWon) + Number(hookWon)).toBe(1);
          expect(repository.get(id)?.order.orderStatus).toBe('CONFIRMED');
        }),
      );
      expect(changes.map((c) => c.orderId).sort()).toEqual(ids);
    });
  });
}
