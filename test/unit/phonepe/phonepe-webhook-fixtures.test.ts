import { describe, expect, it } from 'vitest';
import { isWebhookAuthError } from '../../../src/index';
import { verifyPhonePeWebhook } from '../../../src/phonepe/index';
import {
  buildPhonePeWebhook,
  createPhonePeSimulator,
  phonePeWebhookAuthorization,
} from '../../../src/testing/index';

const credentials = { username: 'username', password: 'password' };

describe('signed webhook fixtures', () => {
  it("computes PhonePe's documented header", () => {
    expect(phonePeWebhookAuthorization(credentials)).toBe(
      'bc842c31a9e54efe320d30d948be61291f3ceee4766e36ab25fa65243cd76e0e',
    );
  });

  it.each(['lowercase', 'uppercase', 'prefixed'] as const)('a %s header verifies', (authorization) => {
    const hook = buildPhonePeWebhook({ credentials, merchantOrderId: 'ORDER-1', amount: 100, authorization });
    const event = verifyPhonePeWebhook(credentials, hook.headers.authorization, hook.body);
    expect(event).toMatchObject({
      event: 'checkout.order.completed',
      merchantOrderId: 'ORDER-1',
      state: 'COMPLETED',
      amount: 100,
      transactionId: 'TXN789456123',
    });
  });

  it('a wrong header is refused', () => {
    const hook = buildPhonePeWebhook({ credentials, merchantOrderId: 'ORDER-1', authorization: 'wrong' });
    expect(() => verifyPhonePeWebhook(credentials, hook.authorization, hook.body)).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_UNAUTHORIZED' }),
    );
    try {
      verifyPhonePeWebhook(credentials, hook.authorization, hook.body);
    } catch (error) {
      expect(isWebhookAuthError(error)).toBe(true);
    }
  });

  it('FAILED and legacy type-only bodies', () => {
    const failed = buildPhonePeWebhook({ credentials, merchantOrderId: 'O', state: 'FAILED' });
    expect(verifyPhonePeWebhook(credentials, failed.authorization, failed.body)).toMatchObject({
      event: 'checkout.order.failed',
      status: { state: 'FAILED', summary: { error_code: 'INVALID_MPIN' } },
    });
    const legacy = buildPhonePeWebhook({
      credentials,
      merchantOrderId: 'O',
      event: null,
      type: 'CHECKOUT_ORDER_COMPLETED',
    });
    expect(legacy.json.event).toBeUndefined();
    expect(verifyPhonePeWebhook(credentials, legacy.authorization, legacy.body).event).toBe(
      'CHECKOUT_ORDER_COMPLETED',
    );
  });

  it("the simulator signs a webhook for an order's current state", () => {
    const simulator = createPhonePeSimulator().createOrder('ORDER-9', { amount: 700 });
    simulator.setOrderState('ORDER-9', 'COMPLETED', { transactionId: 'TXN-9' });
    const hook = simulator.webhookFor('ORDER-9', credentials);
    expect(verifyPhonePeWebhook(credentials, hook.authorization, hook.body)).toMatchObject({
      merchantOrderId: 'ORDER-9',
      state: 'COMPLETED',
      amount: 700,
      transactionId: 'TXN-9',
    });
  });
});
