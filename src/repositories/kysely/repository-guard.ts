import { isPaymentSyncError } from '../../errors/payment-sync-error';
import { RepositoryError } from '../../errors/repository-error';

/**
 * @internal Database failures leave as `RepositoryError`s with the driver's error as `cause`; nothing is
 * swallowed, and an error that already is a `PaymentSyncError` passes unchanged.
 */
export async function guard<T>(method: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isPaymentSyncError(error)) throw error;
    throw new RepositoryError(`Kysely OrderRepository.${method} failed`, { cause: error });
  }
}
