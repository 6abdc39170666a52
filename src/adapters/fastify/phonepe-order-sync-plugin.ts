import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  errorResponse,
  type HttpHandler,
  type HttpResponse,
  type OrderDetailsHandlerOptions,
  orderDetailsJsonSchema,
  orderParamsJsonSchema,
  type PhonePeWebhookHandlerOptions,
  webhookAckJsonSchema,
} from '../../http/index';
import {
  createOrderRouteHandler,
  createWebhookRouteHandler,
  ORDER_DETAILS_OPTION_KEYS,
  pathVariants,
  WEBHOOK_OPTION_KEYS,
} from '../../http/internal';
import { verifyPhonePeWebhook } from '../../phonepe/verify-phonepe-webhook';
import {
  assertPluginOptions,
  type PhonePeOrderSyncPluginOptions,
  pick,
} from './phonepe-order-sync-plugin-options';

type OrderOptions = OrderDetailsHandlerOptions<FastifyRequest>;

const NAME = 'phonePeOrderSync';
// Sent pre-serialized: the wire mapping already fixed the shape. Only 200 has a response schema: a 4xx/5xx
// schema would also serialize errors raised by other hooks and plugins on these routes (an auth hook's
// 401, a rate limit's 429, Fastify's own 415), and fail on every body that is not this package's.
const reply = (res: FastifyReply, answer: HttpResponse) =>
  res.code(answer.status).headers(answer.headers).send(JSON.stringify(answer.body));
const orderRoute = (handle: HttpHandler<FastifyRequest>) => (req: FastifyRequest, res: FastifyReply) =>
  handle({
    method: req.method,
    params: req.params as { id?: string },
    headers: req.headers,
    original: req,
  }).then((answer) => reply(res, answer));

/** Registers `path` and its trailing-slash twin, unless the app already routes the twin (ignoreTrailingSlash). */
function routeBoth(fastify: FastifyInstance, method: 'GET' | 'POST', path: string, options: object) {
  const [main, twin] = pathVariants(path);
  fastify.route({ ...options, method, url: main! } as Parameters<FastifyInstance['route']>[0]);
  if (twin === undefined) return;
  try {
    fastify.route({ ...options, method, url: twin } as Parameters<FastifyInstance['route']>[0]);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'FST_ERR_DUPLICATED_ROUTE') throw error;
  }
}

/**
 * Fastify plugin (Fastify 5, and 4) registering the order-details route and the PhonePe webhook. Each
 * route answers with and without its trailing slash; an empty id answers 400. Errors raised by your own
 * hooks and plugins on these routes (an auth hook's 401, a rate limit's 429, Fastify's 404/415) keep
 * their status and body. The webhook's raw-body parser is scoped to this plugin, so the rest of the app
 * keeps its own JSON parsing. Register it WITHOUT `fastify-plugin`. Unknown options are a `TypeError`.
 * @example
 * ```ts
 * import Fastify from 'fastify';
 *
 * // your own orders.customer_id, read along with each order (phonepe-order-sync/kysely)
 * const repository = createKyselyOrderRepository(db, { orders: { extraColumns: { customerId: 'customer_id' } } });
 * const paymentSync = createPaymentSync({ repository, gateway });
 * const app = Fastify();
 * app.addHook('onRequest', async (request) => {
 *   if (request.url.startsWith('/api/')) await request.jwtVerify(); // @fastify/jwt: 401 when missing
 * });
 * await app.register(phonePeOrderSync, {
 *   paymentSync,
 *   authorize: (request, orderPayment) =>
 *     String(repository.extraOf(orderPayment).customerId) === (request.user as { sub?: string }).sub,
 *   credentials, // { username, password }, as set on PhonePe's dashboard
 * });
 * ```
 */
export async function phonePeOrderSync(fastify: FastifyInstance, options: PhonePeOrderSyncPluginOptions) {
  const { orderPath, webhookPath, syncPath } = assertPluginOptions(options);
  const logger = options.logger ?? fastify.log;
  const schema = { params: orderParamsJsonSchema, response: { 200: orderDetailsJsonSchema } };

  if (orderPath) {
    const handle = createOrderRouteHandler(
      { ...pick(options, ORDER_DETAILS_OPTION_KEYS), logger } as OrderOptions,
      'details',
      NAME,
    );
    routeBoth(fastify, 'GET', orderPath, { schema, handler: orderRoute(handle) });
  }
  if (syncPath) {
    const handle = createOrderRouteHandler<FastifyRequest>(
      {
        ...pick(options, ORDER_DETAILS_OPTION_KEYS),
        authorize: options.authorizeSync,
        logger,
      } as OrderOptions,
      'sync',
      NAME,
    );
    routeBoth(fastify, 'POST', syncPath, { schema, handler: orderRoute(handle) });
  }
  if (webhookPath) {
    const handle = createWebhookRouteHandler<FastifyRequest>(
      { ...pick(options, WEBHOOK_OPTION_KEYS), logger } as PhonePeWebhookHandlerOptions,
      NAME,
      verifyPhonePeWebhook,
    );
    // Encapsulated: only this plugin's routes get bytes instead of parsed JSON.
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: handle.maxBodyBytes },
      (_r, body, done) => done(null, body),
    );
    fastify.setErrorHandler((error: { statusCode?: number }, _req, res) => {
      if (error.statusCode !== 413) throw error; // the app's own error handler answers it
      return reply(
        res,
        errorResponse('PAYLOAD_TOO_LARGE', `The webhook body is larger than ${handle.maxBodyBytes} bytes`),
      );
    });
    routeBoth(fastify, 'POST', webhookPath, {
      schema: { response: { 200: webhookAckJsonSchema } },
      handler: (req: FastifyRequest, res: FastifyReply) =>
        handle({ method: req.method, headers: req.headers, body: req.body, original: req }).then((answer) =>
          reply(res, answer),
        ),
    });
  }
}
