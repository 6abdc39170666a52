import { isPaymentSyncError } from './payment-sync-error';
import { RepositoryError } from './repository-error';

/**
 * @internal Runs one repository call; whatever it throws leaves as a `RepositoryError` named
 * `${label} failed`, with the original as `cause` (one error type per port, nothing swallowed). An error
 * that already carries `REPOSITORY_ERROR` passes unchanged, so a repository that wraps its own failures
 * (the Kysely one) is not wrapped twice by the core.
 *
 * @example
 * ```ts
 * const found = await withRepositoryErrors('OrderRepository.findOrderPayment', () => repository.findOrderPayment('123'));
 * ```
 */
export async function withRepositoryErrors<T>(label: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isPaymentSyncError(error) && error.code === 'REPOSITORY_ERROR') throw error;
    throw new RepositoryError(`${label} failed`, { cause: error });
  }
}
