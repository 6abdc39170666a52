import type { Payment } from './order-payment';

/**
 * @internal When the payment was last checked, in epoch ms, from `additionalInfo.last_checked`; `undefined`
 * when it never was or the stored value is not a date (a user's own data can hold anything there).
 */
export function lastCheckedMs(payment: Pick<Payment, 'additionalInfo'>): number | undefined {
  return parseLastChecked(payment.additionalInfo.last_checked);
}

/** @internal Reads one stored or cursor `last_checked` value (ISO-8601) as epoch ms, `undefined` if it is none. */
export function parseLastChecked(value: unknown): number | undefined {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}
