import { type HTTPError, isHTTPError, type RetryOptions } from 'ky';
import { abortableSleep } from '../core/abortable-sleep';
import { isPaymentSyncError } from '../errors/index';
import type { CallBudget } from './call-budget';
import { parseRetryAfter } from './phonepe-answer';
import type { PhonePeCall } from './phonepe-call';

/** How a PhonePe gateway retries 429, 5xx and network failures (never 400s, never past the time budget). */
export interface PhonePeRetryOptions {
  /** Retries after the first attempt. `0` disables retrying. @default 2 */
  limit?: number;
  /** Back-off before the first retry; doubled each time, with jitter. @default 100 */
  baseDelayMs?: number;
  /** Upper bound of one back-off. @default 2000 */
  maxDelayMs?: number;
}

/** @internal */
export interface ResolvedRetry {
  limit: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** @internal */
export const DEFAULT_RETRY: ResolvedRetry = Object.freeze({ limit: 2, baseDelayMs: 100, maxDelayMs: 2000 });

/**
 * @internal The answers ky throws, so that `shouldRetry` is asked about them: 429 and 5xx (retried with
 * back-off) and 401 (sent again once with a new token). Every other answer is final.
 */
export function mayRetry(status: number): boolean {
  return status === 401 || status === 429 || status >= 500;
}

/**
 * @internal Exponential back-off with "equal jitter": half the step is fixed, half random, so that
 * concurrent callers hit by one outage do not come back in lockstep.
 */
export function backoffDelay(retry: ResolvedRetry, retryNumber: number, random: () => number): number {
  const step = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** retryNumber);
  return step / 2 + random() * (step / 2);
}

/**
 * @internal ky's `retry` for one call. ky runs the loop: it counts the attempts (at most `limit` retries
 * plus the one resend after a 401, set on the gateway's ky instance) and runs the hooks before each. Before
 * each retry it asks `shouldRetry`, which answers with PhonePe's rules:
 * - a 401 to a request that carried a token is sent again once per call, at once, with a new token (the
 *   token hooks' `beforeRetry` replaces it); it is not one of the call's retries;
 * - a 429, a 5xx or a network failure is retried up to `limit` times with back-off, at least the 429's
 *   `Retry-After`; a back-off that would end past the budget is not started, so the call reports the
 *   real failure at once instead of a timeout later;
 * - a failure raised by a hook (a token PhonePe refused, a token fetch already retried under its own
 *   budget) or an aborted budget is final.
 * The back-off is waited here, on the budget's signal, and ky's own wait is zero: ky waits on the
 * request's `signal` only, and the budget does not reach ky as one (see `createPhonePeHttp`), so ky's
 * wait would outlast a caller that gave up.
 */
export function retryWithinBudget(
  retry: ResolvedRetry,
  budget: CallBudget,
  call: PhonePeCall,
  random: () => number = Math.random,
): RetryOptions {
  return {
    async shouldRetry({ error, retryCount }) {
      if (budget.signal.aborted || isPaymentSyncError(error)) return false;
      const status = isHTTPError(error) ? error.response.status : undefined;
      let wait = 0;
      if (status === 401) {
        if (call.refreshed || call.token === undefined) return false;
        call.refreshed = true;
      } else {
        if (status !== undefined && !mayRetry(status)) return false;
        // ky's count includes the resend after a 401; the back-off and the limit count only retries.
        const retriesBefore = retryCount - 1 - (call.refreshed ? 1 : 0);
        if (retriesBefore >= retry.limit) return false;
        wait = backoffDelay(retry, retriesBefore, random);
        const retryAfterMs =
          status === 429
            ? parseRetryAfter((error as HTTPError).response.headers.get('retry-after'))
            : undefined;
        if (retryAfterMs !== undefined) wait = Math.max(wait, retryAfterMs);
        if (Date.now() + wait >= budget.deadline) return false;
      }
      // The failed answer's body is not needed: release its connection now rather than at GC.
      if (isHTTPError(error)) void error.response.body?.cancel().catch(() => {});
      // Rejects when the budget ends first: ky then rejects with that, and the call reports a timeout.
      if (wait > 0) await abortableSleep(wait, budget.signal, { unref: true });
      return true;
    },
    delay: () => 0,
  };
}
