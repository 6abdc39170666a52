import { describe, expect, it } from 'vitest';
import { createOrderDetailsHandler, createPhonePeWebhookHandler } from '../../../src/adapters/fetch/index';
import { createPaymentSync } from '../../../src/index';
import {
  buildOrderPayment,
  createFakePaymentGateway,
  createMemoryOrderRepository,
} from '../../../src/testing/index';
import { orderEvent, webhookAuthorization, webhookCredentials } from './signed-webhook';

const paymentSync = () =>
  createPaymentSync({
    repository: createMemoryOrderRepository([buildOrderPayment({ id: 4, paymentStatus: 'FAILED' })]),
    gateway: createFakePaymentGateway(),
  });

describe('fetch adapter specifics', () => {
  it('takes the id from getOrderId when the router passes no params', async () => {
    const handler = createOrderDetailsHandler({
      paymentSync: paymentSync(),
      authorize: () => true,
      getOrderId: (request) => new URL(request.url).searchParams.get('order') ?? undefined,
    });
    const res = await handler(new Request('http://x/order-details?order=4'));
    expect([res.status, (await res.json()).order.order_status]).toEqual([200, 'CANCELLED']);
  });

  it('fails loudly when the webhook body was already read', async () => {
    const handler = createPhonePeWebhookHandler({
      paymentSync: paymentSync(),
      credentials: webhookCredentials,
    });
    const request = new Request('http://x/webhooks/phonepe', {
      method: 'POST',
      headers: { authorization: webhookAuthorization() },
      body: orderEvent('4', 'COMPLETED'),
    });
    await request.json();
    await expect(handler(request)).rejects.toThrow(/already read; pass the untouched Request/);
  });

  it('stops reading a streamed body past the limit and answers 413', async () => {
    const handler = createPhonePeWebhookHandler({
      paymentSync: paymentSync(),
      credentials: webhookCredentials,
      maxBodyBytes: 1024,
    });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 1000) controller.close();
        else controller.enqueue(new Uint8Array(512));
      },
    });
    const request = new Request('http://x/webhooks/phonepe', {
      method: 'POST',
      headers: { authorization: webhookAuthorization() },
      body,
      duplex: 'half',
    } as RequestInit);
    const res = await handler(request);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });
});
