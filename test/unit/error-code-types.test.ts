// Type tests: `npx tsc -p .` checks them (tsconfig includes test/); vitest runs them as no-ops.
import { describe, expectTypeOf, it } from 'vitest';
import { isOrderClientError, OrderClientError, type OrderClientErrorCode } from '../../src/client/index';
import { errorResponse, HTTP_STATUS_BY_CODE } from '../../src/http/error-status';
import {
  type ErrorCode,
  GatewayError,
  type GatewayErrorOptions,
  GatewayTimeoutError,
  isPaymentSyncError,
  type OrderNotFoundError,
  PaymentSyncError,
  type RepositoryError,
} from '../../src/index';

describe('ErrorCode (types)', () => {
  it('is the code of PaymentSyncError and of its subclasses', () => {
    expectTypeOf<PaymentSyncError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<RepositoryError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<GatewayTimeoutError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<OrderNotFoundError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<'ORDER_NOT_FOUND'>().toExtend<ErrorCode>();
    expectTypeOf<'PAYLOAD_TOO_LARGE'>().toExtend<ErrorCode>();
    expectTypeOf<'SOMETHING_NEW'>().not.toExtend<ErrorCode>();
    // The client's own codes are not server codes.
    expectTypeOf<OrderClientErrorCode>().not.toExtend<ErrorCode>();
  });

  it('keys the HTTP table, which the compiler proves complete', () => {
    expectTypeOf(HTTP_STATUS_BY_CODE).toEqualTypeOf<Readonly<Record<ErrorCode, number>>>();
    // A table missing a code does not type-check.
    // @ts-expect-error
    const missing: Record<ErrorCode, number> = { ORDER_NOT_FOUND: 404 };
    void missing;
    // Nor one with a made-up code.
    const extra: Record<ErrorCode, number> = {
      ...HTTP_STATUS_BY_CODE,
      // @ts-expect-error
      SOMETHING_NEW: 500,
    };
    void extra;
    expectTypeOf(errorResponse).parameter(0).toEqualTypeOf<ErrorCode>();
  });

  it('refuses a made-up code wherever one is given', () => {
    // @ts-expect-error
    errorResponse('SOMETHING_NEW', 'x');
    // @ts-expect-error
    new PaymentSyncError('x', 'SOMETHING_NEW');
    // @ts-expect-error
    const code: ErrorCode = 'SOMETHING_NEW';
    void code;
    // No gateway class takes its code from the caller.
    expectTypeOf<GatewayErrorOptions>().not.toHaveProperty('code');
    // @ts-expect-error
    new GatewayError('x', { code: 'ORDER_NOT_FOUND' });
    expectTypeOf(GatewayTimeoutError.code).toEqualTypeOf<ErrorCode>();
  });

  it('narrows the guard: an OrderClientError may relay a foreign code, the others carry an ErrorCode', () => {
    const error: unknown = new OrderClientError('x', { code: 'UNAUTHORIZED', status: 401 });
    if (isPaymentSyncError(error)) {
      expectTypeOf(error.code).toExtend<string>();
      if (!isOrderClientError(error)) expectTypeOf(error.code).toEqualTypeOf<ErrorCode>();
    }
    expectTypeOf<OrderClientError['code']>().toExtend<string>();
    expectTypeOf<OrderClientErrorCode | ErrorCode>().toExtend<OrderClientError['code']>();
  });
});
