import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/errors/gateway-error';
import { isRepositoryError, RepositoryError } from '../../../src/errors/repository-error';
import { withRepositoryErrors } from '../../../src/errors/with-repository-errors';

describe('withRepositoryErrors', () => {
  it('returns what the call resolves with', async () => {
    await expect(withRepositoryErrors('OrderRepository.findOrderPayment', async () => 42)).resolves.toBe(42);
  });

  it('wraps a failure as a RepositoryError named after the call, with the original as cause', async () => {
    const driver = Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
    const error = await withRepositoryErrors('Kysely OrderRepository.listPendingOrders', () =>
      Promise.reject(driver),
    ).catch((e: unknown) => e);
    expect(isRepositoryError(error)).toBe(true);
    expect((error as Error).message).toBe('Kysely OrderRepository.listPendingOrders failed');
    expect((error as Error).cause).toBe(driver);
  });

  it('wraps a synchronous throw and another port error alike', async () => {
    const thrown = await withRepositoryErrors('OrderRepository.findOrderPayment', () => {
      throw new TypeError('not a function');
    }).catch((e: unknown) => e);
    expect(isRepositoryError(thrown)).toBe(true);
    const gateway = new GatewayError('wrong port');
    const wrapped = await withRepositoryErrors('OrderRepository.findOrderPayment', () =>
      Promise.reject(gateway),
    ).catch((e: unknown) => e);
    expect(isRepositoryError(wrapped)).toBe(true);
    expect((wrapped as Error).cause).toBe(gateway);
  });

  it('passes a RepositoryError on unchanged: wrapped once, never twice', async () => {
    const inner = new RepositoryError('Kysely OrderRepository.findOrderPayment failed');
    const error = await withRepositoryErrors('OrderRepository.findOrderPayment', () =>
      Promise.reject(inner),
    ).catch((e: unknown) => e);
    expect(error).toBe(inner);
  });
});
