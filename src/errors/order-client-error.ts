import type { ErrorCode } from './error-code';
import { hasErrorKind, PaymentSyncError, type PaymentSyncErrorOptions } from './payment-sync-error';

/**
 * The browser client's own codes, for failures the server sent no code for: `HTTP_ERROR` (a non-2xx
 * answer without one), `NETWORK_ERROR` (no answer), `REQUEST_TIMEOUT` (no answer within `timeoutMs`),
 * `INVALID_RESPONSE` (a 2xx body that is not the order-details wire shape). They are not in
 * {@link ErrorCode}: the server never produces them and they have no HTTP status of their own.
 */
export type OrderClientErrorCode = 'HTTP_ERROR' | 'NETWORK_ERROR' | 'REQUEST_TIMEOUT' | 'INVALID_RESPONSE';

/**
 * The `code` of an {@link OrderClientError}: one of the client's own, or the server's `error.code` as
 * sent. That is usually an {@link ErrorCode}, but the route may sit behind the app's own middleware
 * (an auth layer answering 401 `UNAUTHORIZED`), so any string is relayed unchanged.
 */
export type RelayedErrorCode = OrderClientErrorCode | ErrorCode | (string & {});

/** Options of {@link OrderClientError}. */
export interface OrderClientErrorOptions extends PaymentSyncErrorOptions {
  /** The server's `error.code` when it sent one, else one of the client's own. @default 'HTTP_ERROR' */
  code?: RelayedErrorCode;
  /** HTTP status the order-details route answered with, when it answered at all. */
  status?: number;
}

/**
 * The browser client (`phonepe-order-sync/client`) could not get an order's details. `code` is the
 * server's own `error.code` when the route sent one (`REPOSITORY_ERROR`, `UNAUTHORIZED`, ...), else
 * `HTTP_ERROR` (a non-2xx answer without a code), `NETWORK_ERROR` (no answer), `REQUEST_TIMEOUT`
 * (no answer within `timeoutMs`) or `INVALID_RESPONSE` (a 2xx body that is not the order-details wire
 * shape). A 404 `ORDER_NOT_FOUND` is an `OrderNotFoundError` and a 400 `INVALID_ORDER_ID` an
 * `InvalidOrderIdError` instead. Never contains the access token.
 */
export class OrderClientError extends PaymentSyncError<RelayedErrorCode> {
  static override readonly kind: string = 'OrderClientError';
  /** HTTP status the route answered with; `undefined` for `NETWORK_ERROR` and `REQUEST_TIMEOUT`. */
  readonly status: number | undefined;

  constructor(message: string, options: OrderClientErrorOptions = {}) {
    super(message, options.code ?? 'HTTP_ERROR', options);
    this.status = options.status;
  }
}

/** True when `error` is an {@link OrderClientError}, from any installed copy of this package. */
export function isOrderClientError(error: unknown): error is OrderClientError {
  return hasErrorKind(error, 'OrderClientError');
}
