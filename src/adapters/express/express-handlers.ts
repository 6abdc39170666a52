import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  createOrderDetailsHttpHandler,
  createOrderSyncHttpHandler,
  type HttpHandler,
  type HttpResponse,
  type OrderDetailsHandlerOptions,
  type PhonePeWebhookHandlerOptions,
} from '../../http/index';
import { createWebhookRouteHandler } from '../../http/internal';
import { verifyPhonePeWebhook } from '../../phonepe/verify-phonepe-webhook';
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
 * your auth middleware before it and decide in `authorize(req, orderPayment)`. Mount it on
 * `orderRoutePattern()` so an empty id answers 400 like the other adapters (a string path never routes
 * one: Express answers its own 404); either way the trailing slash is optional.
 * @example
 * ```ts
 * // your own orders.customer_id, read along with each order (phonepe-order-sync/kysely)
 * const repository = createKyselyOrderRepository(db, { orders: { extraColumns: { customerId: 'customer_id' } } });
 * const paymentSync = createPaymentSync({ repository, gateway });
 * app.get(orderRoutePattern('/api/common/orders/:id/'), requireLogin,
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
 * app.post(orderRoutePattern('/api/common/orders/:id/sync'), requireLogin,
 *   createOrderSyncHandler({
 *     paymentSync,
 *     authorize: (req) => (req.user as { isAdmin?: boolean } | undefined)?.isAdmin === true,
 *   }));
 * ```
 */
export function createOrderSyncHandler(options: OrderDetailsHandlerOptions<Request>): RequestHandler {
  return orderRoute(createOrderSyncHttpHandler(options));
}

/** The body in the first form the app already has it in, else `undefined` (the stream is untouched). */
function bodyAlreadyRead(req: Request): { body: unknown } | undefined {
  const { rawBody } = req as { rawBody?: unknown };
  if (Buffer.isBuffer(rawBody) || typeof rawBody === 'string') return { body: rawBody }; // json({ verify })
  const parsed: unknown = req.body;
  if (Buffer.isBuffer(parsed) || typeof parsed === 'string') return { body: parsed }; // raw() / text()
  const consumed = req.readableEnded || (req as { _body?: unknown })._body === true;
  return consumed ? { body: parsed } : undefined; // json(): the parsed object
}

/**
 * Express handler for PhonePe webhooks, `POST /webhooks/phonepe` (Express 4 and 5). PhonePe's header
 * signs nothing, so the body may come in any form the app already has: `req.rawBody` (the
 * `express.json({ verify })` pattern), a Buffer (`express.raw()`), a string (`express.text()`), the
 * object `express.json()` parsed, or the untouched stream, which it reads itself up to `maxBodyBytes`
 * (413 past it). Mount it before or after your JSON parser.
 * @example
 * ```ts
 * import express from 'express';
 *
 * app.use(express.json());
 * // credentials: { username, password }, as set on PhonePe's dashboard
 * app.post('/webhooks/phonepe', createPhonePeWebhookHandler({ paymentSync, credentials }));
 * ```
 */
export function createPhonePeWebhookHandler(options: PhonePeWebhookHandlerOptions): RequestHandler {
  const handle = createWebhookRouteHandler<Request>(
    options,
    'createPhonePeWebhookHandler',
    verifyPhonePeWebhook,
  );
  return (req: Request, res: Response, next: NextFunction) => {
    const read = bodyAlreadyRead(req);
    (read ? Promise.resolve(read.body) : readRawBody(req, handle.maxBodyBytes))
      .then((body) => handle({ method: req.method, headers: req.headers, body, original: req }))
      .then((answer) => send(res, answer))
      .catch(next);
  };
}
