import { isHTTPError, isTimeoutError } from 'ky';
import { InvalidOrderIdError } from '../errors/invalid-order-id-error';
import { OrderClientError } from '../errors/order-client-error';
import { OrderNotFoundError } from '../errors/order-not-found-error';
import { errorBodySchema } from './order-details';

/**
 * @internal Turns what ky threw into the package's errors. ky's own errors are never kept as `cause`:
 * they hold the `Request`, whose headers carry the access token.
 */
export async function toOrderClientError(
  error: unknown,
  orderId: string | number,
  timeoutMs: number,
): Promise<unknown> {
  if (isHTTPError(error)) {
    const { status } = error.response;
    const body = errorBodySchema().safeParse(await error.response.json().catch(() => undefined));
    const code = body.success ? body.data.error.code : undefined;
    const serverMessage = body.success ? body.data.error.message : undefined;
    if (code === 'ORDER_NOT_FOUND') return new OrderNotFoundError(orderId);
    if (code === 'INVALID_ORDER_ID') {
      return new InvalidOrderIdError(
        serverMessage ?? `Order id ${JSON.stringify(String(orderId))} was refused`,
      );
    }
    const detail = serverMessage ? `: ${serverMessage}` : '';
    return new OrderClientError(`Order details request answered HTTP ${status}${detail}`, {
      status,
      ...(code ? { code } : {}),
    });
  }
  if (isTimeoutError(error)) {
    return new OrderClientError(`Order details request got no answer within ${timeoutMs} ms`, {
      code: 'REQUEST_TIMEOUT',
    });
  }
  // The caller's own abort stays the platform's AbortError, as with fetch.
  if (error instanceof Error && error.name === 'AbortError') return error;
  return new OrderClientError('Order details request failed: the server could not be reached', {
    code: 'NETWORK_ERROR',
    cause: error,
  });
}

/** @internal A 2xx answer that is not the order-details wire shape. */
export function invalidResponseError(status: number, reason: string, cause: unknown): OrderClientError {
  return new OrderClientError(`Order details response is not the expected shape (${reason})`, {
    code: 'INVALID_RESPONSE',
    status,
    cause,
  });
}
