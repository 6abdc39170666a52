import { GatewayTimeoutError } from '../errors/index';

/** @internal A token as fetched. */
export interface FetchedToken {
  accessToken: string;
  /** When PhonePe says it expires (`expires_at`, converted to epoch ms). */
  expiresAtMs: number;
  /** When PhonePe says it was issued (`issued_at`, epoch ms), else when it arrived. */
  issuedAtMs: number;
}

/** @internal */
export interface OAuthTokenCache {
  /** A token valid now, fetching (once, for all concurrent callers) when none is or it is due. */
  get(signal: AbortSignal): Promise<string>;
  /**
   * After a PG call answered 401 with `rejected`: one forced refresh shared by every caller that saw
   * the same token rejected; callers arriving after it finished get its result without a new fetch.
   */
  replaceRejected(rejected: string, signal: AbortSignal): Promise<string>;
}

interface Cached {
  token: string;
  refreshAtMs: number;
  expiresAtMs: number;
}

/** Tokens this close to expiry are treated as expired: they could lapse on the way to PhonePe. */
const EXPIRY_SKEW_MS = 5_000;

/**
 * @internal One gateway's token cache (never shared across gateways: tokens are per credentials).
 * The token is refreshed ahead of `expires_at` by `refreshMarginMs`, at most half its lifetime, so a
 * short-lived token is not refreshed on every call. A refresh runs without any caller's signal (one
 * caller giving up must not fail the others); each caller only stops waiting for it.
 */
export function createOAuthTokenCache(options: {
  fetchToken: () => Promise<FetchedToken>;
  now: () => number;
  refreshMarginMs: number;
}): OAuthTokenCache {
  const { fetchToken, now, refreshMarginMs } = options;
  let current: Cached | undefined;
  let inflight: Promise<string> | undefined;

  function refresh(forced: boolean): Promise<string> {
    // A forced refresh follows a 401: the old token is dead even if its clock says otherwise.
    const fallback = forced ? undefined : current;
    if (forced) current = undefined;
    const promise = fetchToken().then(
      (fetched) => {
        const lifetime = Math.max(0, fetched.expiresAtMs - fetched.issuedAtMs);
        current = {
          token: fetched.accessToken,
          expiresAtMs: fetched.expiresAtMs,
          refreshAtMs: fetched.expiresAtMs - Math.min(refreshMarginMs, lifetime / 2),
        };
        return fetched.accessToken;
      },
      (error: unknown) => {
        // Refreshing early failed: the old token may still be used, but only while it is truly valid.
        if (fallback && now() < fallback.expiresAtMs - EXPIRY_SKEW_MS) return fallback.token;
        throw error;
      },
    );
    inflight = promise;
    promise
      .finally(() => {
        if (inflight === promise) inflight = undefined;
      })
      .catch(() => {});
    return promise;
  }

  return {
    get(signal) {
      const cached = current;
      if (cached && now() < cached.refreshAtMs) return Promise.resolve(cached.token);
      return untilAborted(inflight ?? refresh(false), signal);
    },
    replaceRejected(rejected, signal) {
      if (inflight) return untilAborted(inflight, signal);
      const cached = current;
      if (cached && cached.token !== rejected && now() < cached.expiresAtMs - EXPIRY_SKEW_MS) {
        return Promise.resolve(cached.token);
      }
      return untilAborted(refresh(true), signal);
    },
  };
}

/** Waits for `promise` unless `signal` aborts first (the promise keeps running for other waiters). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abortError(signal: AbortSignal): GatewayTimeoutError {
  return new GatewayTimeoutError('PhonePe token request did not finish within the time budget', {
    cause: signal.reason,
  });
}
