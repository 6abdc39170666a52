// PhonePe asks for "no strict deserialization": only the order `state` is required. A `null` or an odd
// type in any other field must not reject an answer (else every check of that order fails forever).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGatewayResponseError } from '../../../src/index';
import { createPhonePeGateway } from '../../../src/phonepe/index';
import { phonePeOrderSchema } from '../../../src/phonepe/phonepe-order-schema';
import { toGatewayPaymentStatus } from '../../../src/phonepe/to-gateway-payment-status';
import { PHONEPE_TEST_URL, usePhonePeMsw } from '../../support/phonepe-msw';

const phonepe = usePhonePeMsw();

const gateway = () =>
  createPhonePeGateway({
    clientId: 'id',
    clientSecret: 'secret',
    clientVersion: 1,
    environment: 'sandbox',
    baseUrl: PHONEPE_TEST_URL,
    retry: false,
  });

/** Whatever JSON can hold, weighted towards the odd values PhonePe's fields were seen or feared to take. */
const oddValue = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.string(),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 3 }),
);
const ORDER_FIELDS = [
  'orderId',
  'merchantId',
  'merchantOrderId',
  'amount',
  'payableAmount',
  'feeAmount',
  'expireAt',
  'metaInfo',
  'errorCode',
  'detailedErrorCode',
  'errorContext',
  'paymentDetails',
  'transactionId',
] as const;
const ATTEMPT_FIELDS = [
  'transactionId',
  'paymentMode',
  'timestamp',
  'amount',
  'state',
  'errorCode',
  'detailedErrorCode',
  'rail',
  'instrument',
] as const;
const oddAttempt = fc.oneof(
  oddValue,
  fc.record(Object.fromEntries(ATTEMPT_FIELDS.map((k) => [k, oddValue])), { requiredKeys: [] }),
);
const oddOrder = fc.record(
  {
    ...Object.fromEntries(ORDER_FIELDS.map((k) => [k, oddValue])),
    paymentDetails: fc.oneof(oddValue, fc.array(oddAttempt, { maxLength: 4 })),
  },
  { requiredKeys: [] },
);
const knownState = fc.constantFrom('PENDING', 'CREATED', 'COMPLETED', 'FAILED');

describe('lenient parsing of PhonePe order answers', () => {
  it('any value in any field but `state` never rejects the answer, and the state always decides', () => {
    fc.assert(
      fc.property(oddOrder, knownState, (fields, state) => {
        const parsed = phonePeOrderSchema.safeParse({ ...fields, state });
        expect(parsed.success).toBe(true);
        const status = toGatewayPaymentStatus(parsed.data!);
        expect(status?.state).toBe(state === 'CREATED' ? 'PENDING' : state);
        // Whatever was odd, what reaches the core is of the types its port promises.
        if (status?.amount !== undefined) {
          expect(Number.isSafeInteger(status.amount) && status.amount >= 0).toBe(true);
        }
        expect(status?.transactionId === null || typeof status?.transactionId === 'string').toBe(true);
        expect(() => JSON.stringify(status?.summary)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('a numeric-string amount is that number; a fraction, a negative or junk is no amount at all', () => {
    const amountOf = (amount: unknown) =>
      toGatewayPaymentStatus(phonePeOrderSchema.parse({ state: 'COMPLETED', amount }))?.amount;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (paise) => {
        expect(amountOf(String(paise))).toBe(paise);
        expect(amountOf(paise)).toBe(paise);
      }),
    );
    for (const junk of [
      null,
      '',
      '12.5',
      '-3',
      '1e3',
      ' ',
      'abc',
      1.5,
      -1,
      true,
      {},
      [100],
      '9007199254740993',
    ])
      expect([junk, amountOf(junk)]).toEqual([junk, undefined]);
  });

  it('the attempts list: entries that are not objects are skipped, the latest usable one is read', () => {
    const status = toGatewayPaymentStatus(
      phonePeOrderSchema.parse({
        state: 'COMPLETED',
        paymentDetails: [
          null,
          'junk',
          { transactionId: 'T-OLD', timestamp: '1000', paymentMode: 7 },
          { transactionId: 'T-NEW', timestamp: 2000, errorCode: null },
        ],
      }),
    );
    expect(status).toMatchObject({ transactionId: 'T-NEW', summary: { attempts: 2, payment_mode: null } });
  });

  it('a missing, null or non-string `state` still rejects the answer', () => {
    for (const state of [undefined, null, '', 3, {}, ['COMPLETED']])
      expect(phonePeOrderSchema.safeParse({ state, amount: 100 }).success).toBe(false);
  });

  it('through the gateway: one null in every unused field and a string amount, from the simulator', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 49_900, state: 'COMPLETED', transactionId: 'TXN-1' });
    phonepe.simulator.inject({
      type: 'override',
      fields: {
        amount: '49900',
        payableAmount: null,
        feeAmount: 'n/a',
        expireAt: null,
        metaInfo: null,
        errorCode: null,
        detailedErrorCode: 12,
        errorContext: 'none',
        orderId: null,
        paymentDetails: [
          { transactionId: 'TXN-1', timestamp: null, amount: null, rail: null, instrument: 5 },
        ],
      },
    });
    await expect(gateway().getPaymentStatus('ORDER-1')).resolves.toMatchObject({
      state: 'COMPLETED',
      transactionId: 'TXN-1',
      amount: 49_900,
    });
    phonepe.simulator.inject({ type: 'override', fields: { paymentDetails: null, transactionId: 5 } });
    await expect(gateway().getPaymentStatus('ORDER-1')).resolves.toMatchObject({
      state: 'COMPLETED',
      transactionId: null,
    });
  });

  it('through the gateway: a null state is still a GatewayResponseError', async () => {
    phonepe.simulator.createOrder('ORDER-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'override', fields: { state: null } });
    expect(
      isGatewayResponseError(
        await gateway()
          .getPaymentStatus('ORDER-1')
          .catch((e: unknown) => e),
      ),
    ).toBe(true);
  });
});
