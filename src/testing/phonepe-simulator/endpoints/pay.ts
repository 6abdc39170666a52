import { newOrder } from '../order-record';
import { errorJson, json } from '../responses';
import type { Route } from '../route';

/** `POST …/checkout/v2/pay`: creates a PENDING order for `{ merchantOrderId, amount }`. */
export const payRoute: Route<'pay'> = {
  endpoint: 'pay',
  method: 'POST',
  path: /\/checkout\/v2\/pay$/,
  contentType: 'application/json',
  auth: 'o-bearer',
  handle({ body: text }, state) {
    let body: { merchantOrderId?: unknown; amount?: unknown } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {}
    if (typeof body.merchantOrderId !== 'string' || typeof body.amount !== 'number') {
      return { response: errorJson(400, 'BAD_REQUEST', 'merchantOrderId and amount are required') };
    }
    const { merchantOrderId } = body;
    // A merchant order id is unique per merchant: PhonePe refuses a second checkout for one.
    // (The code PhonePe uses here is not documented; BAD_REQUEST is its generic 400 code.)
    if (state.orders.has(merchantOrderId)) {
      const response = errorJson(400, 'BAD_REQUEST', 'merchantOrderId has already been used');
      return { response, about: { merchantOrderId } };
    }
    const order = newOrder(state, merchantOrderId, { amount: body.amount });
    state.orders.set(merchantOrderId, order);
    const response = json(200, {
      orderId: order.orderId,
      state: 'PENDING',
      expireAt: order.expireAt,
      redirectUrl: `https://mercury-uat.phonepe.com/transact/simulator?token=${order.orderId}`,
    });
    return { response, about: { merchantOrderId } };
  },
};
