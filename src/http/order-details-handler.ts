import { type OrderPayment, type SyncCallOptions, silentLogger } from '../index';
import { errorResponse, jsonResponse, responseForError } from './error-status';
import { assertOrderDetailsOptions, type OrderDetailsHandlerOptions } from './handler-options';
import type { HttpHandler } from './http-types';
import { toOrderDetailsWire } from './order-details-wire';
import { parseOrderId } from './order-id';

/** Same body for "no such order" and "not yours", so an answer never tells which. */
const notFound = () => errorResponse('ORDER_NOT_FOUND', 'Order not found');

function createOrderHandler<TRequest>(
  options: OrderDetailsHandlerOptions<TRequest>,
  where: string,
  call: SyncCallOptions,
): HttpHandler<TRequest> {
  assertOrderDetailsOptions(options, where);
  const { paymentSync, authorize, logger = silentLogger, maxLength, idPattern } = options;
  const rules = { maxLength, idPattern };

  return async (request) => {
    const rawId = request.params?.id;
    try {
      const id = parseOrderId(rawId, rules);
      const stored: OrderPayment | null = await paymentSync.findOrderPayment(id);
      if (!stored || (await authorize(request.original, stored)) !== true) return notFound();
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
 * const handle = createOrderDetailsHttpHandler({ paymentSync, authorize: (req, op) => isOwner(req, op) });
 * const { status, headers, body } = await handle({ method: 'GET', params: { id }, headers, original: req });
 * ```
 */
export function createOrderDetailsHttpHandler<TRequest = unknown>(
  options: OrderDetailsHandlerOptions<TRequest>,
): HttpHandler<TRequest> {
  return createOrderHandler(options, 'createOrderDetailsHandler', { source: 'read' });
}

/**
 * The handler behind an admin re-check route (`POST .../orders/:id/sync`): like
 * {@link createOrderDetailsHttpHandler}, but asks PhonePe even inside `minCheckIntervalMs`
 * (`force: true`, audit source `manual`). Guard it with an `authorize` that admits admins only.
 * @example
 * ```ts
 * const recheck = createOrderSyncHttpHandler({ paymentSync, authorize: (req) => req.user?.isAdmin === true });
 * ```
 */
export function createOrderSyncHttpHandler<TRequest = unknown>(
  options: OrderDetailsHandlerOptions<TRequest>,
): HttpHandler<TRequest> {
  return createOrderHandler(options, 'createOrderSyncHandler', { source: 'manual', force: true });
}
