import { createHash } from 'node:crypto';

export const webhookCredentials = { username: 'merchant-hook', password: 's3cret-webhook-pass' };

/** PhonePe's Authorization header: lower-case hex SHA-256 of "username:password". */
export function webhookAuthorization(credentials = webhookCredentials): string {
  return createHash('sha256').update(`${credentials.username}:${credentials.password}`).digest('hex');
}

/** A `checkout.order.*` webhook body as PhonePe sends it. */
export function orderEvent(
  merchantOrderId: string,
  state: string,
  { amount = 49_900, transactionId = 'TXN789456123' } = {},
): string {
  const event = state === 'FAILED' ? 'checkout.order.failed' : 'checkout.order.completed';
  return JSON.stringify({
    event,
    payload: {
      orderId: 'OMO2407021511185686967711',
      merchantId: 'MERCHANT',
      merchantOrderId,
      state,
      amount,
      expireAt: 1_719_913_878_566,
      paymentDetails: [
        { transactionId, paymentMode: 'UPI_INTENT', timestamp: 1_719_913_509_762, amount, state },
      ],
    },
  });
}

export function refundEvent(originalMerchantOrderId: string): string {
  return JSON.stringify({
    event: 'pg.refund.accepted',
    payload: { originalMerchantOrderId, merchantRefundId: 'R1', state: 'CONFIRMED', amount: 100 },
  });
}
