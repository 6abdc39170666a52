import { InvalidOrderIdError } from '../index';

/** Longest order id the routes accept by default. */
export const DEFAULT_MAX_ORDER_ID_LENGTH = 64;

/** Characters an id may use unless `idPattern` says otherwise: no `/`, `\`, `%`, spaces or controls. */
const SAFE_ID = /^[A-Za-z0-9_.:-]+$/;

/** How the order routes check a route id, before the repository is touched. */
export interface OrderIdRules {
  /** @default 64 */
  maxLength?: number;
  /**
   * An extra pattern the WHOLE id must match (e.g. `/^\d+$/` for numeric primary keys). It narrows the
   * safe default character set, never widens it.
   */
  idPattern?: RegExp;
}

/**
 * Checks an order id from a URL before anything touches the repository: not empty, not longer than
 * `maxLength`, only `A-Z a-z 0-9 _ . : -`, no `..` path trick, and matching `idPattern` when given.
 * @throws InvalidOrderIdError (400 over HTTP)
 * @example
 * ```ts
 * parseOrderId('123', { idPattern: /^\d+$/ }); // '123'
 * parseOrderId('../etc'); // throws InvalidOrderIdError
 * ```
 */
export function parseOrderId(raw: unknown, rules: OrderIdRules = {}): string {
  const { maxLength = DEFAULT_MAX_ORDER_ID_LENGTH, idPattern } = rules;
  if (typeof raw !== 'string' || raw === '') throw new InvalidOrderIdError('The order id is empty');
  if (raw.length > maxLength) {
    throw new InvalidOrderIdError(`The order id is longer than ${maxLength} characters`);
  }
  if (!SAFE_ID.test(raw) || raw.includes('..') || raw === '.') {
    throw new InvalidOrderIdError('The order id contains characters that are not allowed');
  }
  if (idPattern) {
    idPattern.lastIndex = 0;
    const match = idPattern.exec(raw);
    if (match?.[0] !== raw) throw new InvalidOrderIdError('The order id does not have the expected format');
  }
  return raw;
}
