import { describe, expect, it } from 'vitest';
import {
  createPaymentSync,
  GatewayError,
  GatewayOrderNotFoundError,
  GatewayUnknownStateError,
  InvalidOrderIdError,
  isInvalidOrderIdError,
  isOrderNotFoundError,
  type StatusChangeEvent,
} from '../../../src/index';
import {
  buildOrderPayment,
  createFakePaymentGateway,
  createMemoryOrderRepository,
} from '../../../src/testing/index';
import { createManualClock } from '../../support/manual-clock';
import { createRecordingLogger } from '../../support/recording-logger';

function setup(options: Record<string, unknown> = {}) {
  const repository = createMemoryOrderRepository([
    buildOrderPayment({ id: 1 }),
    buildOrderPayment({ id: 2, merchantOrderId: 'M-2' }),
  ]);
  const gateway = createFakePaymentGateway();
  const clock = createManualClock();
  const logger = createRecordingLogger();
  const events: StatusChangeEvent[] = [];
  const paymentSync = createPaymentSync({
    repository,
    gateway,
    clock,
    logger,
    onStatusChange: (e) => void events.push(e),
    ...options,
  });
  return { repository, gateway, clock, logger, events, paymentSync };
}

describe('createPaymentSync: single-flight', () => {
  it('1,000 concurrent syncs of one pending order make one gateway call; exactly one answer says updated', async () => {
    const { paymentSync, gateway, events } = setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    gateway.setDefault(async () => {
      await gate;
      return { state: 'COMPLETED', transactionId: 'TXN', amount: 49_900 };
    });
    const all = Promise.all(Array.from({ length: 1000 }, (_, i) => paymentSync.sync(i % 2 ? 1 : '1')));
    await new Promise((r) => setImmediate(r));
    release();
    const results = await all;
    expect(gateway.calls).toEqual(['1']);
    expect(results.filter((r) => r.statusUpdated)).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'updated')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'superseded')).toHaveLength(999);
    for (const r of results)
      expect(r.payment).toMatchObject({ paymentStatus: 'COMPLETED', transactionId: 'TXN' });
    expect(events).toHaveLength(1);
  });

  it('does not cache: a later sync asks again', async () => {
    const { paymentSync, gateway } = setup();
    await paymentSync.sync(1);
    await paymentSync.sync(1);
    expect(gateway.calls).toEqual(['1', '1']);
  });
});

describe('createPaymentSync: minimum check interval', () => {
  it('answers throttled from the store inside minCheckIntervalMs, asks again after it, and force bypasses it', async () => {
    const { paymentSync, gateway, clock } = setup({ minCheckIntervalMs: 10_000 });
    expect((await paymentSync.sync(1)).outcome).toBe('still-pending');
    clock.advance(9_999);
    const throttled = await paymentSync.sync(1);
    expect(throttled).toMatchObject({ outcome: 'throttled', checked: false, statusUpdated: false });
    expect(gateway.calls).toHaveLength(1);
    expect((await paymentSync.sync(1, { force: true })).outcome).toBe('still-pending');
    clock.advance(10_000);
    expect((await paymentSync.sync(1)).outcome).toBe('still-pending');
    expect(gateway.calls).toHaveLength(3);
  });

  it('checks on every read by default (the seed behaviour)', async () => {
    const { paymentSync, gateway } = setup();
    for (let i = 0; i < 3; i++) await paymentSync.sync(1);
    expect(gateway.calls).toHaveLength(3);
  });
});

describe('createPaymentSync: circuit breaker', () => {
  it('opens after K consecutive failures, answers circuit-open without calling, then closes after a good probe', async () => {
    const { paymentSync, gateway, clock, repository } = setup({
      circuitBreaker: { failureThreshold: 3, cooldownMs: 5_000 },
    });
    gateway.setDefault(new GatewayError('down', { status: 503 }));
    for (let i = 0; i < 3; i++) expect((await paymentSync.sync(1)).outcome).toBe('gateway-error');
    expect(paymentSync.circuitState).toBe('open');
    const open = await paymentSync.sync(1);
    expect(open).toMatchObject({ outcome: 'circuit-open', checked: false, order: repository.get(1)!.order });
    expect(gateway.calls).toHaveLength(3);

    clock.advance(5_000);
    gateway.setDefault({ state: 'PENDING' });
    expect((await paymentSync.sync(1)).outcome).toBe('still-pending');
    expect(paymentSync.circuitState).toBe('closed');
  });

  it('lets exactly one half-open probe through, and a failed probe reopens the circuit', async () => {
    const { paymentSync, gateway, clock } = setup({
      circuitBreaker: { failureThreshold: 1, cooldownMs: 1_000 },
    });
    gateway.setDefault(new GatewayError('down'));
    await paymentSync.sync(1);
    clock.advance(1_000);
    const [a, b] = await Promise.all([paymentSync.sync(1), paymentSync.sync(2)]);
    expect([a.outcome, b.outcome].sort()).toEqual(['circuit-open', 'gateway-error']);
    expect(paymentSync.circuitState).toBe('open');
    expect(gateway.calls).toHaveLength(2);
  });

  it('does not count an unknown order at the gateway as an outage', async () => {
    const { paymentSync, gateway } = setup({ circuitBreaker: { failureThreshold: 2 } });
    gateway.setDefault(new GatewayOrderNotFoundError('no such order', { status: 400 }));
    for (let i = 0; i < 5; i++) expect((await paymentSync.sync(1)).outcome).toBe('gateway-error');
    expect(paymentSync.circuitState).toBe('closed');
  });

  it.each([
    ['an unknown order', () => new GatewayOrderNotFoundError('no such order', { status: 400 })],
    [
      'a state it does not know',
      () => new GatewayUnknownStateError('odd', { status: 200, state: 'AUTHORIZED' }),
    ],
    ['a refused order id', () => new InvalidOrderIdError('PhonePe merchant order id must be ...')],
  ])('never opens on N answers about %s, while N outages open it', async (_label, make) => {
    const { paymentSync, gateway } = setup({ circuitBreaker: { failureThreshold: 3 } });
    gateway.setDefault(make());
    for (let i = 0; i < 10; i++) {
      const result = await paymentSync.sync(1 + (i % 2));
      expect(result.outcome).toBe('gateway-error');
      expect(result.error?.code).toBe(make().code);
    }
    expect(paymentSync.circuitState).toBe('closed');
    expect(gateway.calls).toHaveLength(10);
    gateway.setDefault(new GatewayError('down', { status: 503 }));
    for (let i = 0; i < 3; i++) await paymentSync.sync(1);
    expect(paymentSync.circuitState).toBe('open');
  });

  it('reports an id the gateway refuses as INVALID_ORDER_ID, not wrapped in GATEWAY_ERROR', async () => {
    const { paymentSync, gateway } = setup();
    gateway.setDefault(new InvalidOrderIdError('refused'));
    const result = await paymentSync.sync(1);
    expect(isInvalidOrderIdError(result.error)).toBe(true);
    expect(result).toMatchObject({ outcome: 'gateway-error', error: { code: 'INVALID_ORDER_ID' } });
  });

  it('can be turned off', async () => {
    const { paymentSync, gateway } = setup({ circuitBreaker: false });
    gateway.setDefault(new GatewayError('down'));
    for (let i = 0; i < 10; i++) await paymentSync.sync(1);
    expect(gateway.calls).toHaveLength(10);
  });
});

describe('createPaymentSync: reads, webhooks and events', () => {
  it('getOrderDetails syncs by id and throws OrderNotFoundError for an unknown one', async () => {
    const { paymentSync, gateway } = setup();
    gateway.script('1', { state: 'COMPLETED', transactionId: 'TXN789456123', amount: 49_900 });
    const result = await paymentSync.getOrderDetails(1);
    expect(result).toMatchObject({ statusUpdated: true, payment: { transactionId: 'TXN789456123' } });
    await expect(paymentSync.getOrderDetails(404)).rejects.toSatisfy(isOrderNotFoundError);
  });

  it('applyGatewayStatus finds the order by merchant order id, applies once, and is idempotent', async () => {
    const { paymentSync, repository, events, gateway } = setup();
    const first = await paymentSync.applyGatewayStatus('M-2', {
      state: 'FAILED',
      transactionId: 'T-F',
      amount: 49_900,
    });
    expect(first).toMatchObject({ outcome: 'updated', statusUpdated: true, checked: false });
    expect(repository.get(2)!.order.orderStatus).toBe('CANCELLED');
    expect(repository.get(2)!.payment.additionalInfo.gateway_response).toMatchObject({
      received_via: 'webhook',
    });
    const again = await paymentSync.applyGatewayStatus('M-2', {
      state: 'FAILED',
      transactionId: 'T-F',
      amount: 49_900,
    });
    expect(again).toMatchObject({ outcome: 'not-pending', statusUpdated: false });
    expect(events.map((e) => [e.orderId, e.source])).toEqual([[2, 'webhook']]);
    expect(gateway.calls).toEqual([]);
    await expect(paymentSync.applyGatewayStatus('M-404', { state: 'FAILED' })).rejects.toSatisfy(
      isOrderNotFoundError,
    );
    await expect(paymentSync.applyGatewayStatus('M-2', { state: 'PAID' as never })).rejects.toThrow(
      TypeError,
    );
  });

  it('emits gatewayError and statusChange events, and logs a failing listener without breaking the read', async () => {
    const { paymentSync, gateway, logger } = setup();
    const seen: string[] = [];
    const off = paymentSync.on('gatewayError', ({ error }) => void seen.push(error.code));
    paymentSync.on('statusChange', () => {
      throw new Error('listener bug');
    });
    gateway.script('1', new GatewayError('down'), { state: 'COMPLETED', amount: 49_900 });
    await paymentSync.sync(1);
    off();
    await paymentSync.sync(1);
    expect(seen).toEqual(['GATEWAY_ERROR']);
    expect(logger.records.some((r) => r.level === 'error' && r.msg === 'event listener failed')).toBe(true);
  });

  it('findOrderPayment reads without syncing', async () => {
    const { paymentSync, gateway } = setup();
    expect((await paymentSync.findOrderPayment(1))?.order.id).toBe(1);
    expect(await paymentSync.findOrderPayment('nope')).toBeNull();
    expect(gateway.calls).toEqual([]);
  });
});

describe('createPaymentSync: options are validated at construction', () => {
  const repository = createMemoryOrderRepository();
  const gateway = createFakePaymentGateway();
  it.each([
    [{ minCheckIntervalMs: -1 }, RangeError, 'minCheckIntervalMs'],
    [{ minCheckIntervalMs: 'often' }, TypeError, 'minCheckIntervalMs'],
    [{ circuitBreaker: { failureThreshold: 0 } }, RangeError, 'circuitBreaker.failureThreshold'],
    [{ circuitBreaker: { failures: 3 } }, TypeError, 'circuitBreaker'],
    [{ logger: console.log }, TypeError, 'logger'],
    [{ clock: { now: 1 } }, TypeError, 'clock'],
    [{ orderStatusFor: { COMPLETED: '' } }, RangeError, 'orderStatusFor'],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, RangeError, 'timeoutMs'],
    [{ gateway: undefined }, TypeError, 'gateway.getPaymentStatus'],
  ])('%o throws a built-in error naming the option', (override, ErrorClass, name) => {
    const build = () => createPaymentSync({ repository, gateway, ...(override as object) });
    expect(build).toThrow(ErrorClass);
    expect(build).toThrow(name);
  });
});
