import type { BeforeErrorHook, BeforeRequestHook } from 'ky';
import type { RateLimiter } from '../core/rate-limiter';
import { parseRetryAfter } from './phonepe-answer';
import { phonePeCallOf } from './phonepe-call';

/** @internal How long a 429 without `Retry-After` pauses the gateway's `rateLimit`, in ms. */
export const RATE_LIMIT_PAUSE_MS = 1000;

/**
 * @internal ky hooks for a gateway's `rateLimit`: every attempt (retries included) first waits for its
 * turn, within the call's budget (the wait rejects when the budget ends, and the call reports a
 * timeout); a 429 pauses the limiter for `Retry-After`, else {@link RATE_LIMIT_PAUSE_MS}.
 */
export function rateLimitHooks(limiter: RateLimiter): {
  beforeRequest: BeforeRequestHook[];
  beforeError: BeforeErrorHook[];
} {
  return {
    beforeRequest: [(_request, options) => limiter.acquire(phonePeCallOf(options).signal)],
    // ky throws 429s (they are retried), so every one passes here, the last one included.
    beforeError: [
      (error) => {
        const { status, headers } = error.response;
        if (status === 429) limiter.pause(parseRetryAfter(headers.get('retry-after')) ?? RATE_LIMIT_PAUSE_MS);
        return error;
      },
    ],
  };
}
