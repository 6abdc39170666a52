import { hasErrorKind, PaymentSyncError, type PaymentSyncErrorOptions } from './payment-sync-error';

/** Options of {@link OrderClientError}. */
export interface OrderClientErrorOptions extends PaymentSyncErrorOptions {
  /** Stable code: the server's `error.code` when it sent one, else one of the client's own. @default 'HTTP_ERROR' */
  code?: string;
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
export class OrderClientError extends PaymentSyncError {
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
