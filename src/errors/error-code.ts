/**
 * Every error code the server side of phonepe-order-sync produces: the closed set a `switch` over
 * {@link PaymentSyncError.code | code} and the HTTP status table (`HTTP_STATUS_BY_CODE`, typed
 * `Record<ErrorCode, number>`) are checked against, so a new code cannot ship without its status.
 *
 * Thrown codes, each the `code` of one error class:
 * - `INVALID_ORDER_ID` (`InvalidOrderIdError`), `ORDER_NOT_FOUND` (`OrderNotFoundError`),
 *   `REPOSITORY_ERROR` (`RepositoryError`), `SCHEMA_MISMATCH` (`SchemaMismatchError`),
 *   `WEBHOOK_UNAUTHORIZED` (`WebhookAuthError`),
 *   `WEBHOOK_INVALID_PAYLOAD` (`WebhookPayloadError`);
 * - `GATEWAY_ERROR` (`GatewayError`), `GATEWAY_TIMEOUT`, `GATEWAY_BAD_RESPONSE`,
 *   `GATEWAY_UNKNOWN_STATE`, `GATEWAY_AUTH_FAILED`, `GATEWAY_RATE_LIMITED`, `GATEWAY_ORDER_NOT_FOUND`
 *   (its subclasses, named alike).
 *
 * Wire codes, which only HTTP answers carry (no error is thrown with them):
 * - `PAYLOAD_TOO_LARGE` (413): a webhook body over `maxBodyBytes`;
 * - `WEBHOOK_NOT_CONFIRMED` (503): PhonePe's status API could not confirm a webhook now;
 * - `INTERNAL_ERROR` (500): any error that is not the package's own, with a generic message.
 *
 * The browser client's own codes (`HTTP_ERROR`, `NETWORK_ERROR`, ...) are not server codes: see
 * `OrderClientErrorCode` in `phonepe-order-sync/client`.
 *
 * @example
 * ```ts
 * function retryable(code: ErrorCode): boolean {
 *   return code === 'REPOSITORY_ERROR' || code === 'WEBHOOK_NOT_CONFIRMED';
 * }
 * ```
 */
export type ErrorCode =
  | 'INVALID_ORDER_ID'
  | 'ORDER_NOT_FOUND'
  | 'REPOSITORY_ERROR'
  | 'SCHEMA_MISMATCH'
  | 'WEBHOOK_UNAUTHORIZED'
  | 'WEBHOOK_INVALID_PAYLOAD'
  | 'GATEWAY_ERROR'
  | 'GATEWAY_TIMEOUT'
  | 'GATEWAY_BAD_RESPONSE'
  | 'GATEWAY_UNKNOWN_STATE'
  | 'GATEWAY_AUTH_FAILED'
  | 'GATEWAY_RATE_LIMITED'
  | 'GATEWAY_ORDER_NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'WEBHOOK_NOT_CONFIRMED'
  | 'INTERNAL_ERROR';
