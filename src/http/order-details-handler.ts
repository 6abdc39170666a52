import { type OrderPayment, type SyncCallOptions, silentLogger } from '../index';
import { errorResponse, jsonResponse, responseForError } from './error-status';
import { assertOrderDetailsOptions, type OrderDetailsHandlerOptions } from './handler-options';
import type { HttpHandler } from './http-types';
import { toOrderDetailsWire } from './order-details-wire';
import { parseOrderId } from './order-id';

/** Same body for "no such order" and "not yours", so an answer never tells which. */
const notFound = () => errorResponse('ORDER_NOT_FOUND', 'Order not found');

/** Which order route a handler serves. */
export type OrderRouteKind = 'details' | 'sync';

const CALLS: Record<OrderRouteKind, SyncCallOptions> = {
  details: { source: 'read' },
  sync: { source: 'manual', force: true },
};

/**
 * @internal The order route handlers, with the name option errors carry (`where`): the public
 * factories' own names, or an adapter's (e.g. the Fastify plugin's `phonePeOrderSync`).
 */
export function createOrderRouteHandler<TRequest>(
  options: OrderDetailsHandlerOptions<TRequest>,
  kind: OrderRouteKind,
  where: string,
): HttpHandler<TRequest> {
  assertOrderDetailsOptions(options, where);
  const { paymentSync, authorize, logger = silentLogger, maxLength, idPattern } = options;
  const rules = { maxLength, idPattern };
  const call = CALLS[kind];

  return async (request) => {
    const rawId = request.params?.id;
    try {
      const id = parseOrderId(rawId, rules);
      const stored: OrderPayment | null = await paymentSync.findOrderPayment(id);
      if (!stored) return notFound();
      const allowed: unknown = await authorize(request.original, stored);
      if (allowed !== true) {
        if (allowed !== false) {
          // Fails closed: a truthy object or a forgotten `return` must not open the route.
          logger.error(
            { route: where, orderId: rawId, returned: allowed === null ? 'null' : typeof allowed },
            '`authorize` returned neither true nor false; treated as a refusal (404). Return a boolean.',
          );
        }
        return notFound();
      }
      // Passing the loaded OrderPayment spares a second read; a gateway failure is reported in the
      // result (outcome `gateway-error`) and still answers 200 with the stored state.
      const result = await paymentSync.sync(stored, call);
      return jsonResponse(200, toOrderDetailsWire(result));
    } catch (error) {
      return responseForError(error, logger, { route: where, orderId: rawId });
    }
  };
}

/**
 * The framework-neutral handler behind `GET .../orders/:id/`: checks the id (400 `INVALID_ORDER_ID`
 * before the repository is touched), loads the order, asks `authorize` (a refusal answers 404 like a
 * missing order), syncs it and answers the order-details wire body. A gateway failure answers 200 with
 * the stored state; a repository failure 503 `REPOSITORY_ERROR`. Options are checked here.
 * @example
 * ```ts
 * import type { IncomingMessage } from 'node:http';
 *
 * declare const req: IncomingMessage, id: string, userId: string | undefined; // from your router and auth
 * const handle = createOrderDetailsHttpHandler<IncomingMessage>({
 *   paymentSync,
 *   authorize: (_req, orderPayment) => ownsOrder(userId, orderPayment),
 * });
 * const { status, headers, body } = await handle({ method: 'GET', params: { id }, headers: req.headers, original: req });
 * ```
 */
export function createOrderDetailsHttpHandler<TRequest = unknown>(
  options: OrderDetailsHandlerOptions<TRequest>,
): HttpHandler<TRequest> {
  return createOrderRouteHandler(options, 'details', 'createOrderDetailsHandler');
}

/**
 * The handler behind an admin re-check route (`POST .../orders/:id/sync`): like
 * {@link createOrderDetailsHttpHandler}, but asks PhonePe even inside `minCheckIntervalMs`
 * (`force: true`, audit source `manual`). Guard it with an `authorize` that admits admins only.
 * @example
 * ```ts
 * const recheck = createOrderSyncHttpHandler<{ user?: { isAdmin?: boolean } }>({
 *   paymentSync,
 *   authorize: (req) => req.user?.isAdmin === true,
 * });
 * ```
 */
export function createOrderSyncHttpHandler<TRequest = unknown>(
  options: OrderDetailsHandlerOptions<TRequest>,
): HttpHandler<TRequest> {
  return createOrderRouteHandler(options, 'sync', 'createOrderSyncHandler');
}
