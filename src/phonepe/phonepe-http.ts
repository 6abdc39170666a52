import ky, { isHTTPError, type KyInstance, type Options } from 'ky';
import type { RateLimiter } from '../core/rate-limiter';
import { GatewayError, isPaymentSyncError } from '../errors/index';
import { accessTokenHooks } from './access-token-hooks';
import { type CallBudget, startCallBudget } from './call-budget';
import type { OAuthTokenCache } from './oauth-token-cache';
import type { PhonePeAnswer } from './phonepe-answer';
import type { PhonePeCall } from './phonepe-call';
import { rateLimitHooks } from './rate-limit-hooks';
import { mayRetry, type ResolvedRetry, retryWithinBudget } from './retry-policy';

/** Not a ky or RequestInit option name, so ky hands it to `fetch` as is (see {@link createPhonePeHttp}). */
const BUDGET_SIGNAL = 'phonePeBudgetSignal';

/** The `fetch` a gateway may be given (tests, proxies, instrumentation). */
export type PhonePeFetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** @internal One request to PhonePe (named apart from `http/`'s framework-neutral `HttpRequest`). */
export interface PhonePeRequest {
  url: string;
  method: 'GET' | 'POST';
  /** Headers of this request only; those every request of a kind sends belong to its `client`. */
  headers?: Record<string, string>;
  body?: string;
}

/** @internal */
export interface PhonePeHttp {
  /**
   * A ky instance for one kind of request: its fixed headers, and, when given, the OAuth token on every
   * attempt (replaced once on a 401) and the rate limit on every attempt (paused by a 429).
   */
  client(options: {
    headers: Record<string, string>;
    tokens?: OAuthTokenCache;
    rateLimit?: RateLimiter | undefined;
  }): KyInstance;
  /**
   * One call through `client`: every attempt inside one budget of the gateway's `timeoutMs`, cut short
   * by `callerSignal`. Resolves with the final answer, whatever its status (the gateway reads it: a 429
   * or 5xx is one the retries could not get past). Rejects with a `GatewayError` when PhonePe could not
   * be reached, a `GatewayTimeoutError` when the budget ended, or a hook's own `GatewayError` (the token).
   */
  send(client: KyInstance, request: PhonePeRequest, callerSignal?: AbortSignal): Promise<PhonePeAnswer>;
}

/**
 * @internal The HTTP side of a PhonePe gateway, on ky. ky retries (the policy in `retry-policy.ts`) and
 * ky's hooks carry the token and the rate limit. ky's per-attempt `timeout` stays off: one budget bounds
 * the attempts and back-offs together.
 *
 * The budget's signal reaches `fetch` beside ky's `signal` option, as an option ky does not know (ky hands
 * those to `fetch` untouched, as it does undici's `dispatcher`). Given as `signal`, ky would merge it
 * with its own controller's through `AbortSignal.any` on every request: on Node 20 that cost a status call
 * about 13% more client CPU and the sequential status bench about a tenth of its throughput against
 * PhonePe's SDK (figures in the transport's commit and CHANGELOG). Nothing else of ky needs the signal:
 * hooks find it in `context`, and the back-off waits on it in `shouldRetry`.
 */
export function createPhonePeHttp(options: {
  fetch: PhonePeFetch | undefined;
  timeoutMs: number;
  retry: ResolvedRetry;
}): PhonePeHttp {
  const { timeoutMs, retry } = options;
  const injected = options.fetch;
  const base = ky.create({
    timeout: false,
    // `limit` retries and the one resend after a 401; the token POST is retried like the status GETs.
    retry: { limit: retry.limit + 1, methods: ['get', 'post'] },
    throwHttpErrors: mayRetry,
    fetch: (input, init) => {
      const { [BUDGET_SIGNAL]: signal, ...rest } = (init ?? {}) as RequestInit & {
        [BUDGET_SIGNAL]?: AbortSignal;
      };
      // globalThis.fetch is read per request, never captured: msw (and other interceptors) patch it later.
      return (injected ?? globalThis.fetch)(input, signal ? { ...rest, signal } : rest);
    },
  });

  function client({
    headers,
    tokens,
    rateLimit,
  }: {
    headers: Record<string, string>;
    tokens?: OAuthTokenCache;
    rateLimit?: RateLimiter | undefined;
  }): KyInstance {
    const token = tokens ? accessTokenHooks(tokens) : undefined;
    const paced = rateLimit ? rateLimitHooks(rateLimit) : undefined;
    return base.extend({
      headers,
      hooks: {
        // The token before the turn: a request waiting for a token holds no rate-limit slot.
        beforeRequest: [...(token?.beforeRequest ?? []), ...(paced?.beforeRequest ?? [])],
        beforeRetry: token?.beforeRetry ?? [],
        beforeError: paced?.beforeError ?? [],
      },
    });
  }

  async function send(
    instance: KyInstance,
    request: PhonePeRequest,
    callerSignal?: AbortSignal,
  ): Promise<PhonePeAnswer> {
    const budget = startCallBudget(timeoutMs, callerSignal);
    const call: PhonePeCall = { signal: budget.signal };
    try {
      const init: Options & { [BUDGET_SIGNAL]: AbortSignal } = {
        method: request.method,
        context: { phonePe: call },
        retry: retryWithinBudget(retry, budget, call),
        [BUDGET_SIGNAL]: budget.signal,
      };
      if (request.headers) init.headers = request.headers;
      if (request.body !== undefined) init.body = request.body;
      let response: Response;
      try {
        response = await instance(request.url, init);
      } catch (error) {
        // What ky threw after its last try: the answer is still the gateway's to read.
        if (!isHTTPError(error) || budget.signal.aborted) throw error;
        response = error.response;
      }
      return { status: response.status, headers: response.headers, text: await response.text() };
    } catch (error) {
      throw failureOf(error, budget);
    } finally {
      budget.end();
    }
  }

  return { client, send };
}

/**
 * The typed error for what ky threw instead of an answer. A ky `HTTPError` never travels on as a
 * `cause`: it holds the request's options, and the token request's body is the client secret.
 */
function failureOf(error: unknown, budget: CallBudget): Error {
  if (budget.signal.aborted) return budget.expired(isHTTPError(error) ? undefined : error);
  if (isPaymentSyncError(error)) return error;
  return new GatewayError('Could not reach PhonePe (network error)', { cause: error });
}
