import { describe, expect, it } from 'vitest';
import * as errors from '../../../src/errors/index';

describe('OrderClientError', () => {
  it('has its name, a default code, the status, and only its own guards', () => {
    const error = new errors.OrderClientError('HTTP 502', { status: 502 });
    expect([error.name, error.code, error.status]).toEqual(['OrderClientError', 'HTTP_ERROR', 502]);
    expect(error).toBeInstanceOf(errors.PaymentSyncError);
    const guards = Object.entries(errors).filter(([name]) => name.startsWith('is')) as Array<
      [string, (e: unknown) => boolean]
    >;
    expect(guards.filter(([, guard]) => guard(error)).map(([name]) => name)).toEqual([
      'isOrderClientError',
      'isPaymentSyncError',
    ]);
  });

  it("carries the server's code and a cause", () => {
    const cause = new TypeError('fetch failed');
    const error = new errors.OrderClientError('down', { code: 'REPOSITORY_ERROR', status: 503, cause });
    expect([error.code, error.status, error.cause]).toEqual(['REPOSITORY_ERROR', 503, cause]);
    expect(errors.isOrderClientError(new errors.RepositoryError('x'))).toBe(false);
  });
});
