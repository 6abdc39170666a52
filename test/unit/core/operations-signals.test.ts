// Issue 12, "Options and operations": the circuit breaker announces and logs its changes, wrong
// credentials are an error (not a warn-level blip), and an empty reconcile sweep is debug noise.
import { describe, expect, it } from 'vitest';
import {
  type CircuitChangeEvent,
  createPaymentSync,
  GatewayAuthError,
  GatewayError,
  GatewayTimeoutError,
} from '../../../src/index';
import {
  buildOrderPayment,
  createFakePaymentGateway,
  createMemoryOrderRepository,
} from '../../../src/testing/index';
import { createManualClock } from '../../support/manual-clock';
import { createRecordingLogger } from '../../support/recording-logger';

describe('circuitChange', () => {
  it('emits { from, to, at } for open, half-open and closed, and logs opening at error, the rest at info', async () => {
    const clock = createManualClock();
    const logger = createRecordingLogger();
    const gateway = createFakePaymentGateway().script(
      '1',
      new GatewayTimeoutError('slow'),
      new GatewayTimeoutError('slow'),
      { state: 'PENDING' },
    );
    const paymentSync = createPaymentSync({
      repository: createMemoryOrderRepository([buildOrderPayment({ id: 1 })]),
      gateway,
      clock,
      logger,
      circuitBreaker: { failureThreshold: 2, cooldownMs: 1000 },
    });
    const changes: CircuitChangeEvent[] = [];
    paymentSync.on('circuitChange', (event) => {
      changes.push(event);
    });

    await paymentSync.sync(1);
    expect(changes).toEqual([]);
    await paymentSync.sync(1);
    const openedAt = clock.now();
    expect(changes).toEqual([{ from: 'closed', to: 'open', at: openedAt }]);
    expect((await paymentSync.sync(1)).outcome).toBe('circuit-open'); // no second event while open
    expect(changes).toHaveLength(1);

    clock.advance(1000);
    await paymentSync.sync(1); // the probe succeeds
    expect(changes.slice(1)).toEqual([
      { from: 'open', to: 'half-open', at: clock.now() },
      { from: 'half-open', to: 'closed', at: clock.now() },
    ]);
    const circuitLines = logger.records.filter((r) => /circuit/.test(r.msg ?? ''));
    expect(circuitLines.map((r) => [r.level, r.obj.to])).toEqual([
      ['error', 'open'],
      ['info', 'half-open'],
      ['info', 'closed'],
    ]);
    expect(circuitLines[0]!.obj).toMatchObject({
      from: 'closed',
      at: openedAt.toISOString(),
      cooldownMs: 1000,
    });
  });

  it('a failed probe reopens the circuit and says so', async () => {
    const clock = createManualClock();
    const paymentSync = createPaymentSync({
      repository: createMemoryOrderRepository([buildOrderPayment({ id: 1 })]),
      gateway: createFakePaymentGateway().setDefault(new GatewayError('down', { status: 503 })),
      clock,
      circuitBreaker: { failureThreshold: 1, cooldownMs: 10 },
    });
    const changes: string[] = [];
    paymentSync.on('circuitChange', ({ from, to }) => {
      changes.push(`${from}->${to}`);
    });
    await paymentSync.sync(1);
    clock.advance(10);
    await paymentSync.sync(1);
    expect(changes).toEqual(['closed->open', 'open->half-open', 'half-open->open']);
  });
});

describe('gateway failures in the log', () => {
  it('logs GatewayAuthError at error (and a blip at warn), and emits gatewayError for both', async () => {
    const logger = createRecordingLogger();
    const gateway = createFakePaymentGateway()
      .script(
        '1',
        new GatewayAuthError('PhonePe token request rejected the credentials (HTTP 401)', { status: 401 }),
      )
      .script('2', new GatewayTimeoutError('slow'));
    const paymentSync = createPaymentSync({
      repository: createMemoryOrderRepository([buildOrderPayment({ id: 1 }), buildOrderPayment({ id: 2 })]),
      gateway,
      logger,
    });
    const seen: string[] = [];
    paymentSync.on('gatewayError', ({ error }) => {
      seen.push(error.code);
    });
    await paymentSync.sync(1);
    await paymentSync.sync(2);
    const failures = logger.records.filter((r) => r.obj.err !== undefined);
    expect(failures.map((r) => [r.level, (r.obj.err as { code: string }).code])).toEqual([
      ['error', 'GATEWAY_AUTH_FAILED'],
      ['warn', 'GATEWAY_TIMEOUT'],
    ]);
    expect(seen).toEqual(['GATEWAY_AUTH_FAILED', 'GATEWAY_TIMEOUT']);
  });
});

describe('reconcile sweep log', () => {
  it('logs an empty sweep at debug, a sweep that scanned orders at info', async () => {
    const logger = createRecordingLogger();
    const repository = createMemoryOrderRepository();
    const paymentSync = createPaymentSync({ repository, gateway: createFakePaymentGateway(), logger });
    await paymentSync.reconcile();
    const finished = () => logger.records.filter((r) => r.msg === 'reconcile sweep finished');
    expect(finished().map((r) => r.level)).toEqual(['debug']);
    repository.insert(buildOrderPayment({ id: 7 }));
    await paymentSync.reconcile();
    expect(finished().map((r) => [r.level, r.obj.scanned])).toEqual([
      ['debug', 0],
      ['info', 1],
    ]);
  });
});
