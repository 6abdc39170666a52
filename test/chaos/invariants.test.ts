// The chaos checker on hand-made records: a clean record passes, and each invariant, broken alone,
// is reported (the control run in chaos.test.ts shows the same against a real broken repository).
import { describe, expect, it } from 'vitest';
import { type ChaosRecord, checkInvariants, type FinalRow, serializeForSearch } from './invariants';

const info = { redirect_url: 'https://shop.example/pay/1', shop: { cart: 1 } };
const row = (orderId: string, state: 'PENDING' | 'COMPLETED', extra: Partial<FinalRow> = {}): FinalRow => ({
  orderId,
  orderPaymentStatus: state,
  orderStatus: state === 'COMPLETED' ? 'CONFIRMED' : 'PLACED',
  paymentStatus: state,
  transactionId: state === 'COMPLETED' ? `T${orderId}` : null,
  additionalInfo: { ...info, last_checked: '2024-01-01T00:00:00.000Z' },
  ...extra,
});

/** Order 1 completes (committed at t=100, told to one read), order 2 is a decoy nobody may write to. */
function cleanRecord(): ChaosRecord {
  const decoy = { ...row('2', 'PENDING'), additionalInfo: info };
  return {
    truth: new Map([
      ['1', { state: 'COMPLETED', transactionId: 'T1' }],
      ['2', { state: 'PENDING', transactionId: null }],
    ]),
    settledAtStart: new Set(),
    seededInfo: new Map([
      ['1', info],
      ['2', info],
    ]),
    untouchable: new Map([['2', decoy]]),
    orderStatusFor: { COMPLETED: 'CONFIRMED', FAILED: 'CANCELLED', PENDING: 'PLACED' },
    statusChanges: [
      {
        orderId: '1',
        paymentStatus: 'COMPLETED',
        reportedState: 'COMPLETED',
        source: 'read',
        instance: 0,
        at: 100,
      },
    ],
    reads: [
      {
        orderId: '1',
        instance: 0,
        sentAt: 90,
        doneAt: 101,
        status: 200,
        text: '{}',
        body: {
          order: { payment_status: 'COMPLETED' },
          payment: { payment_status: 'COMPLETED' },
          status_updated: true,
        },
      },
      {
        orderId: '1',
        instance: 1,
        sentAt: 150,
        doneAt: 160,
        status: 200,
        text: '{}',
        body: {
          order: { payment_status: 'COMPLETED' },
          payment: { payment_status: 'COMPLETED' },
          status_updated: false,
        },
      },
    ],
    webhooks: [
      {
        kind: 'forged-auth',
        orderId: '2',
        claimedState: 'COMPLETED',
        expectedStatuses: [401],
        instance: 2,
        sentAt: 50,
        status: 401,
        text: '{"error":{"code":"WEBHOOK_UNAUTHORIZED"}}',
        reason: undefined,
      },
      {
        kind: 'genuine',
        orderId: '1',
        claimedState: 'COMPLETED',
        expectedStatuses: [200, 503],
        instance: 1,
        sentAt: 200,
        status: 200,
        text: '{"acknowledged":true,"reason":"already-settled"}',
        reason: 'already-settled',
      },
    ],
    reconcileUpdates: [],
    finalRows: [row('1', 'COMPLETED'), decoy],
    secrets: ['s3cret-client', 'sim.token123'],
    logText: '{"msg":"payment status updated"}',
    rowsText: '[]',
  };
}

const invariantsOf = (record: ChaosRecord) => checkInvariants(record).violations.map((v) => v.invariant);

describe('chaos invariant checker', () => {
  it('passes a clean record', () => {
    expect(checkInvariants(cleanRecord()).violations).toEqual([]);
  });

  it.each<[string, (r: ChaosRecord) => ChaosRecord, string]>([
    [
      'a read answered 503',
      (r) => ({ ...r, reads: [{ ...r.reads[0]!, status: 503 }, r.reads[1]!] }),
      'read-not-200',
    ],
    [
      'a forged webhook answered 200',
      (r) => ({ ...r, webhooks: [{ ...r.webhooks[0]!, status: 200 }, r.webhooks[1]!] }),
      'webhook-status',
    ],
    [
      'an order not at its truth',
      (r) => ({ ...r, finalRows: [row('1', 'PENDING'), r.finalRows[1]!] }),
      'final-state',
    ],
    [
      'a transition announced twice',
      (r) => ({
        ...r,
        statusChanges: [...r.statusChanges, { ...r.statusChanges[0]!, instance: 2, at: 120 }],
      }),
      'status-change-count',
    ],
    [
      'a transition to a state PhonePe never reported',
      (r) => ({ ...r, statusChanges: [{ ...r.statusChanges[0]!, paymentStatus: 'FAILED' }] }),
      'status-change-state',
    ],
    [
      'two answers saying updated',
      (r) => ({ ...r, reconcileUpdates: [{ orderId: '1', instance: 2 }] }),
      'updated-answers',
    ],
    [
      'a transition nobody was told about',
      (r) => ({
        ...r,
        reads: r.reads.map((read) => ({ ...read, body: { ...read.body, status_updated: false } })),
      }),
      'winner-not-told',
    ],
    [
      'a read sent after the commit showing PENDING',
      (r) => ({
        ...r,
        reads: [
          r.reads[0]!,
          { ...r.reads[1]!, body: { ...r.reads[1]!.body, payment: { payment_status: 'PENDING' } } },
        ],
      }),
      'regression',
    ],
    [
      'a webhook sent after the commit answering 503',
      (r) => ({ ...r, webhooks: [r.webhooks[0]!, { ...r.webhooks[1]!, status: 503, reason: undefined }] }),
      'regression',
    ],
    [
      "a user's additional_info key lost",
      (r) => ({
        ...r,
        finalRows: [{ ...row('1', 'COMPLETED'), additionalInfo: { shop: { cart: 1 } } }, r.finalRows[1]!],
      }),
      'additional-info',
    ],
    [
      'a decoy row written',
      (r) => ({
        ...r,
        finalRows: [r.finalRows[0]!, { ...r.finalRows[1]!, additionalInfo: { ...info, last_checked: 'x' } }],
      }),
      'untouchable-written',
    ],
    [
      'a token in a log line',
      (r) => ({ ...r, logText: 'Authorization: O-Bearer sim.token123' }),
      'secret-leak',
    ],
    [
      'the client secret in an answer',
      (r) => ({ ...r, reads: [{ ...r.reads[0]!, text: '{"err":"s3cret-client"}' }, r.reads[1]!] }),
      'secret-leak',
    ],
    ['a secret in a row', (r) => ({ ...r, rowsText: '{"token":"sim.token123"}' }), 'secret-leak'],
  ])('reports %s', (_what, breakIt, invariant) => {
    expect(invariantsOf(breakIt(cleanRecord()))).toContain(invariant);
  });

  it('serializes errors with their cause, so a secret inside one is found', () => {
    const text = serializeForSearch({
      err: new Error('request failed', { cause: new Error('client_secret=s3cret-client') }),
    });
    expect(text).toContain('s3cret-client');
  });
});
