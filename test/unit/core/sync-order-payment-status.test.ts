import { describe, expect, it } from 'vitest';
import {
  GatewayError,
  GatewayResponseError,
  GatewayTimeoutError,
  isGatewayTimeoutError,
  isOrderNotFoundError,
  isRepositoryError,
  type OrderPayment,
  type StatusChangeEvent,
  syncOrderPaymentStatus,
} from '../../../src/index';
import {
  buildOrderPayment,
  createFakePaymentGateway,
  createMemoryOrderRepository,
} from '../../../src/testing/index';
import { createManualClock } from '../../support/manual-clock';
import { createRecordingLogger } from '../../support/recording-logger';

const USER_KEYS = {
  redirect_url: 'https://shop.example/pay/1',
  expire_at: '2030-01-01T00:00:00.000Z',
  callback_url: 'https://shop.example/cb',
};

function setup(seed: OrderPayment = buildOrderPayment({ id: 123, additionalInfo: { ...USER_KEYS } })) {
  const repository = createMemoryOrderRepository([seed]);
  const gateway = createFakePaymentGateway();
  const logger = createRecordingLogger();
  const clock = createManualClock('2024-01-01T10:05:00.000Z');
  const events: StatusChangeEvent[] = [];
  const deps = {
    repository,
    gateway,
    logger,
    clock,
    onStatusChange: (e: StatusChangeEvent) => void events.push(e),
  };
  return { repository, gateway, logger, clock, events, deps, seed };
}

describe('syncOrderPaymentStatus: the four scenarios of the specification', () => {
  it('(1) PENDING + gateway COMPLETED -> payment COMPLETED, order CONFIRMED, transaction id and audit stored', async () => {
    const { repository, gateway, deps, events } = setup();
    gateway.script('123', { state: 'COMPLETED', transactionId: 'TXN789456123', amount: 49_900 });
    expect(repository.get(123)).toMatchObject({
      order: { id: 123, paymentStatus: 'PENDING', orderStatus: 'PLACED' },
      payment: { paymentStatus: 'PENDING', transactionId: null },
    });

    const result = await syncOrderPaymentStatus(repository.get(123)!, deps);

    const after = repository.get(123)!;
    expect(after).toEqual({
      order: { id: 123, paymentStatus: 'COMPLETED', orderStatus: 'CONFIRMED', amount: 49_900 },
      payment: {
        orderId: 123,
        paymentStatus: 'COMPLETED',
        transactionId: 'TXN789456123',
        additionalInfo: {
          ...USER_KEYS,
          last_checked: '2024-01-01T10:05:00.000Z',
          gateway_response: {
            state: 'COMPLETED',
            transaction_id: 'TXN789456123',
            amount: 49_900,
            received_via: 'read',
          },
        },
      },
    });
    expect(result).toEqual({ ...after, statusUpdated: true, checked: true, outcome: 'updated' });
    expect(gateway.calls).toEqual(['123']);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      orderId: 123,
      paymentStatus: 'COMPLETED',
      orderStatus: 'CONFIRMED',
      source: 'read',
    });
  });

  it('(2) PENDING + gateway FAILED -> payment FAILED, order CANCELLED', async () => {
    const { repository, gateway, deps, events } = setup();
    gateway.script('123', { state: 'FAILED', transactionId: 'TXN-F-1', amount: 49_900 });
    const result = await syncOrderPaymentStatus(repository.get(123)!, deps);
    const after = repository.get(123)!;
    expect(after.order).toEqual({
      id: 123,
      paymentStatus: 'FAILED',
      orderStatus: 'CANCELLED',
      amount: 49_900,
    });
    expect(after.payment).toMatchObject({ paymentStatus: 'FAILED', transactionId: 'TXN-F-1' });
    expect(after.payment.additionalInfo).toMatchObject({
      ...USER_KEYS,
      last_checked: '2024-01-01T10:05:00.000Z',
    });
    expect(result).toMatchObject({
      statusUpdated: true,
      checked: true,
      outcome: 'updated',
      order: after.order,
    });
    expect(events.map((e) => e.paymentStatus)).toEqual(['FAILED']);
  });

  it('(3) PENDING + gateway PENDING -> statuses unchanged, last_checked and gateway_response updated', async () => {
    const seed = buildOrderPayment({
      id: 123,
      additionalInfo: { ...USER_KEYS, last_checked: '2024-01-01T09:00:00.000Z' },
    });
    const { repository, gateway, deps, events } = setup(seed);
    gateway.script('123', { state: 'PENDING', amount: 49_900 });
    const result = await syncOrderPaymentStatus(repository.get(123)!, deps);
    const after = repository.get(123)!;
    expect(after.order).toEqual(seed.order);
    expect(after.payment).toEqual({
      ...seed.payment,
      additionalInfo: {
        ...USER_KEYS,
        last_checked: '2024-01-01T10:05:00.000Z',
        gateway_response: { state: 'PENDING', transaction_id: null, amount: 49_900, received_via: 'read' },
      },
    });
    expect(result).toMatchObject({ statusUpdated: false, checked: true, outcome: 'still-pending' });
    expect(events).toEqual([]);
  });

  it('(4) order already COMPLETED -> no gateway call at all, nothing written', async () => {
    const seed = buildOrderPayment({ id: 123, paymentStatus: 'COMPLETED', transactionId: 'TXN-OLD' });
    const { repository, gateway, deps } = setup(seed);
    gateway.setDefault(() => {
      throw new Error('must not be called');
    });
    const result = await syncOrderPaymentStatus(repository.get(123)!, deps);
    expect(gateway.calls).toEqual([]);
    expect(repository.calls.updatePendingPayment).toBe(0);
    expect(repository.get(123)).toEqual(seed);
    expect(result).toEqual({ ...seed, statusUpdated: false, checked: false, outcome: 'not-pending' });
  });

  it('(5) gateway throws -> the read succeeds with the stored state and the error is logged', async () => {
    const { repository, gateway, deps, logger, seed } = setup();
    gateway.setDefault(new GatewayError('PhonePe answered 503', { status: 503 }));
    const result = await syncOrderPaymentStatus(repository.get(123)!, deps);
    expect(result).toMatchObject({ ...seed, statusUpdated: false, checked: true, outcome: 'gateway-error' });
    expect(result.error).toBeInstanceOf(GatewayError);
    expect(repository.get(123)).toEqual(seed);
    expect(repository.calls.updatePendingPayment).toBe(0);
    const warn = logger.records.find((r) => r.level === 'warn');
    expect(warn?.obj).toMatchObject({ orderId: 123, err: { code: 'GATEWAY_ERROR', status: 503 } });
  });
});

describe('syncOrderPaymentStatus: the rest of the transition table', () => {
  it('records an amount mismatch as an anomaly, logs it at error, and keeps the status', async () => {
    const { repository, gateway, deps, logger, events } = setup();
    gateway.script('123', { state: 'COMPLETED', transactionId: 'T', amount: 100 });
    const result = await syncOrderPaymentStatus(repository.get(123)!, deps);
    const after = repository.get(123)!;
    expect(after.payment.paymentStatus).toBe('PENDING');
    expect(after.order.orderStatus).toBe('PLACED');
    expect(after.payment.transactionId).toBeNull();
    expect(after.payment.additionalInfo.anomaly).toEqual({
      type: 'AMOUNT_MISMATCH',
      expected_amount: 49_900,
      reported_amount: 100,
      reported_state: 'COMPLETED',
      source: 'read',
      detected_at: '2024-01-01T10:05:00.000Z',
    });
    expect(result).toMatchObject({ statusUpdated: false, outcome: 'amount-mismatch' });
    expect(logger.records.some((r) => r.level === 'error' && r.obj.anomaly)).toBe(true);
    expect(events).toEqual([]);
  });

  it.each([
    ['an unknown state', { state: 'AUTHORIZED' }],
    ['a missing state', { transactionId: 'x' }],
    ['a fractional amount', { state: 'COMPLETED', amount: 499.5 }],
    ['a non-string transaction id', { state: 'COMPLETED', transactionId: 42 }],
    ['null', null],
  ])('treats %s from a custom gateway as a gateway error and writes nothing', async (_, answer) => {
    const { repository, gateway, deps, seed } = setup();
    gateway.setDefault(() => answer as never);
    const result = await syncOrderPaymentStatus(repository.get(123)!, deps);
    expect(result.outcome).toBe('gateway-error');
    expect(result.error).toBeInstanceOf(GatewayResponseError);
    expect(repository.get(123)).toEqual(seed);
  });

  it('wraps a plain error thrown by a custom gateway in a GatewayError, keeping the cause', async () => {
    const { repository, gateway, deps } = setup();
    const original = new Error('socket hang up');
    gateway.setDefault(original);
    const result = await syncOrderPaymentStatus(repository.get(123)!, deps);
    expect(result.error).toBeInstanceOf(GatewayError);
    expect(result.error?.cause).toBe(original);
  });

  it('bounds the gateway call with timeoutMs, aborting the signal, even if the gateway ignores it', async () => {
    const { repository, gateway, deps, seed } = setup();
    let signal: AbortSignal | undefined;
    gateway.setDefault((_, options) => {
      signal = options.signal;
      return new Promise(() => {}); // never settles
    });
    const result = await syncOrderPaymentStatus(repository.get(123)!, { ...deps, timeoutMs: 30 });
    expect(result.outcome).toBe('gateway-error');
    expect(isGatewayTimeoutError(result.error)).toBe(true);
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBeInstanceOf(GatewayTimeoutError);
    expect(repository.get(123)).toEqual(seed);
  });

  it('never regresses a terminal order, and logs a contradicting terminal report as an anomaly', async () => {
    const seed = buildOrderPayment({ id: 123, paymentStatus: 'COMPLETED', transactionId: 'T1' });
    const { repository, deps, logger } = setup(seed);
    const { createPaymentSync } = await import('../../../src/index');
    const paymentSync = createPaymentSync(deps);
    const result = await paymentSync.applyGatewayStatus('123', { state: 'FAILED', transactionId: 'T2' });
    expect(result).toMatchObject({ outcome: 'not-pending', statusUpdated: false });
    expect(repository.get(123)).toEqual(seed);
    expect(logger.records.find((r) => r.level === 'error')?.obj.anomaly).toMatchObject({
      type: 'TERMINAL_CONFLICT',
    });
  });

  it('returns the winner state as superseded when another writer settled the order in between', async () => {
    const { repository, gateway, deps, events } = setup();
    const stale = repository.get(123)!;
    gateway.setDefault(async () => {
      await repository.updatePendingPayment('123', {
        paymentStatus: 'FAILED',
        orderStatus: 'CANCELLED',
        additionalInfo: { by: 'webhook' },
      });
      return { state: 'COMPLETED', transactionId: 'TXN', amount: 49_900 };
    });
    const result = await syncOrderPaymentStatus(stale, deps);
    expect(result).toMatchObject({ outcome: 'superseded', statusUpdated: false, checked: true });
    expect(result.payment.paymentStatus).toBe('FAILED');
    expect(result.order.orderStatus).toBe('CANCELLED');
    expect(events).toEqual([]);
  });

  it('accepts a bare Order and reads its payment from the repository', async () => {
    const { repository, gateway, deps } = setup();
    gateway.script('123', { state: 'COMPLETED', transactionId: 'TXN', amount: 49_900 });
    const result = await syncOrderPaymentStatus(repository.get(123)!.order, deps);
    expect(result.outcome).toBe('updated');
  });

  it('asks the gateway by merchantOrderId when the order has one', async () => {
    const { repository, gateway, deps } = setup(buildOrderPayment({ id: 5, merchantOrderId: 'ORD-5-a' }));
    await syncOrderPaymentStatus(repository.get(5)!, deps);
    expect(gateway.calls).toEqual(['ORD-5-a']);
  });

  it('throws OrderNotFoundError for an unknown order and RepositoryError (with cause) for a failing store', async () => {
    const { deps, repository } = setup();
    await expect(syncOrderPaymentStatus({ ...repository.get(123)!.order, id: 999 }, deps)).rejects.toSatisfy(
      isOrderNotFoundError,
    );
    const cause = new Error('connection refused');
    const broken = { ...repository, findOrderPayment: async () => Promise.reject(cause) };
    const error = await syncOrderPaymentStatus(
      { ...repository.get(123)!.order },
      { ...deps, repository: broken },
    ).catch((e) => e);
    expect(isRepositoryError(error)).toBe(true);
    expect(error.cause).toBe(cause);
  });

  it('logs a throwing onStatusChange hook and still answers the read', async () => {
    const { repository, gateway, deps, logger } = setup();
    gateway.script('123', { state: 'COMPLETED', transactionId: 'T', amount: 49_900 });
    const sync = await syncOrderPaymentStatus(repository.get(123)!, {
      ...deps,
      onStatusChange: () => {
        throw new Error('mailer down');
      },
    });
    expect(sync.statusUpdated).toBe(true);
    expect(logger.records.some((r) => r.level === 'error' && r.msg?.includes('onStatusChange'))).toBe(true);

    const second = setup();
    second.gateway.script('123', { state: 'COMPLETED', transactionId: 'T', amount: 49_900 });
    await syncOrderPaymentStatus(second.repository.get(123)!, {
      ...second.deps,
      onStatusChange: () => Promise.reject(new Error('async hook')),
    });
    await new Promise((r) => setImmediate(r));
    expect(second.logger.records.some((r) => r.level === 'error' && r.msg?.includes('onStatusChange'))).toBe(
      true,
    );
  });

  it('strips secret-looking keys from a gateway summary before storing it', async () => {
    const { repository, gateway, deps } = setup();
    gateway.script('123', {
      state: 'PENDING',
      summary: {
        state: 'PENDING',
        access_token: 'eyJ.secret',
        nested: { clientSecret: 's', paymentMode: 'UPI' },
      },
    });
    await syncOrderPaymentStatus(repository.get(123)!, deps);
    const stored = JSON.stringify(repository.get(123)!.payment.additionalInfo);
    expect(stored).not.toContain('eyJ.secret');
    expect(stored).not.toContain('clientSecret');
    expect(repository.get(123)!.payment.additionalInfo.gateway_response).toEqual({
      state: 'PENDING',
      nested: { paymentMode: 'UPI' },
      received_via: 'read',
    });
  });

  it('honours a custom order status mapping', async () => {
    const { repository, gateway, deps } = setup();
    gateway.script('123', { state: 'COMPLETED', transactionId: 'T', amount: 49_900 });
    await syncOrderPaymentStatus(repository.get(123)!, { ...deps, orderStatusFor: { COMPLETED: 'PAID' } });
    expect(repository.get(123)!.order.orderStatus).toBe('PAID');
  });

  it.each([
    [{ repository: undefined }, TypeError, /repository\.findOrderPayment/],
    [{ gateway: {} }, TypeError, /gateway\.getPaymentStatus/],
    [{ timeoutMs: 0 }, RangeError, /timeoutMs/],
    [{ timeoutMs: '5' }, TypeError, /timeoutMs/],
  ])('rejects misuse %o with a built-in error naming the option', async (override, ErrorClass, message) => {
    const { deps, seed } = setup();
    await expect(syncOrderPaymentStatus(seed, { ...deps, ...(override as object) })).rejects.toThrow(
      ErrorClass,
    );
    await expect(syncOrderPaymentStatus(seed, { ...deps, ...(override as object) })).rejects.toThrow(message);
  });
});

describe('gateway deadlines under concurrency', () => {
  it('times out exactly the calls that hang, across interleaved starts and completions', async () => {
    const repository = createMemoryOrderRepository(
      Array.from({ length: 30 }, (_, i) => buildOrderPayment({ id: i + 1 })),
    );
    const gateway = createFakePaymentGateway().setDefault((id, { signal }) => {
      const n = Number(id);
      if (n % 3 === 0) return new Promise(() => {}); // hangs: must time out
      const delay = (n * 7) % 25; // finishes before the 60 ms budget, out of start order
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => resolve({ state: 'PENDING' }), delay);
        signal?.addEventListener('abort', () => {
          clearTimeout(t);
          reject(signal.reason);
        });
      });
    });
    const results = await Promise.all(
      repository.all().map(async (op, i) => {
        await new Promise((r) => setTimeout(r, i % 5)); // staggered starts
        return syncOrderPaymentStatus(op, { repository, gateway, timeoutMs: 60 });
      }),
    );
    results.forEach((result, i) => {
      expect([i + 1, result.outcome]).toEqual([i + 1, (i + 1) % 3 === 0 ? 'gateway-error' : 'still-pending']);
      if ((i + 1) % 3 === 0) expect(isGatewayTimeoutError(result.error)).toBe(true);
    });
  });

  it('supports different timeouts side by side', async () => {
    const repository = createMemoryOrderRepository([
      buildOrderPayment({ id: 1 }),
      buildOrderPayment({ id: 2 }),
    ]);
    const gateway = createFakePaymentGateway().setDefault(() => new Promise(() => {}));
    const order: string[] = [];
    await Promise.all([
      syncOrderPaymentStatus(repository.get(1)!, { repository, gateway, timeoutMs: 80 }).then(() =>
        order.push('80ms'),
      ),
      syncOrderPaymentStatus(repository.get(2)!, { repository, gateway, timeoutMs: 10 }).then(() =>
        order.push('10ms'),
      ),
    ]);
    expect(order).toEqual(['10ms', '80ms']);
  });
});
