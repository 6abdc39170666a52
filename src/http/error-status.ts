import { errorSummary } from '../core/error-summary';
import { type ErrorCode, isPaymentSyncError, type Logger } from '../index';
import type { HttpResponse } from './http-types';
import type { ErrorBodyWire } from './order-details-wire';

/**
 * The one table from error code to HTTP status, shared by every adapter. Typed
 * `Record<ErrorCode, number>`, so the compiler proves every {@link ErrorCode} (thrown and wire codes)
 * has its status. An error that is not the package's, or whose code is outside `ErrorCode` (an
 * `OrderClientError` relaying a foreign code), answers 500 `INTERNAL_ERROR` with a generic message.
 *
 * - `SCHEMA_MISMATCH` (tables that do not fit the mapping) is a deployment fault: 500.
 * - `REPOSITORY_ERROR` is 503: a retryable failure (a client may retry a read; a webhook was not applied).
 * - `WEBHOOK_NOT_CONFIRMED` is 503: PhonePe's status API could not confirm a webhook now (it failed, or
 *   the circuit breaker is open); nothing was written, and the reconciler settles the order.
 * - Gateway codes never reach a read (a read answers the stored state); they are listed for the
 *   admin re-check route and custom uses.
 * @example
 * ```ts
 * const status = (error: unknown) =>
 *   isPaymentSyncError(error) && !isOrderClientError(error) ? HTTP_STATUS_BY_CODE[error.code] : 500;
 * status(new OrderNotFoundError('no order 7')); // 404
 * ```
 */
// The type argument makes a made-up code an error too (excess property), not only a missing one.
export const HTTP_STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = Object.freeze<
  Record<ErrorCode, number>
>({
  INVALID_ORDER_ID: 400,
  WEBHOOK_INVALID_PAYLOAD: 400,
  WEBHOOK_UNAUTHORIZED: 401,
  ORDER_NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL_ERROR: 500,
  SCHEMA_MISMATCH: 500,
  GATEWAY_ERROR: 502,
  GATEWAY_BAD_RESPONSE: 502,
  GATEWAY_AUTH_FAILED: 502,
  GATEWAY_ORDER_NOT_FOUND: 502,
  GATEWAY_UNKNOWN_STATE: 502,
  GATEWAY_RATE_LIMITED: 503,
  REPOSITORY_ERROR: 503,
  WEBHOOK_NOT_CONFIRMED: 503,
  GATEWAY_TIMEOUT: 504,
});

/** Headers on every JSON answer: payment state must never be served from a cache. */
export const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
});

/**
 * A JSON answer with the standard headers ({@link JSON_HEADERS}).
 * @example
 * ```ts
 * jsonResponse(200, { ok: true }); // { status: 200, headers: { 'content-type': ..., 'cache-control': 'no-store' }, body }
 * ```
 */
export function jsonResponse<T>(status: number, body: T): HttpResponse<T> {
  return { status, headers: { ...JSON_HEADERS }, body };
}

/**
 * An error answer `{ "error": { "code", "message" } }` whose status comes from
 * {@link HTTP_STATUS_BY_CODE}.
 * @example
 * ```ts
 * errorResponse('ORDER_NOT_FOUND', 'Order not found'); // { status: 404, body: { error: { ... } } }
 * ```
 */
export function errorResponse(code: ErrorCode, message: string): HttpResponse<ErrorBodyWire> {
  // `?? 500` for untyped (JavaScript) callers passing a code outside the table.
  return jsonResponse(HTTP_STATUS_BY_CODE[code] ?? 500, { error: { code, message } });
}

/** True when `code` has a row in {@link HTTP_STATUS_BY_CODE} (own keys only: not `toString`...). */
function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(HTTP_STATUS_BY_CODE, code);
}

const GENERIC_MESSAGES: Readonly<Partial<Record<ErrorCode, string>>> = {
  REPOSITORY_ERROR: 'The order store is unavailable; try again later',
  INTERNAL_ERROR: 'Internal error',
};

/** Name, code and message of the error and of its cause: enough to act on, no stack or driver object. */
function summary(error: unknown): Record<string, unknown> {
  const cause = error instanceof Error && error.cause !== undefined ? errorSummary(error.cause) : undefined;
  return cause ? { ...errorSummary(error), cause } : errorSummary(error);
}

/**
 * Turns a thrown error into an error answer without leaking internals: the package's own errors keep
 * their code (messages of store and unknown failures are replaced by generic ones, since they may
 * carry driver details); anything else is a 500 `INTERNAL_ERROR`, logged at error.
 * @example
 * ```ts
 * async function answer(handle: () => Promise<HttpResponse>): Promise<HttpResponse> {
 *   try {
 *     return await handle();
 *   } catch (error) {
 *     return responseForError(error, logger, { route: 'orders' });
 *   }
 * }
 * ```
 */
export function responseForError(error: unknown, logger: Logger, context: Record<string, unknown>) {
  if (isPaymentSyncError(error) && isErrorCode(error.code)) {
    const status = HTTP_STATUS_BY_CODE[error.code];
    if (status >= 500) logger.error({ ...context, code: error.code, err: summary(error) }, 'request failed');
    return errorResponse(error.code, GENERIC_MESSAGES[error.code] ?? error.message);
  }
  logger.error({ ...context, err: summary(error) }, 'unexpected error in an HTTP handler');
  return errorResponse('INTERNAL_ERROR', GENERIC_MESSAGES.INTERNAL_ERROR!);
}
