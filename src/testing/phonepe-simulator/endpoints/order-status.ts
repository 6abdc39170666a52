import { orderView } from '../order-view';
import { errorJson, json } from '../responses';
import type { Route } from '../route';
import { safeDecode } from '../wire';

/** `GET …/checkout/v2/order/{merchantOrderId}/status?details=…&errorContext=…`: the v2 order status. */
export const orderStatusRoute: Route<'status'> = {
  endpoint: 'status',
  method: 'GET',
  path: /\/checkout\/v2\/order\/([^/]+)\/status$/,
  contentType: 'application/json',
  auth: 'o-bearer',
  handle({ params, url }, state) {
    const merchantOrderId = safeDecode(params[0]!);
    const order = state.orders.get(merchantOrderId);
    if (!order) {
      const response = errorJson(
        state.unknownOrderStatus,
        'INVALID_MERCHANT_ORDER_ID',
        'No entry found for given merchant order id',
      );
      return { response, about: { merchantOrderId } };
    }
    order.checks++;
    const view = orderView(state, order, {
      details: url.searchParams.get('details') === 'true',
      errorContext: url.searchParams.get('errorContext') === 'true',
    });
    return { response: json(200, view), about: { merchantOrderId } };
  },
};
