// Type tests, checked by `tsc -p .` (`npm run typecheck`, part of `npm test`); nothing here runs.
import { describe, expectTypeOf, it } from 'vitest';
import { isOrderClientError, type OrderClientError } from '../../src/client/index';
import {
  type ErrorCode,
  type GatewayAuthError,
  type GatewayError,
  type GatewayOrderNotFoundError,
  type GatewayRateLimitError,
  type GatewayResponseError,
  type GatewayTimeoutError,
  type InvalidOrderIdError,
  isGatewayAuthError,
  isGatewayError,
  isGatewayOrderNotFoundError,
  isGatewayRateLimitError,
  isGatewayResponseError,
  isGatewayTimeoutError,
  isInvalidOrderIdError,
  isOrderNotFoundError,
  isPaymentSyncError,
  isRepositoryError,
  isWebhookAuthError,
  isWebhookPayloadError,
  type OrderNotFoundError,
  type PaymentSyncError,
  type RepositoryError,
  type WebhookAuthError,
  type WebhookPayloadError,
} from '../../src/index';

declare const caught: unknown;

describe('error guards', () => {
  it('take anything a catch clause holds', () => {
    expectTypeOf(isGatewayError).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(isPaymentSyncError).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(isRepositoryError).parameter(0).toEqualTypeOf<unknown>();
  });

  it('narrow to their class', () => {
    if (isGatewayError(caught)) {
      expectTypeOf(caught).toEqualTypeOf<GatewayError>();
      expectTypeOf(caught.status).toEqualTypeOf<number | undefined>();
      expectTypeOf(caught.code).toEqualTypeOf<ErrorCode>();
    }
    if (isGatewayRateLimitError(caught)) {
      expectTypeOf(caught).toEqualTypeOf<GatewayRateLimitError>();
      expectTypeOf(caught.retryAfterMs).toEqualTypeOf<number | undefined>();
    }
    if (isGatewayTimeoutError(caught)) expectTypeOf(caught).toEqualTypeOf<GatewayTimeoutError>();
    if (isGatewayAuthError(caught)) expectTypeOf(caught).toEqualTypeOf<GatewayAuthError>();
    if (isGatewayResponseError(caught)) expectTypeOf(caught).toEqualTypeOf<GatewayResponseError>();
    if (isGatewayOrderNotFoundError(caught)) expectTypeOf(caught).toEqualTypeOf<GatewayOrderNotFoundError>();
    if (isOrderNotFoundError(caught)) expectTypeOf(caught).toEqualTypeOf<OrderNotFoundError>();
    if (isInvalidOrderIdError(caught)) expectTypeOf(caught).toEqualTypeOf<InvalidOrderIdError>();
    if (isRepositoryError(caught)) expectTypeOf(caught).toEqualTypeOf<RepositoryError>();
    if (isWebhookAuthError(caught)) expectTypeOf(caught).toEqualTypeOf<WebhookAuthError>();
    if (isWebhookPayloadError(caught)) expectTypeOf(caught).toEqualTypeOf<WebhookPayloadError>();
    if (isOrderClientError(caught)) expectTypeOf(caught).toEqualTypeOf<OrderClientError>();
  });

  it('narrow nothing in the other branch', () => {
    if (!isGatewayError(caught)) expectTypeOf(caught).toEqualTypeOf<unknown>();
  });

  it('give every subclass the base class members', () => {
    if (isGatewayTimeoutError(caught)) {
      expectTypeOf(caught).toExtend<GatewayError>();
      expectTypeOf(caught).toExtend<PaymentSyncError>();
      expectTypeOf(caught).toExtend<Error>();
    }
  });

  it('narrow code to ErrorCode once the client error is ruled out', () => {
    if (isPaymentSyncError(caught)) {
      expectTypeOf(caught).toEqualTypeOf<PaymentSyncError | OrderClientError>();
      expectTypeOf(caught.code).toExtend<string>();
      expectTypeOf(caught.code).not.toEqualTypeOf<ErrorCode>();
      if (!isOrderClientError(caught)) expectTypeOf(caught.code).toEqualTypeOf<ErrorCode>();
    }
  });

  it('do not pretend an unrelated error is theirs', () => {
    const error = new TypeError('x');
    expectTypeOf(error).not.toExtend<PaymentSyncError>();
    // @ts-expect-error a TypeError has no code
    void error.code;
  });
});
