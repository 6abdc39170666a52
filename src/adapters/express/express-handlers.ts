import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  createOrderDetailsHttpHandler,
  createOrderSyncHttpHandler,
  createPhonePeWebhookHttpHandler,
  type HttpHandler,
  type HttpResponse,
  type OrderDetailsHandlerOptions,
  type PhonePeWebhookHandlerOptions,
} from '../../http/index';
import { readRawBody } from './read-raw-body';

// `end` rather than `send`: the body is already JSON, and an ETag on a no-store answer is wasted work.
const send = (res: Response, answer: HttpResponse) =>
  res.status(answer.status).set(answer.headers).end(JSON.stringify(answer.body));

const orderRoute =
  (handle: HttpHandler<Request>): RequestHandler =>
  (req, res, next) => {
    const id: unknown = req.params.id;
    handle({
      method: req.method,
      params: { id: typeof id === 'string' ? id : undefined },
      headers: req.headers,
      original: req,
    })
      .then((answer) => send(res, answer))
      .catch(next);
  };

/**
 * Express handler for `GET /api/common/orders/:id/` (Express 4 and 5). Reads `req.params.id`; mount
 * your auth middleware before it and decide in `authorize(req, orderPayment)`.
 * @example
 * ```ts
 * // your own orders.customer_id, read along with each order (phonepe-order-sync/kysely)
 * const repository = createKyselyOrderRepository(db, { orders: { extraColumns: { customerId: 'customer_id' } } });
 * const paymentSync = createPaymentSync({ repository, gateway });
 * app.get('/api/common/orders/:id/', requireLogin,
 *   createOrderDetailsHandler({
 *     paymentSync,
 *     authorize: (req, orderPayment) =>
 *       repository.extraOf(orderPayment).customerId === (req.user as { id?: number } | undefined)?.id,
 *   }));
 * ```
 */
export function createOrderDetailsHandler(options: OrderDetailsHandlerOptions<Request>): RequestHandler {
  return orderRoute(createOrderDetailsHttpHandler(options));
}

/**
 * Express handler for an admin re-check, `POST /api/common/orders/:id/sync` (asks PhonePe even when the
 * order was checked moments ago). Its `authorize` should admit admins only.
 * @example
 * ```ts
 * app.post('/api/common/orders/:id/sync', requireUser,
 *   createOrderSyncHandler({ paymentSync, authorize: (req) => req.user?.isAdmin === true }));
 * ```
 */
export function createOrderSyncHandler(options: OrderDetailsHandlerOptions<Request>): RequestHandler {
  return orderRoute(createOrderSyncHttpHandler(options));
}

const CONSUMED =
  'phonepe-order-sync: the PhonePe webhook needs the raw request body, but a body parser ' +
  '(express.json()?) already consumed it. Register the webhook route BEFORE app.use(express.json()), ' +
  "e.g. app.post('/webhooks/phonepe', createPhonePeWebhookHandler(...)); app.use(express.json()); " +
  "or mount express.raw({ type: '*/*', limit: '64kb' }) on that route instead of a JSON parser.";

/**
 * Express handler for PhonePe webhooks, `POST /webhooks/phonepe` (Express 4 and 5). It reads the raw
 * body from the request stream itself, so register it before any JSON body parser; a Buffer left by
 * `express.raw()` is used as is. (PhonePe's `Authorization` header is a static shared secret, not a
 * signature over the body.) When a parser already consumed the body it fails loudly (a `TypeError`
 * passed to `next`, answered 500; PhonePe documents no redelivery, so the reconciler settles the order).
 * @example
 * ```ts
 * app.post('/webhooks/phonepe', createPhonePeWebhookHandler({ paymentSync, credentials: { username, password } }));
 * app.use(express.json()); // after
 * ```
 */
export function createPhonePeWebhookHandler(options: PhonePeWebhookHandlerOptions): RequestHandler {
  const handle = createPhonePeWebhookHttpHandler<Request>(options);
  return (req: Request, res: Response, next: NextFunction) => {
    const parsed: unknown = req.body;
    const body =
      Buffer.isBuffer(parsed) || typeof parsed === 'string'
        ? Promise.resolve(parsed)
        : req.readableEnded || (req as { _body?: unknown })._body === true
          ? Promise.reject(new TypeError(CONSUMED))
          : readRawBody(req, handle.maxBodyBytes);
    body
      .then((rawBody) => handle({ method: req.method, headers: req.headers, rawBody, original: req }))
      .then((answer) => send(res, answer))
      .catch(next);
  };
}
