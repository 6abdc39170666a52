// What each concurrent caller sees (DESIGN.md): the shared gateway call never hands a caller a state
// older than its own read, and exactly one answer per transition says `statusUpdated: true`. Each case
// pins one interleaving with gates, so the order of events is deterministic.
import { describe, expect, it } from 'vitest';
import {
  createPaymentSync,
  type GatewayPaymentStatus,
  GatewayTimeoutError,
  type StatusChangeEvent,
  type SyncResult,
} from '../../../src/index';
import {
  buildOrderPayment,
  createFakePaymentGateway,
  createMemoryOrderRepository,
} from '../../../src/testing/index';
import { createManualClock } from '../../support/manual-clock';
import { createRecordingLogger } from '../../support/recording-logger';

const PAID: GatewayPaymentStatus = { state: 'COMPLETED', transactionId: 'TXN-1', amount: 49_900 };

function gate<T>() {
  let open!: (value: T | Error) => void;
  const opened = new Promise<T | Error>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function setup(options: Record<string, unknown> = {}) {
  const repository = createMemoryOrderRepository([
    buildOrderPayment({ id: 1, additionalInfo: { redirect_url: 'https://shop.example/r' } }),
  ]);
  const gateway = createFakePaymentGateway();
  const events: StatusChangeEvent[] = [];
  const paymentSync = createPaymentSync({
    repository,
    gateway,
    clock: createManualClock(),
    logger: createRecordingLogger(),
    onStatusChange: (e) => void events.push(e),
    ...options,
  });
  /** The next gateway call waits for the returned gate; what it is opened with is answered or thrown. */
  const holdGateway = () => {
    const g = gate<GatewayPaymentStatus>();
    gateway.setDefault(async () => {
      const answer = await g.opened;
      if (answer instanceof Error) throw answer;
      return answer;
    });
    return g;
  };
  return { repository, gateway, events, paymentSync, holdGateway };
}

describe('concurrent callers: never a stale answer', () => {
  it('a read started after a webhook committed COMPLETED answers COMPLETED, though an older read is still asking', async () => {
    const { paymentSync, gateway, holdGateway } = setup();
    const held = holdGateway();
    const early = paymentSync.sync(1); // reads PENDING, then waits on the gateway
    await tick();
    const webhook = await paymentSync.applyGatewayStatus('1', PAID, { source: 'webhook' });
    expect(webhook.statusUpdated).toBe(true);

    const late = await paymentSync.sync(1); // answers before the shared call settles
    expect(late).toMatchObject({ outcome: 'not-pending', statusUpdated: false, checked: false });
    expect(late.payment.paymentStatus).toBe('COMPLETED');

    held.open(new GatewayTimeoutError('slow'));
    const first = await early;
    // The early caller's own read was PENDING and its check failed: it gets its own read back.
    expect(first).toMatchObject({ outcome: 'gateway-error', statusUpdated: false });
    expect(gateway.calls).toEqual(['1']);
  });

  it('join then fail: a joiner gets its own read back, not the starter’s older snapshot', async () => {
    const { paymentSync, repository, holdGateway } = setup();
    const held = holdGateway();
    const starter = paymentSync.sync(1);
    await tick();
    // Another process recorded a check meanwhile: the joiner's read is newer than the starter's.
    await repository.updatePendingPayment('1', {
      paymentStatus: 'PENDING',
      additionalInfo: { last_checked: '2024-01-01T10:06:00.000Z', note: 'newer' },
    });
    const ownRead = (await paymentSync.findOrderPayment(1))!;
    const joiner = paymentSync.sync(ownRead);
    held.open(new GatewayTimeoutError('slow'));
    const [a, b] = await Promise.all([starter, joiner]);
    expect(a.payment.additionalInfo.note).toBeUndefined();
    expect(b).toMatchObject({ outcome: 'gateway-error', checked: true, statusUpdated: false });
    expect(b.payment).toBe(ownRead.payment);
    expect(b.error).toBeInstanceOf(GatewayTimeoutError);
  });

  it('join then circuit: the failure that opens the circuit still hands each joiner its own read', async () => {
    const { paymentSync, gateway, holdGateway } = setup({
      circuitBreaker: { failureThreshold: 1, cooldownMs: 60_000 },
    });
    const held = holdGateway();
    const starter = paymentSync.sync(1);
    await tick();
    const ownReads = [(await paymentSync.findOrderPayment(1))!, (await paymentSync.findOrderPayment(1))!];
    const joiners = ownReads.map((own) => paymentSync.sync(own));
    await tick();
    held.open(new GatewayTimeoutError('down'));
    const results = await Promise.all([starter, ...joiners]);
    for (const r of results) {
      expect(r).toMatchObject({ outcome: 'gateway-error', statusUpdated: false });
      expect(r.payment.paymentStatus).toBe('PENDING');
    }
    expect(results[1]!.payment).toBe(ownReads[0]!.payment);
    expect(results[2]!.payment).toBe(ownReads[1]!.payment);
    expect(paymentSync.circuitState).toBe('open');
    expect(await paymentSync.sync(1)).toMatchObject({ outcome: 'circuit-open', checked: false });
    expect(gateway.calls).toEqual(['1']);
  });

  it('a webhook commits while a read is in flight: the read answers the committed state, only the webhook says updated', async () => {
    const { paymentSync, events, holdGateway } = setup();
    const held = holdGateway();
    const read = paymentSync.sync(1);
    await tick();
    const webhook = await paymentSync.applyGatewayStatus('1', PAID, { source: 'webhook' });
    held.open(PAID);
    const result = await read;
    expect(webhook).toMatchObject({ outcome: 'updated', statusUpdated: true });
    expect(result).toMatchObject({ outcome: 'superseded', statusUpdated: false });
    expect(result.payment).toMatchObject({ paymentStatus: 'COMPLETED', transactionId: 'TXN-1' });
    expect(events.map((e) => e.source)).toEqual(['webhook']);
  });

  it('six concurrent reads, one gateway call, one statusChange, one status_updated', async () => {
    const { paymentSync, gateway, events, holdGateway } = setup();
    const held = holdGateway();
    const reads: Promise<SyncResult>[] = [];
    for (let i = 0; i < 6; i++) {
      reads.push(paymentSync.getOrderDetails(1));
      await tick();
    }
    held.open(PAID);
    const results = await Promise.all(reads);
    expect(gateway.calls).toHaveLength(1);
    expect(events).toHaveLength(1);
    expect(results.map((r) => r.statusUpdated).filter(Boolean)).toHaveLength(1);
    expect(results[0]!.statusUpdated).toBe(true);
    for (const r of results) expect(r.payment.paymentStatus).toBe('COMPLETED');
  });

  it('reads join a reconcile check: one gateway call, the sweep counts the update, the read does not say updated', async () => {
    const { paymentSync, gateway, events, holdGateway } = setup();
    const held = holdGateway();
    const sweep = paymentSync.reconcile({ rateLimit: Number.POSITIVE_INFINITY });
    while (gateway.calls.length === 0) await tick();
    const read = paymentSync.sync(1);
    await tick();
    held.open(PAID);
    const [summary, result] = await Promise.all([sweep, read]);
    expect(gateway.calls).toHaveLength(1);
    expect(summary.updated).toBe(1);
    expect(result).toMatchObject({ outcome: 'superseded', statusUpdated: false });
    expect(result.payment.paymentStatus).toBe('COMPLETED');
    expect(events.map((e) => e.source)).toEqual(['reconcile']);
  });

  it('a still-pending shared answer is shared without a second write', async () => {
    const { paymentSync, repository, holdGateway } = setup();
    const held = holdGateway();
    const reads = [paymentSync.sync(1), paymentSync.sync(1), paymentSync.sync(1)];
    await tick();
    const writesBefore = repository.calls.updatePendingPayment;
    held.open({ state: 'PENDING' });
    const results = await Promise.all(reads);
    expect(repository.calls.updatePendingPayment - writesBefore).toBe(1);
    for (const r of results) expect(r).toMatchObject({ outcome: 'still-pending', statusUpdated: false });
    expect(results[2]!.payment.additionalInfo).toMatchObject({ redirect_url: 'https://shop.example/r' });
  });
});

describe('applyGatewayStatus with confirm: a webhook is a trigger, the status API decides', () => {
  it('confirmed: the gateway’s state is written, once', async () => {
    const { paymentSync, gateway, events } = setup();
    gateway.setDefault(PAID);
    const result = await paymentSync.applyGatewayStatus('1', PAID, { confirm: true });
    expect(result).toMatchObject({ outcome: 'updated', statusUpdated: true, checked: true });
    expect(gateway.calls).toEqual(['1']);
    expect(events.map((e) => e.source)).toEqual(['webhook']);
  });

  it('a forged COMPLETED that PhonePe still calls PENDING writes nothing terminal', async () => {
    const { paymentSync, repository, events } = setup();
    const result = await paymentSync.applyGatewayStatus('1', PAID, { confirm: true });
    expect(result).toMatchObject({ outcome: 'still-pending', statusUpdated: false });
    expect(repository.get(1)!.payment.paymentStatus).toBe('PENDING');
    expect(repository.get(1)!.order.orderStatus).toBe('PLACED');
    expect(events).toHaveLength(0);
  });

  it('the gateway’s own terminal state wins over the report (FAILED reported as COMPLETED)', async () => {
    const { paymentSync, gateway, repository } = setup();
    gateway.setDefault({ state: 'FAILED' });
    const result = await paymentSync.applyGatewayStatus('1', PAID, { confirm: true });
    expect(result).toMatchObject({ outcome: 'updated' });
    expect(repository.get(1)!.payment.paymentStatus).toBe('FAILED');
  });

  it('a failed confirmation writes nothing and reports gateway-error', async () => {
    const { paymentSync, gateway, repository } = setup();
    gateway.setDefault(new GatewayTimeoutError('down'));
    const before = repository.get(1);
    const result = await paymentSync.applyGatewayStatus('1', PAID, { confirm: true });
    expect(result).toMatchObject({ outcome: 'gateway-error', statusUpdated: false });
    expect(repository.get(1)).toEqual(before);
  });

  it('a burst of 50 forged webhooks for one order costs one status call at a time', async () => {
    const { paymentSync, gateway, holdGateway, repository } = setup();
    const held = holdGateway();
    const burst = Array.from({ length: 50 }, () =>
      paymentSync.applyGatewayStatus('1', PAID, { confirm: true }),
    );
    await tick();
    held.open({ state: 'PENDING' });
    const results = await Promise.all(burst);
    expect(gateway.calls).toHaveLength(1);
    for (const r of results) expect(r.outcome).toBe('still-pending');
    expect(repository.get(1)!.payment.paymentStatus).toBe('PENDING');
  });

  it('a settled order is not sent to the gateway again', async () => {
    const { paymentSync, gateway } = setup();
    gateway.setDefault(PAID);
    await paymentSync.sync(1);
    const again = await paymentSync.applyGatewayStatus('1', PAID, { confirm: true });
    expect(again).toMatchObject({ outcome: 'not-pending', statusUpdated: false, checked: false });
    expect(gateway.calls).toHaveLength(1);
  });
});
