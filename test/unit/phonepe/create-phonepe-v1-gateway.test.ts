import { createHash } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { isGatewayAuthError, isGatewayOrderNotFoundError, isInvalidOrderIdError } from '../../../src/index';
import { createPhonePeV1Gateway, type PhonePeV1GatewayOptions } from '../../../src/phonepe/index';
import { PHONEPE_TEST_URL, usePhonePeMsw } from '../../support/phonepe-msw';

const v1 = { merchantId: 'MERCHANTUAT', saltKey: 'salt-key-123', saltIndex: 1 };
const phonepe = usePhonePeMsw(() => ({ v1 }));

function gateway(overrides: Partial<PhonePeV1GatewayOptions> = {}) {
  return createPhonePeV1Gateway({
    ...v1,
    environment: 'sandbox',
    baseUrl: PHONEPE_TEST_URL,
    retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 },
    ...overrides,
  });
}

describe('createPhonePeV1Gateway', () => {
  it('signs GET /pg/v1/status/{merchantId}/{id} with X-VERIFY and sends X-MERCHANT-ID', async () => {
    phonepe.simulator.createOrder('T-1', { amount: 100 });
    const seen: Request[] = [];
    const g = gateway({
      fetch: async (input, init) => {
        const request = new Request(input, init);
        seen.push(request);
        return fetch(request);
      },
    });
    await g.getPaymentStatus('T-1');
    const path = '/pg/v1/status/MERCHANTUAT/T-1';
    expect(new URL(seen[0]!.url).pathname).toBe(`/apis/pg${path}`);
    const expected = `${createHash('sha256').update(`${path}salt-key-123`).digest('hex')}###1`;
    expect(seen[0]!.headers.get('x-verify')).toBe(expected);
    expect(seen[0]!.headers.get('x-merchant-id')).toBe('MERCHANTUAT');
  });

  it('uses the documented hosts', () => {
    expect(createPhonePeV1Gateway({ ...v1, environment: 'production' }).baseUrl).toBe(
      'https://api.phonepe.com/apis/hermes',
    );
    expect(createPhonePeV1Gateway({ ...v1, environment: 'sandbox' }).baseUrl).toBe(
      'https://api-preprod.phonepe.com/apis/pg-sandbox',
    );
  });

  it('decides on code: PAYMENT_SUCCESS -> COMPLETED, PAYMENT_ERROR -> FAILED, PAYMENT_PENDING -> PENDING', async () => {
    phonepe.simulator
      .createOrder('S', { amount: 100, state: 'COMPLETED', transactionId: 'TXN789456123' })
      .createOrder('F', { amount: 100, state: 'FAILED' })
      .createOrder('P', { amount: 100 });
    const g = gateway();
    expect(await g.getPaymentStatus('S')).toMatchObject({
      state: 'COMPLETED',
      transactionId: 'TXN789456123',
      amount: 100,
      summary: { code: 'PAYMENT_SUCCESS' },
    });
    expect(await g.getPaymentStatus('F')).toMatchObject({ state: 'FAILED' });
    expect(await g.getPaymentStatus('P')).toMatchObject({ state: 'PENDING', transactionId: null });
  });

  it.each([
    ['PAYMENT_DECLINED', 'FAILED'],
    ['INTERNAL_SERVER_ERROR', 'PENDING'],
    ['PAYMENT_PENDING', 'PENDING'],
  ])('%s -> %s (only success, error and declined are final)', async (code, state) => {
    phonepe.server.use(
      http.get(`${PHONEPE_TEST_URL}/pg/v1/status/:mid/:id`, () =>
        HttpResponse.json({ success: false, code, message: 'x', data: { transactionId: null, amount: 100 } }),
      ),
    );
    expect(await gateway().getPaymentStatus('T-1')).toMatchObject({ state });
  });

  it('an unknown code is a GatewayResponseError, never a failure', async () => {
    phonepe.server.use(
      http.get(`${PHONEPE_TEST_URL}/pg/v1/status/:mid/:id`, () =>
        HttpResponse.json({ success: false, code: 'SOMETHING_NEW' }),
      ),
    );
    await expect(gateway().getPaymentStatus('T-1')).rejects.toMatchObject({ code: 'GATEWAY_BAD_RESPONSE' });
  });

  it('unknown transaction -> GatewayOrderNotFoundError; wrong salt -> GatewayAuthError', async () => {
    expect(
      isGatewayOrderNotFoundError(
        await gateway()
          .getPaymentStatus('NOPE')
          .catch((e: unknown) => e),
      ),
    ).toBe(true);
    phonepe.simulator.createOrder('T-1', { amount: 100 });
    const error = await gateway({ saltKey: 'wrong' })
      .getPaymentStatus('T-1')
      .catch((e: unknown) => e);
    expect(isGatewayAuthError(error)).toBe(true);
    expect((error as Error).message).not.toContain('wrong');
  });

  it('retries 5xx, validates ids, validates options', async () => {
    phonepe.simulator.createOrder('T-1', { amount: 100 });
    phonepe.simulator.inject({ type: 'http-error', status: 500 }, { endpoint: 'v1-status' });
    await expect(gateway().getPaymentStatus('T-1')).resolves.toMatchObject({ state: 'PENDING' });
    expect(phonepe.simulator.counts['v1-status']).toBe(2);
    expect(
      isInvalidOrderIdError(
        await gateway()
          .getPaymentStatus('a/b')
          .catch((e: unknown) => e),
      ),
    ).toBe(true);
    expect(() => createPhonePeV1Gateway({ ...v1, saltIndex: 0, environment: 'sandbox' })).toThrow(
      /`saltIndex`/,
    );
    expect(() => createPhonePeV1Gateway({ ...v1, saltKey: '', environment: 'sandbox' })).toThrow(/`saltKey`/);
  });
});
