import { describe, expect, it } from 'vitest';
import { isWebhookAuthError, isWebhookPayloadError } from '../../../src/index';
import { verifyPhonePeWebhook } from '../../../src/phonepe/index';

const credentials = { username: 'username', password: 'password' };
const VECTOR = 'bc842c31a9e54efe320d30d948be61291f3ceee4766e36ab25fa65243cd76e0e';

const completed = {
  event: 'checkout.order.completed',
  payload: {
    orderId: 'OMO2407021511185686967711',
    merchantId: 'MERCHANT',
    merchantOrderId: 'ORDER-123',
    state: 'COMPLETED',
    amount: 49_900,
    expireAt: 1_719_913_878_566,
    metaInfo: { udf1: '' },
    newFieldFromTheFuture: { x: 1 },
    paymentDetails: [
      {
        transactionId: 'OM-OLD',
        paymentMode: 'UPI_COLLECT',
        timestamp: 1_719_913_000_000,
        amount: 49_900,
        state: 'FAILED',
        errorCode: 'INVALID_MPIN',
      },
      {
        transactionId: 'TXN789456123',
        paymentMode: 'UPI_INTENT',
        timestamp: 1_719_913_509_762,
        amount: 49_900,
        state: 'COMPLETED',
        rail: { type: 'UPI', utr: '455069731511', vpa: '12****78@ybl' },
        instrument: { type: 'ACCOUNT', maskedAccountNumber: '******1234' },
      },
    ],
  },
};
const body = JSON.stringify(completed);

describe('verifyPhonePeWebhook', () => {
  it('accepts the documented test vector and maps the order to a gateway status', () => {
    const event = verifyPhonePeWebhook(credentials, VECTOR, body);
    expect(event).toMatchObject({
      event: 'checkout.order.completed',
      kind: 'order',
      merchantOrderId: 'ORDER-123',
      phonePeOrderId: 'OMO2407021511185686967711',
      state: 'COMPLETED',
      amount: 49_900,
      transactionId: 'TXN789456123',
    });
    expect(event.status).toEqual({
      state: 'COMPLETED',
      transactionId: 'TXN789456123',
      amount: 49_900,
      summary: {
        state: 'COMPLETED',
        phonepe_order_id: 'OMO2407021511185686967711',
        transaction_id: 'TXN789456123',
        amount: 49_900,
        payment_mode: 'UPI_INTENT',
        attempts: 2,
        expire_at: new Date(1_719_913_878_566).toISOString(),
      },
    });
    expect(JSON.stringify(event.status)).not.toMatch(/ybl|455069731511|1234/);
  });

  it.each([
    ['beyond what a Date holds', Number.MAX_SAFE_INTEGER],
    ['a float far out of range', 1e300],
  ])('maps an order whose expireAt is %s, leaving expire_at out of the summary', (_, expireAt) => {
    const odd = JSON.stringify({ ...completed, payload: { ...completed.payload, expireAt } });
    const event = verifyPhonePeWebhook(credentials, VECTOR, odd);
    expect(event.state).toBe('COMPLETED');
    expect(event.status?.summary).not.toHaveProperty('expire_at');
    expect(event.status?.transactionId).toBe('TXN789456123');
  });

  it.each([
    ['upper-case hex', VECTOR.toUpperCase()],
    ['a SHA256 prefix', `SHA256 ${VECTOR}`],
    ['a lower-case prefix and spaces', `  sha256 ${VECTOR} `],
  ])('tolerates %s', (_, header) => {
    expect(verifyPhonePeWebhook(credentials, header, Buffer.from(body)).merchantOrderId).toBe('ORDER-123');
  });

  it.each([
    ['a missing header', undefined],
    ['an empty header', ''],
    ['a wrong hash', VECTOR.replace(/.$/, '0')],
    ['a hash of other credentials', 'a'.repeat(64)],
    ['a Basic scheme', `Basic ${Buffer.from('username:password').toString('base64')}`],
    ['a truncated hash', VECTOR.slice(0, 63)],
    ['the hash with a different prefix', `Bearer ${VECTOR}`],
  ])('rejects %s with WebhookAuthError before parsing anything', (_, header) => {
    const error = (() => {
      try {
        verifyPhonePeWebhook(credentials, header, 'not even json');
      } catch (e) {
        return e;
      }
    })();
    expect(isWebhookAuthError(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain('password');
  });

  it.each([
    ['invalid JSON', '{"event":'],
    ['no payload', JSON.stringify({ event: 'checkout.order.completed' })],
    ['a payload that is not an object', JSON.stringify({ event: 'checkout.order.completed', payload: 'x' })],
    [
      'an order event without merchantOrderId',
      JSON.stringify({ event: 'checkout.order.failed', payload: { state: 'FAILED' } }),
    ],
    [
      'an order event without state',
      JSON.stringify({ event: 'checkout.order.failed', payload: { merchantOrderId: 'A' } }),
    ],
  ])('rejects %s with WebhookPayloadError', (_, raw) => {
    expect(() => verifyPhonePeWebhook(credentials, VECTOR, raw)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_INVALID_PAYLOAD' }),
    );
    try {
      verifyPhonePeWebhook(credentials, VECTOR, raw);
    } catch (e) {
      expect(isWebhookPayloadError(e)).toBe(true);
    }
  });

  it('is lenient like the status API: odd values in fields other than state are absent, not a rejection', () => {
    const raw = JSON.stringify({
      event: 'checkout.order.failed',
      payload: {
        merchantOrderId: 'A',
        state: 'FAILED',
        amount: 1.5,
        expireAt: null,
        metaInfo: null,
        errorCode: 7,
        paymentDetails: [null, { transactionId: 'T', timestamp: 'soon' }],
      },
    });
    expect(verifyPhonePeWebhook(credentials, VECTOR, raw)).toMatchObject({
      merchantOrderId: 'A',
      amount: null,
      transactionId: 'T',
      status: { state: 'FAILED', transactionId: 'T' },
    });
    expect(verifyPhonePeWebhook(credentials, VECTOR, raw).status).not.toHaveProperty('amount');
    const created = JSON.stringify({
      event: 'checkout.order.completed',
      payload: { merchantOrderId: 'A', state: 'CREATED', amount: '100' },
    });
    expect(verifyPhonePeWebhook(credentials, VECTOR, created)).toMatchObject({
      amount: 100,
      status: { state: 'PENDING', amount: 100 },
    });
  });

  it('keys on `event`; a body with only the deprecated `type` is reported by it and ignored', () => {
    const typeOnly = JSON.stringify({
      type: 'checkout.order.completed',
      payload: { merchantOrderId: 'A', state: 'COMPLETED' },
    });
    expect(verifyPhonePeWebhook(credentials, VECTOR, typeOnly)).toMatchObject({
      event: 'checkout.order.completed',
      kind: 'other',
      status: null,
    });
  });

  it('falls back to the legacy `type` only when `event` is missing', () => {
    const legacy = JSON.stringify({
      type: 'CHECKOUT_ORDER_FAILED',
      payload: { merchantOrderId: 'A', state: 'FAILED' },
    });
    expect(verifyPhonePeWebhook(credentials, VECTOR, legacy)).toMatchObject({
      event: 'CHECKOUT_ORDER_FAILED',
      kind: 'other',
      status: null,
    });
    const both = JSON.stringify({
      event: 'checkout.order.failed',
      type: 'CHECKOUT_ORDER_COMPLETED',
      payload: { merchantOrderId: 'A', state: 'FAILED' },
    });
    expect(verifyPhonePeWebhook(credentials, VECTOR, both)).toMatchObject({
      kind: 'order',
      status: { state: 'FAILED' },
    });
  });

  it('decides on payload.state only, and maps an unknown state to no status (never a guess)', () => {
    const mismatch = JSON.stringify({
      event: 'checkout.order.completed',
      payload: { merchantOrderId: 'A', state: 'FAILED' },
    });
    expect(verifyPhonePeWebhook(credentials, VECTOR, mismatch).status?.state).toBe('FAILED');
    const unknown = JSON.stringify({
      event: 'checkout.order.completed',
      payload: { merchantOrderId: 'A', state: 'AUTHORIZED' },
    });
    expect(verifyPhonePeWebhook(credentials, VECTOR, unknown)).toMatchObject({
      state: 'AUTHORIZED',
      status: null,
    });
  });

  it('parses refund events without turning them into an order status', () => {
    const refund = JSON.stringify({
      event: 'pg.refund.completed',
      payload: {
        merchantRefundId: 'R1',
        originalMerchantOrderId: 'ORDER-9',
        state: 'COMPLETED',
        amount: 100,
      },
    });
    expect(verifyPhonePeWebhook(credentials, VECTOR, refund)).toMatchObject({
      kind: 'refund',
      merchantOrderId: 'ORDER-9',
      state: 'COMPLETED',
      amount: 100,
      status: null,
    });
  });

  it('accepts the body as bytes, text, or an object a JSON parser already made, alike', () => {
    const fromBytes = verifyPhonePeWebhook(credentials, VECTOR, Buffer.from(body));
    expect(verifyPhonePeWebhook(credentials, VECTOR, body)).toEqual(fromBytes);
    expect(verifyPhonePeWebhook(credentials, VECTOR, JSON.parse(body) as object)).toEqual(fromBytes);
    expect(() => verifyPhonePeWebhook(credentials, 'f'.repeat(64), JSON.parse(body) as object)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_UNAUTHORIZED' }),
    );
    expect(() => verifyPhonePeWebhook(credentials, VECTOR, { event: 'x' })).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_INVALID_PAYLOAD' }),
    );
  });

  it('throws TypeError for missing credentials (misuse)', () => {
    expect(() => verifyPhonePeWebhook({ username: '', password: 'x' }, VECTOR, body)).toThrow(TypeError);
    expect(() => verifyPhonePeWebhook(undefined as never, VECTOR, body)).toThrow(TypeError);
  });
});
