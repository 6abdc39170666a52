import { setTimeout as sleep } from 'node:timers/promises';
import ky, { type Options } from 'ky';
import type { RateLimiter } from '../core/rate-limiter';
import {
  GatewayAuthError,
  GatewayError,
  GatewayOrderNotFoundError,
  GatewayRateLimitError,
  GatewayResponseError,
  GatewayTimeoutError,
  isGatewayRateLimitError,
} from '../errors/index';
import { backoffDelay, type ResolvedRetry } from './retry-policy';

/** The `fetch` a gateway may be given (tests, proxies, instrumentation). */
export type PhonePeFetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** @internal One HTTP exchange, body read whole. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** @internal */
export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** @internal */
export interface Transport {
  /**
   * One request, no retry. Network failures are retryable `GatewayError`s; an abort is a timeout.
   * `limited` requests (status calls, retries included) first wait for the gateway's `rateLimit`, and a
   * 429 answer pauses it (for `Retry-After`, else {@link RATE_LIMIT_PAUSE_MS}).
   */
  send(request: HttpRequest, signal: AbortSignal, limited?: boolean): Promise<HttpAnswer>;
  /**
   * Runs `attempt` under one time budget (the gateway's `timeoutMs`, cut short by `callerSignal`),
   * retrying retryable failures with back-off only while the back-off still fits in the budget.
   */
  run<T>(attempt: (signal: AbortSignal) => Promise<T>, callerSignal?: AbortSignal): Promise<T>;
}

/** @internal How long a 429 without `Retry-After` pauses the gateway's `rateLimit`, in ms. */
export const RATE_LIMIT_PAUSE_MS = 1000;

const retryable = new WeakSet<object>();
/** Not a ky or RequestInit option name, so ky forwards it to fetch as is. */
const CALL_SIGNAL = 'phonePeCallSignal';

/** @internal Marks `error` as worth another attempt (429, 5xx, network). */
export function markRetryable<E extends object>(error: E): E {
  retryable.add(error);
  return error;
}

/** @internal Makes `error` final: a failure already retried inside a nested budget (the token fetch). */
export function markFinal<E>(error: E): E {
  if (typeof error === 'object' && error !== null) retryable.delete(error);
  return error;
}

/** @internal */
export function createTransport(options: {
  fetch: PhonePeFetch | undefined;
  timeoutMs: number;
  retry: ResolvedRetry;
  rateLimit?: RateLimiter;
  random?: () => number;
}): Transport {
  const { timeoutMs, retry, rateLimit } = options;
  const random = options.random ?? Math.random;
  const injected = options.fetch;
  const http = ky.create({
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    // The call's signal travels as an option ky does not know (ky hands those to fetch untouched) and is
    // set on the fetch here: given to ky as `signal`, it would be merged with ky's own controller through
    // AbortSignal.any on every request, the largest single cost of a status call in a CPU profile.
    fetch: (input, init) => {
      const { [CALL_SIGNAL]: signal, ...rest } = (init ?? {}) as RequestInit & {
        [CALL_SIGNAL]?: AbortSignal;
      };
      // globalThis.fetch is read per request, never captured: msw (and other interceptors) patch it later.
      return (injected ?? globalThis.fetch)(input, signal ? { ...rest, signal } : rest);
    },
  });

  async function send(request: HttpRequest, signal: AbortSignal, limited = false): Promise<HttpAnswer> {
    // Rejects with the signal's reason when the budget ends while waiting: `run` reports a timeout.
    if (limited && rateLimit) await rateLimit.acquire(signal);
    try {
      const response = await http(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        [CALL_SIGNAL]: signal,
      } as Options);
      if (limited && rateLimit && response.status === 429) {
        rateLimit.pause(parseRetryAfter(response.headers.get('retry-after')) ?? RATE_LIMIT_PAUSE_MS);
      }
      return { status: response.status, headers: response.headers, text: await response.text() };
    } catch (error) {
      if (signal.aborted) throw timeoutError(timeoutMs, error);
      throw markRetryable(new GatewayError('Could not reach PhonePe (network error)', { cause: error }));
    }
  }

  async function run<T>(
    attempt: (signal: AbortSignal) => Promise<T>,
    callerSignal?: AbortSignal,
  ): Promise<T> {
    if (callerSignal?.aborted) throw timeoutError(timeoutMs, callerSignal.reason);
    // One controller per call, its timer cleared when the call ends (AbortSignal.timeout cannot be
    // cleared: under load thousands of them would sit in the timer list for timeoutMs each).
    const controller = new AbortController();
    const signal = controller.signal;
    const abort = () => controller.abort(callerSignal?.aborted ? callerSignal.reason : undefined);
    const timer = setTimeout(abort, timeoutMs);
    timer.unref?.();
    callerSignal?.addEventListener('abort', abort, { once: true });
    const deadline = Date.now() + timeoutMs;
    const budgetError = (cause: unknown) =>
      callerSignal?.aborted
        ? new GatewayTimeoutError(
            "PhonePe did not answer within the caller's time budget (its signal aborted)",
            {
              cause,
            },
          )
        : timeoutError(timeoutMs, cause);
    try {
      return await attempts(attempt, signal, deadline, budgetError);
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', abort);
    }
  }

  async function attempts<T>(
    attempt: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal,
    deadline: number,
    budgetError: (cause: unknown) => GatewayTimeoutError,
  ): Promise<T> {
    for (let retryNumber = 0; ; retryNumber++) {
      try {
        return await attempt(signal);
      } catch (error) {
        if (signal.aborted) throw error instanceof GatewayTimeoutError ? error : budgetError(error);
        if (!(typeof error === 'object' && error !== null && retryable.has(error))) throw error;
        if (retryNumber >= retry.limit) throw error;
        let delay = backoffDelay(retry, retryNumber, random);
        if (isGatewayRateLimitError(error) && error.retryAfterMs !== undefined) {
          delay = Math.max(delay, error.retryAfterMs);
        }
        // A back-off that would end past the budget cannot lead anywhere: report the real failure now.
        if (Date.now() + delay >= deadline) throw error;
        try {
          await sleep(delay, undefined, { signal, ref: false });
        } catch {
          throw budgetError(error);
        }
      }
    }
  }

  return { send, run };
}

/** @internal */
export function timeoutError(timeoutMs: number, cause: unknown): GatewayTimeoutError {
  return new GatewayTimeoutError(`PhonePe did not answer within the time budget (timeoutMs ${timeoutMs})`, {
    cause,
  });
}

/** @internal The JSON body of a 2xx answer, or a `GatewayResponseError` saying why there is none. */
export function parseJsonBody(answer: HttpAnswer, what: string): unknown {
  if (looksLikeHtml(answer)) {
    throw new GatewayResponseError(`PhonePe ${what} answered an HTML page (HTTP ${answer.status})`, {
      status: answer.status,
    });
  }
  try {
    return JSON.parse(answer.text);
  } catch (error) {
    throw new GatewayResponseError(
      `PhonePe ${what} answered a body that is not JSON (HTTP ${answer.status})`,
      {
        status: answer.status,
        cause: error,
      },
    );
  }
}

/** @internal PhonePe's `{ code, message }` error body, when there is one. */
export function errorCodeOf(answer: HttpAnswer): { code?: string; message?: string } {
  if (looksLikeHtml(answer)) return {};
  try {
    const body: unknown = JSON.parse(answer.text);
    if (typeof body !== 'object' || body === null) return {};
    const { code, errorCode, message } = body as Record<string, unknown>;
    const picked = typeof code === 'string' ? code : typeof errorCode === 'string' ? errorCode : undefined;
    return {
      ...(picked ? { code: picked.slice(0, 80) } : {}),
      ...(typeof message === 'string' ? { message: message.slice(0, 200) } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * @internal The typed error for a non-2xx answer. 401 is returned (not retried here): the caller
 * decides whether a token refresh may help.
 */
export function httpError(answer: HttpAnswer, what: string): GatewayError {
  const { status } = answer;
  const { code, message } = errorCodeOf(answer);
  const detail = `${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`;
  if (code === 'INVALID_MERCHANT_ORDER_ID' && (status === 400 || status === 404)) {
    return new GatewayOrderNotFoundError(`PhonePe has no such merchant order (HTTP ${status}${detail})`, {
      status,
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'));
    return markRetryable(
      new GatewayRateLimitError(`PhonePe ${what} rate-limited the request (HTTP 429${detail})`, {
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      }),
    );
  }
  if (status >= 500) {
    return markRetryable(new GatewayError(`PhonePe ${what} failed (HTTP ${status}${detail})`, { status }));
  }
  if (status === 401 || status === 403) {
    return new GatewayAuthError(`PhonePe ${what} rejected the credentials (HTTP ${status}${detail})`, {
      status,
    });
  }
  return new GatewayResponseError(`PhonePe ${what} answered HTTP ${status}${detail}`, { status });
}

/** @internal `Retry-After` as delta-seconds or an HTTP date, in ms; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function looksLikeHtml(answer: HttpAnswer): boolean {
  return /html/i.test(answer.headers.get('content-type') ?? '') || /^\s*</.test(answer.text);
}
