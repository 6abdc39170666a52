import type { OrderId } from '../../core/order-payment';
import type { OrderIdType } from './kysely-repository-options';

const INTEGER = /^-?\d{1,16}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * @internal The value to bind for an id that arrived as a string, or `undefined` when the string cannot
 * be an id of this table (the caller answers `null` without a query: a malformed id is an unknown order,
 * and a database cast error must not surface as a repository failure). Never throws, unlike the HTTP
 * routes' `parseOrderId`, which refuses an id before it reaches any repository.
 */
export function orderIdToBind(idType: OrderIdType, raw: string): OrderId | undefined {
  if (typeof raw !== 'string') return undefined;
  switch (idType) {
    case 'integer': {
      if (!INTEGER.test(raw)) return undefined;
      const id = Number(raw);
      return Number.isSafeInteger(id) ? id : undefined;
    }
    case 'uuid':
      return UUID.test(raw) ? raw.toLowerCase() : undefined;
    case 'string':
      return raw.length > 0 && raw.length <= 255 ? raw : undefined;
  }
}

/**
 * @internal An id read back from the database, in its domain type: drivers hand `bigint` columns back
 * as strings (pg) or bigints, but a numeric id stays a number end to end.
 */
export function readOrderId(idType: OrderIdType, value: unknown): OrderId {
  if (idType === 'integer') {
    const id = typeof value === 'number' ? value : Number(value);
    if (Number.isSafeInteger(id)) return id;
  }
  return typeof value === 'number' ? value : String(value);
}
