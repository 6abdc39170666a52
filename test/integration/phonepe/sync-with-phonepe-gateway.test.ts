// The four scenarios of the specification, end to end: syncOrderPaymentStatus over the memory
// repository and the real PhonePe gateway, against the simulator on a real local port.
import { beforeAll, describe, expect, it } from 'vitest';
import { createPaymentSync, syncOrderPaymentStatus } from '../../../src/index';
import type { PhonePeGateway } from '../../../src/phonepe/index';
import {
  buildOrderPayment,
  createMemoryOrderRepository,
  createPhonePeSimulator,
} from '../../../src/testing/index';
import { useServedPhonePe } from '../../support/served-phonepe';

const simulator = createPhonePeSimulator();
const served = useServedPhonePe(() => simulator);
let gateway: PhonePeGateway;
beforeAll(() => {
  gateway = served.gateway();
});

describe('syncOrderPaymentStatus + PhonePe gateway + simulator', () => {
  it('COMPLETED with TXN789456123 -> COMPLETED/CONFIRMED with the transaction id', async () => {
    simulator.createOrder('101', { amount: 49_900, state: 'COMPLETED', transactionId: 'TXN789456123' });
    const repository = createMemoryOrderRepository([buildOrderPayment({ id: 101 })]);
    const result = await syncOrderPaymentStatus(repository.get(101)!, { repository, gateway });
    expect(result).toMatchObject({ statusUpdated: true, checked: true, outcome: 'updated' });
    const stored = repository.get(101)!;
    expect(stored.order).toMatchObject({ paymentStatus: 'COMPLETED', orderStatus: 'CONFIRMED' });
    expect(stored.payment).toMatchObject({ paymentStatus: 'COMPLETED', transactionId: 'TXN789456123' });
    expect(stored.payment.additionalInfo).toMatchObject({
      redirect_url: 'https://shop.example/pay/101',
      gateway_response: { state: 'COMPLETED', transaction_id: 'TXN789456123' },
    });
    expect(typeof stored.payment.additionalInfo.last_checked).toBe('string');
  });

  it('FAILED -> FAILED/CANCELLED', async () => {
    simulator.createOrder('102', { amount: 49_900, state: 'FAILED', errorCode: 'INVALID_MPIN' });
    const repository = createMemoryOrderRepository([buildOrderPayment({ id: 102 })]);
    const result = await syncOrderPaymentStatus(repository.get(102)!, { repository, gateway });
    expect(result).toMatchObject({ statusUpdated: true, outcome: 'updated' });
    expect(repository.get(102)!.order).toMatchObject({ paymentStatus: 'FAILED', orderStatus: 'CANCELLED' });
    expect(repository.get(102)!.payment.additionalInfo).toMatchObject({
      gateway_response: { error_code: 'INVALID_MPIN' },
    });
  });

  it('PENDING -> unchanged, last_checked recorded', async () => {
    simulator.createOrder('103', { amount: 49_900 });
    const repository = createMemoryOrderRepository([buildOrderPayment({ id: 103 })]);
    const result = await syncOrderPaymentStatus(repository.get(103)!, { repository, gateway });
    expect(result).toMatchObject({ statusUpdated: false, checked: true, outcome: 'still-pending' });
    const stored = repository.get(103)!;
    expect(stored.order).toMatchObject({ paymentStatus: 'PENDING', orderStatus: 'PLACED' });
    expect(stored.payment.additionalInfo.last_checked).toEqual(expect.any(String));
  });

  it('already COMPLETED -> no gateway call at all', async () => {
    simulator.resetCounts();
    const repository = createMemoryOrderRepository([
      buildOrderPayment({ id: 104, paymentStatus: 'COMPLETED', transactionId: 'TXN-OLD' }),
    ]);
    const result = await syncOrderPaymentStatus(repository.get(104)!, { repository, gateway });
    expect(result).toMatchObject({ statusUpdated: false, checked: false, outcome: 'not-pending' });
    expect(simulator.counts).toMatchObject({ token: 0, status: 0 });
    expect(repository.calls.updatePendingPayment).toBe(0);
  });

  it('createPaymentSync + a slow PhonePe: the read returns the stored state within the core budget', async () => {
    simulator.createOrder('105', { amount: 49_900 });
    simulator.inject({ type: 'latency', ms: 30_000 }, { times: 5 });
    const repository = createMemoryOrderRepository([buildOrderPayment({ id: 105 })]);
    const paymentSync = createPaymentSync({ repository, gateway, timeoutMs: 200 });
    const result = await paymentSync.sync(105);
    expect(result).toMatchObject({ statusUpdated: false, outcome: 'gateway-error' });
    expect(result.error).toMatchObject({ code: 'GATEWAY_TIMEOUT' });
    expect(repository.get(105)!.order.paymentStatus).toBe('PENDING');
    simulator.clearFaults();
  });
});
