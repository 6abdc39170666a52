// JSON Schemas of the wire bodies (draft-07 subset), for Fastify route schemas and OpenAPI documents.
// Plain objects, no Node import, so they can also be used in a browser.

/** JSON Schema of the route parameters of the order routes. */
export const orderParamsJsonSchema = {
  type: 'object',
  properties: { id: { type: 'string' } },
  required: ['id'],
} as const;

/** JSON Schema of `{ "error": { "code", "message" } }`. */
export const errorBodyJsonSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' } },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
} as const;

const paymentStatus = { type: 'string', enum: ['PENDING', 'COMPLETED', 'FAILED'] } as const;

/**
 * JSON Schema of the order-details body (`OrderDetailsWire`). `additional_info` keeps every key.
 * @example
 * ```ts
 * import Fastify from 'fastify';
 *
 * const app = Fastify();
 * app.get('/orders/:id', { schema: { response: { 200: orderDetailsJsonSchema } } }, async () => ({}));
 * ```
 */
export const orderDetailsJsonSchema = {
  type: 'object',
  properties: {
    order: {
      type: 'object',
      properties: {
        id: { type: ['integer', 'string'] },
        payment_status: paymentStatus,
        order_status: { type: 'string' },
        amount: { type: 'number' },
      },
      required: ['id', 'payment_status', 'order_status', 'amount'],
    },
    payment: {
      type: 'object',
      properties: {
        payment_status: paymentStatus,
        transaction_id: { type: ['string', 'null'] },
        additional_info: { type: 'object', additionalProperties: true },
      },
      required: ['payment_status', 'transaction_id', 'additional_info'],
    },
    status_updated: { type: 'boolean' },
  },
  required: ['order', 'payment', 'status_updated'],
} as const;

/** JSON Schema of a 2xx webhook answer (`WebhookAckWire`). */
export const webhookAckJsonSchema = {
  type: 'object',
  properties: { acknowledged: { type: 'boolean' }, reason: { type: 'string' } },
  required: ['acknowledged', 'reason'],
} as const;
