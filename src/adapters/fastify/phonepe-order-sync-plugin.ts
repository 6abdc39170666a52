import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  createOrderDetailsHttpHandler,
  createOrderSyncHttpHandler,
  createPhonePeWebhookHttpHandler,
  errorBodyJsonSchema,
  errorResponse,
  type HttpHandler,
  type HttpResponse,
  orderDetailsJsonSchema,
  orderParamsJsonSchema,
  webhookAckJsonSchema,
} from '../../http/index';
import type { PhonePeOrderSyncPluginOptions } from './phonepe-order-sync-plugin-options';

const errors = { '4xx': errorBodyJsonSchema, '5xx': errorBodyJsonSchema };
// Sent pre-serialized: the wire mapping already fixed the shape, and JSON.stringify of these small
// bodies is faster than schema serialization with open `additional_info`. The response schemas still
// document the routes (e.g. for @fastify/swagger).
const reply = (res: FastifyReply, answer: HttpResponse) =>
  res.code(answer.status).headers(answer.headers).send(JSON.stringify(answer.body));
const orderRoute = (handle: HttpHandler<FastifyRequest>) => (req: FastifyRequest, res: FastifyReply) =>
  handle({
    method: req.method,
    params: req.params as { id?: string },
    headers: req.headers,
    original: req,
  }).then((answer) => reply(res, answer));
const route = (value: string | false | undefined, fallback: string, name: string) => {
  if (value === undefined || value === false) return value ?? fallback;
  if (typeof value !== 'string' || !value.startsWith('/')) {
    throw new TypeError(`phonePeOrderSync: \`${name}\` must be a path starting with "/" or false`);
  }
  return value;
};

/**
 * Fastify plugin (Fastify 5, and 4) registering the order-details route and the PhonePe webhook with
 * JSON schemas for params and responses. The webhook's raw-body parser is scoped to this plugin, so
 * the rest of the app keeps its own JSON parsing. Register it WITHOUT `fastify-plugin`.
 * @example
 * ```ts
 * // your own orders.customer_id, read along with each order (phonepe-order-sync/kysely)
 * const repository = createKyselyOrderRepository(db, { orders: { extraColumns: { customerId: 'customer_id' } } });
 * const paymentSync = createPaymentSync({ repository, gateway });
 * await app.register(phonePeOrderSync, {
 *   paymentSync,
 *   // after @fastify/jwt's request.jwtVerify() in an onRequest hook
 *   authorize: (request, orderPayment) =>
 *     String(repository.extraOf(orderPayment).customerId) === (request.user as { sub?: string }).sub,
 *   credentials: { username: WEBHOOK_USER, password: WEBHOOK_PASSWORD },
 * });
 * ```
 */
export async function phonePeOrderSync(fastify: FastifyInstance, options: PhonePeOrderSyncPluginOptions) {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('phonePeOrderSync: options must be an object');
  }
  const logger = options.logger ?? fastify.log;
  const orderPath = route(options.orderRoute, '/api/common/orders/:id/', 'orderRoute');
  const webhookPath = route(options.webhookRoute, '/webhooks/phonepe', 'webhookRoute');

  if (orderPath) {
    const handle = createOrderDetailsHttpHandler({ ...options, logger });
    fastify.get(orderPath, {
      schema: { params: orderParamsJsonSchema, response: { 200: orderDetailsJsonSchema, ...errors } },
      handler: orderRoute(handle),
    });
  }
  if (options.syncRoute !== undefined) {
    if (typeof options.authorizeSync !== 'function') {
      throw new TypeError('phonePeOrderSync: `authorizeSync` is required with `syncRoute` (admins only)');
    }
    const syncPath = route(options.syncRoute, '', 'syncRoute') as string;
    const handle = createOrderSyncHttpHandler({ ...options, authorize: options.authorizeSync!, logger });
    fastify.post(syncPath, {
      schema: { params: orderParamsJsonSchema, response: { 200: orderDetailsJsonSchema, ...errors } },
      handler: orderRoute(handle),
    });
  }
  if (webhookPath) {
    const handle = createPhonePeWebhookHttpHandler<FastifyRequest>({
      paymentSync: options.paymentSync,
      credentials: options.credentials!,
      maxBodyBytes: options.maxBodyBytes,
      confirmWithGateway: options.confirmWithGateway,
      logger,
    });
    // Encapsulated: only this plugin's routes get bytes instead of parsed JSON.
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: handle.maxBodyBytes },
      (_r, body, done) => done(null, body),
    );
    fastify.setErrorHandler((error: { statusCode?: number }, _req, res) => {
      if (error.statusCode !== 413) throw error;
      return reply(
        res,
        errorResponse('PAYLOAD_TOO_LARGE', `The webhook body is larger than ${handle.maxBodyBytes} bytes`),
      );
    });
    fastify.post(webhookPath, {
      schema: { response: { 200: webhookAckJsonSchema, ...errors } },
      handler: (req, res) =>
        handle({
          method: req.method,
          headers: req.headers,
          rawBody: req.body as Buffer | undefined,
          original: req,
        }).then((answer) => reply(res, answer)),
    });
  }
}
