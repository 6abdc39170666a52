import { describe, expect, it } from 'vitest';
import * as errors from '../../src/errors/index';
import { HTTP_STATUS_BY_CODE } from '../../src/http/error-status';

const cases: Array<[string, () => errors.PaymentSyncError, errors.ErrorCode, string[]]> = [
  ['RepositoryError', () => new errors.RepositoryError('x'), 'REPOSITORY_ERROR', ['isRepositoryError']],
  [
    'WebhookAuthError',
    () => new errors.WebhookAuthError('x'),
    'WEBHOOK_UNAUTHORIZED',
    ['isWebhookAuthError'],
  ],
  [
    'WebhookPayloadError',
    () => new errors.WebhookPayloadError('x'),
    'WEBHOOK_INVALID_PAYLOAD',
    ['isWebhookPayloadError'],
  ],
  ['OrderNotFoundError', () => new errors.OrderNotFoundError(7), 'ORDER_NOT_FOUND', ['isOrderNotFoundError']],
  [
    'InvalidOrderIdError',
    () => new errors.InvalidOrderIdError('x'),
    'INVALID_ORDER_ID',
    ['isInvalidOrderIdError'],
  ],
  [
    'SchemaMismatchError',
    () => new errors.SchemaMismatchError('x', { missingTables: [], missingColumns: ['orders.amount'] }),
    'SCHEMA_MISMATCH',
    ['isSchemaMismatchError'],
  ],
  ['GatewayError', () => new errors.GatewayError('x'), 'GATEWAY_ERROR', ['isGatewayError']],
  [
    'GatewayTimeoutError',
    () => new errors.GatewayTimeoutError('x'),
    'GATEWAY_TIMEOUT',
    ['isGatewayError', 'isGatewayTimeoutError'],
  ],
  [
    'GatewayResponseError',
    () => new errors.GatewayResponseError('x', { status: 502 }),
    'GATEWAY_BAD_RESPONSE',
    ['isGatewayError', 'isGatewayResponseError'],
  ],
  [
    'GatewayAuthError',
    () => new errors.GatewayAuthError('x'),
    'GATEWAY_AUTH_FAILED',
    ['isGatewayError', 'isGatewayAuthError'],
  ],
  [
    'GatewayRateLimitError',
    () => new errors.GatewayRateLimitError('x', { retryAfterMs: 2000 }),
    'GATEWAY_RATE_LIMITED',
    ['isGatewayError', 'isGatewayRateLimitError'],
  ],
  [
    'GatewayOrderNotFoundError',
    () => new errors.GatewayOrderNotFoundError('x'),
    'GATEWAY_ORDER_NOT_FOUND',
    ['isGatewayError', 'isGatewayOrderNotFoundError'],
  ],
  [
    'GatewayUnknownStateError',
    () => new errors.GatewayUnknownStateError('x', { status: 200, state: 'AUTHORIZED' }),
    'GATEWAY_UNKNOWN_STATE',
    ['isGatewayError', 'isGatewayResponseError', 'isGatewayUnknownStateError'],
  ],
];
const guards = Object.keys(errors).filter((k) => k.startsWith('is') && k !== 'isPaymentSyncError');

describe('errors', () => {
  it.each(cases)(
    '%s has its name, stable code, and exactly its own guards',
    (name, make, code, ownGuards) => {
      const error = make();
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(errors.PaymentSyncError);
      expect(error.name).toBe(name);
      expect(error.code).toBe(code);
      expect(errors.isPaymentSyncError(error)).toBe(true);
      // Every code has its row in the one HTTP table.
      expect([code, typeof HTTP_STATUS_BY_CODE[code]]).toEqual([code, 'number']);
      for (const guard of guards) {
        const fn = (errors as unknown as Record<string, (e: unknown) => boolean>)[guard]!;
        expect([guard, fn(error)]).toEqual([guard, ownGuards.includes(guard)]);
      }
    },
  );

  it.each(cases)('%s has its code in the HTTP status table', (_name, make) => {
    expect(HTTP_STATUS_BY_CODE[make().code]).toEqual(expect.any(Number));
  });

  it('keeps the cause and extra fields', () => {
    const cause = new Error('ECONNRESET');
    const e = new errors.GatewayRateLimitError('slow down', { cause, retryAfterMs: 1500 });
    expect(e.cause).toBe(cause);
    expect(e.retryAfterMs).toBe(1500);
    expect(e.status).toBe(429);
    expect(new errors.OrderNotFoundError(12).orderId).toBe('12');
  });

  it('guards recognise an error from another copy of the package (no shared prototype)', () => {
    const foreign = Object.assign(new Error('from a second install'), { code: 'GATEWAY_TIMEOUT' });
    expect(errors.isGatewayTimeoutError(foreign)).toBe(false);
    Object.defineProperty(foreign, Symbol.for('phonepe-order-sync.error-kinds'), {
      value: ['GatewayTimeoutError', 'GatewayError', 'PaymentSyncError'],
    });
    expect(errors.isGatewayTimeoutError(foreign)).toBe(true);
    expect(errors.isGatewayError(foreign)).toBe(true);
    expect(errors.isRepositoryError(foreign)).toBe(false);
    for (const value of [null, undefined, 'GatewayError', 42, {}])
      expect(errors.isPaymentSyncError(value)).toBe(false);
  });
});
