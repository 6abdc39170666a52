import { InvalidOrderIdError } from '../errors/index';

const MERCHANT_ORDER_ID = /^[A-Za-z0-9_-]{1,63}$/;

/**
 * @internal Checks a merchant order id against PhonePe's rule (1–63 of `[A-Za-z0-9_-]`) and returns it
 * URL-encoded for a path segment. Encoding is redundant for a valid id, and kept so that a future
 * relaxation of the rule can never put a `/` or `?` into the path.
 * @throws InvalidOrderIdError before any request is made.
 */
export function encodeMerchantOrderId(merchantOrderId: unknown): string {
  if (typeof merchantOrderId !== 'string' || !MERCHANT_ORDER_ID.test(merchantOrderId)) {
    const shown =
      typeof merchantOrderId === 'string'
        ? JSON.stringify(merchantOrderId.slice(0, 80))
        : typeof merchantOrderId;
    throw new InvalidOrderIdError(
      `PhonePe merchant order id must be 1-63 characters of [A-Za-z0-9_-], got ${shown}`,
    );
  }
  return encodeURIComponent(merchantOrderId);
}
