import {
  GatewayAuthError,
  GatewayError,
  GatewayOrderNotFoundError,
  GatewayRateLimitError,
  GatewayResponseError,
} from '../errors/index';

/** @internal One PhonePe answer as the gateways read it: status, headers and the body read whole. */
export interface PhonePeAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** @internal The JSON body of a 2xx answer, or a `GatewayResponseError` saying why there is none. */
export function parseJsonBody(answer: PhonePeAnswer, what: string): unknown {
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
export function errorCodeOf(answer: PhonePeAnswer): { code?: string; message?: string } {
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
 * @internal The typed error for a non-2xx answer: 429 `GatewayRateLimitError` (with `retryAfterMs`),
 * 5xx `GatewayError`, 401/403 `GatewayAuthError`, `INVALID_MERCHANT_ORDER_ID` (400 or 404)
 * `GatewayOrderNotFoundError`, any other `GatewayResponseError`. Only PhonePe's code and message (both
 * cut short) reach the message, never a header or a request body.
 */
export function httpError(answer: PhonePeAnswer, what: string): GatewayError {
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
    return new GatewayRateLimitError(`PhonePe ${what} rate-limited the request (HTTP 429${detail})`, {
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status >= 500) {
    return new GatewayError(`PhonePe ${what} failed (HTTP ${status}${detail})`, { status });
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

function looksLikeHtml(answer: PhonePeAnswer): boolean {
  return /html/i.test(answer.headers.get('content-type') ?? '') || /^\s*</.test(answer.text);
}
