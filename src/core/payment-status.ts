/**
 * A payment's state. `COMPLETED` and `FAILED` are terminal: once stored, the library never changes
 * them again, whatever a later webhook or status check says.
 */
export type PaymentStatus = 'PENDING' | 'COMPLETED' | 'FAILED';

/** Every {@link PaymentStatus}, in a stable order. */
export const PAYMENT_STATUSES: readonly PaymentStatus[] = Object.freeze(['PENDING', 'COMPLETED', 'FAILED']);

/** True for `COMPLETED` and `FAILED`: states that never change again. */
export function isTerminalPaymentStatus(status: PaymentStatus): status is 'COMPLETED' | 'FAILED' {
  return status === 'COMPLETED' || status === 'FAILED';
}

/** True when `value` is one of the three {@link PaymentStatus} strings. */
export function isPaymentStatus(value: unknown): value is PaymentStatus {
  return value === 'PENDING' || value === 'COMPLETED' || value === 'FAILED';
}
