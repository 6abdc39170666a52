// PhonePe answers about one order (a state the library does not know, an order PhonePe does not know, an
// id PhonePe's rule refuses) never open the circuit breaker; N outages (5xx) do. Through createPaymentSync
// with the real v2 gateway against the simulator on a real port.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createPaymentSync,
  isGatewayError,
  isGatewayOrderNotFoundError,
  isGatewayUnknownStateError,
  isInvalidOrderIdError,
  type OrderPayment,
} from '../../../src/index';
import {
  buildOrderPayment,
  createMemoryOrderRepository,
  createPhonePeSimulator,
  type PhonePeSimulator,
} from '../../../src/testing/index';
import { createRecordingLogger } from '../../support/recording-logger';
import { useServedPhonePe } from '../../support/served-phonepe';

const N = 6;
const THRESHOLD = 3;
let simulator: PhonePeSimulator;
beforeEach(() => {
  simulator = createPhonePeSimulator();
});
const served = useServedPhonePe(() => simulator);

function setup(merchantOrderIds: string[]) {
  const rows: OrderPayment[] = merchantOrderIds.map((merchantOrderId, i) =>
    buildOrderPayment({ id: i + 1, merchantOrderId }),
  );
  const repository = createMemoryOrderRepository(rows);
  const logger = createRecordingLogger();
  const gateway = served.gateway({ retry: false });
  const paymentSync = createPaymentSync({
    repository,
    gateway,
    logger,
    circuitBreaker: { failureThreshold: THRESHOLD, cooldownMs: 60_000 },
  });
  return { repository, paymentSync, logger, rows };
}

const ids = (prefix: string) => Array.from({ length: N }, (_, i) => `${prefix}-${i + 1}`);

describe('order-scoped PhonePe answers and the circuit breaker', () => {
  it(`${N} answers with a state the library does not know: nothing written, stored state returned, logged, circuit closed`, async () => {
    const { repository, paymentSync, logger, rows } = setup(ids('ODD'));
    for (const row of rows) simulator.createOrder(row.order.merchantOrderId!, { amount: row.order.amount });
    simulator.inject({ type: 'override', fields: { state: 'AUTHORIZED' } }, { times: N });
    for (const row of rows) {
      const before = structuredClone(repository.get(row.order.id)!);
      const result = await paymentSync.sync(row.order.id);
      expect(result).toMatchObject({ outcome: 'gateway-error', statusUpdated: false, checked: true });
      expect(isGatewayUnknownStateError(result.error)).toBe(true);
      expect(result.error).toMatchObject({ code: 'GATEWAY_UNKNOWN_STATE', state: 'AUTHORIZED' });
      expect(result.payment).toEqual(before.payment);
      expect(repository.get(row.order.id)).toEqual(before);
    }
    expect(simulator.counts.status).toBe(N);
    expect(logger.text()).toContain('GATEWAY_UNKNOWN_STATE');
    expect(paymentSync.circuitState).toBe('closed');
  });

  it(`${N} orders PhonePe does not know (400 INVALID_MERCHANT_ORDER_ID): circuit closed`, async () => {
    const { paymentSync, rows } = setup(ids('MISSING'));
    for (const row of rows) {
      const result = await paymentSync.sync(row.order.id);
      expect(result.outcome).toBe('gateway-error');
      expect(isGatewayOrderNotFoundError(result.error)).toBe(true);
    }
    expect(simulator.counts.status).toBe(N);
    expect(paymentSync.circuitState).toBe('closed');
  });

  it(`${N} ids PhonePe's rule refuses: INVALID_ORDER_ID (not a wrapped GATEWAY_ERROR), nothing sent, circuit closed`, async () => {
    const refused = ['has space', 'slash/inside', 'x'.repeat(64), 'ordér', 'a?b=c', 'semi;colon'];
    const { paymentSync, rows } = setup(refused);
    for (const row of rows) {
      const result = await paymentSync.sync(row.order.id);
      expect(result).toMatchObject({ outcome: 'gateway-error', statusUpdated: false });
      expect(isInvalidOrderIdError(result.error)).toBe(true);
      expect(isGatewayError(result.error)).toBe(false);
      expect(result.error?.code).toBe('INVALID_ORDER_ID');
    }
    expect(simulator.counts).toMatchObject({ token: 0, status: 0 });
    expect(paymentSync.circuitState).toBe('closed');
  });

  it(`control: ${N} answers of 503 open the circuit after ${THRESHOLD}`, async () => {
    const { paymentSync, rows } = setup(ids('DOWN'));
    for (const row of rows) simulator.createOrder(row.order.merchantOrderId!, { amount: row.order.amount });
    simulator.inject({ type: 'http-error', status: 503 }, { times: N });
    const outcomes = [];
    for (const row of rows) outcomes.push((await paymentSync.sync(row.order.id)).outcome);
    expect(outcomes).toEqual([
      ...Array<string>(THRESHOLD).fill('gateway-error'),
      ...Array<string>(N - THRESHOLD).fill('circuit-open'),
    ]);
    expect(paymentSync.circuitState).toBe('open');
  });
});
