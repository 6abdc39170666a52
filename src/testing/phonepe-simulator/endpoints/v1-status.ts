import { createHash } from 'node:crypto';
import { applyDue } from '../apply-due';
import { failureOf } from '../failure';
import { json } from '../responses';
import type { Route } from '../route';
import { safeDecode } from '../wire';

/**
 * `GET …/pg/v1/status/{merchantId}/{merchantTransactionId}`: the legacy v1 status, authorized by
 * `X-VERIFY` (SHA-256 of the path and the salt key, `###`, the salt index) instead of a token.
 */
export const v1StatusRoute: Route<'v1-status'> = {
  endpoint: 'v1-status',
  method: 'GET',
  path: /\/pg\/v1\/status\/([^/]+)\/([^/]+)$/,
  auth: 'none',
  handle({ params, header }, state) {
    const [merchantId = '', encodedId = ''] = params;
    const merchantOrderId = safeDecode(encodedId);
    const about = { merchantOrderId };
    const { v1 } = state.options;
    const expected = v1
      ? `${createHash('sha256').update(`/pg/v1/status/${merchantId}/${encodedId}${v1.saltKey}`).digest('hex')}###${v1.saltIndex}`
      : undefined;
    if (!v1 || header('x-verify') !== expected || merchantId !== v1.merchantId) {
      const response = json(401, {
        success: false,
        code: 'AUTHORIZATION_FAILED',
        message: 'X-VERIFY mismatch',
      });
      return { response, about };
    }
    const order = state.orders.get(merchantOrderId);
    if (!order) {
      const response = json(200, {
        success: false,
        code: 'TRANSACTION_NOT_FOUND',
        message: 'No transaction',
      });
      return { response, about };
    }
    order.checks++;
    applyDue(state, order);
    const code =
      order.state === 'COMPLETED'
        ? 'PAYMENT_SUCCESS'
        : order.state === 'FAILED'
          ? 'PAYMENT_ERROR'
          : 'PAYMENT_PENDING';
    const response = json(200, {
      success: order.state === 'COMPLETED',
      code,
      message: 'Simulated',
      data: {
        merchantId,
        merchantTransactionId: merchantOrderId,
        transactionId: order.attempts.at(-1)?.transactionId ?? null,
        amount: order.amount,
        state: order.state,
        responseCode: order.state === 'FAILED' ? failureOf(order, {}).errorCode : 'SUCCESS',
        paymentInstrument: { type: 'UPI' },
      },
    });
    return { response, about };
  },
};
