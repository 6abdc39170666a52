import { abortableSleep } from '../../core/abortable-sleep';
import { errorJson, json, unauthorized } from './responses';
import type { SimulatorEndpoint } from './route';
import type { SimulatorResponse } from './wire';

/** A fault to inject into the next matching request(s). */
export type PhonePeSimulatorFault =
  /** Answer only after `ms` (stacks with one other fault). */
  | { type: 'latency'; ms: number }
  /** Answer with this HTTP status and a PhonePe-style error body (e.g. 500, 502, 503). */
  | { type: 'http-error'; status: number; code?: string }
  /** 429, with `Retry-After` when `retryAfterSeconds` is given. */
  | { type: 'rate-limit'; retryAfterSeconds?: number }
  /** 401 whatever the token (as when PhonePe revoked it). */
  | { type: 'unauthorized' }
  /** 200 with a body that is not JSON. */
  | { type: 'malformed' }
  /** 502 with an HTML page, as a proxy in front of PhonePe answers. */
  | { type: 'html' }
  /**
   * 200 with the order's real status answer, these top-level fields replaced: a state the library does
   * not know (`{ state: 'AUTHORIZED' }`), `null`s or odd types (`{ paymentDetails: null, amount: '100' }`).
   * Status endpoint only; an order the simulator does not know is answered as usual.
   */
  | { type: 'override'; fields: Record<string, unknown> }
  /** Close the connection without an answer. */
  | { type: 'drop' };

/** Where and how often a fault applies. */
export interface FaultScope {
  /** @default 'status' */
  endpoint?: SimulatorEndpoint | 'any';
  /** How many matching requests it hits. @default 1 */
  times?: number;
  /** Matching requests to let through untouched first (e.g. fail only the retry). @default 0 */
  skip?: number;
}

// What each fault does, in one place. `latency` delays whatever answer follows; `override` changes the
// real answer; every other fault replaces the answer before the request is looked at.

/** Waits out an injected latency: unref'd (it never keeps a test process alive) and cut short by `signal`. */
export function waitLatency(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return abortableSleep(ms, signal, { unref: true }).catch(() => {});
}

/** The answer a fault gives instead of the endpoint's, or `undefined` when the endpoint answers. */
export function faultAnswer(fault: PhonePeSimulatorFault): SimulatorResponse | undefined {
  switch (fault.type) {
    case 'drop':
      return { drop: true };
    case 'http-error':
      return errorJson(fault.status, fault.code ?? 'INTERNAL_SERVER_ERROR', 'Simulated failure');
    case 'rate-limit': {
      const response = errorJson(429, 'TOO_MANY_REQUESTS', 'Too many requests');
      if (!response.drop && fault.retryAfterSeconds !== undefined) {
        response.headers['retry-after'] = String(fault.retryAfterSeconds);
      }
      return response;
    }
    case 'unauthorized':
      return unauthorized();
    case 'malformed':
      return {
        drop: false,
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"state":"COMPL',
      };
    case 'html':
      return {
        drop: false,
        status: 502,
        headers: { 'content-type': 'text/html' },
        body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
      };
    case 'latency':
    case 'override':
      return undefined;
  }
}

/**
 * The endpoint's answer with an `override` fault's fields put over its top level: a status answer about
 * a known order (200) only; any other answer, or another fault, leaves it as it is.
 */
export function withOverride(
  fault: PhonePeSimulatorFault | undefined,
  endpoint: SimulatorEndpoint,
  response: SimulatorResponse,
): SimulatorResponse {
  if (fault?.type !== 'override' || endpoint !== 'status' || response.drop || response.status !== 200) {
    return response;
  }
  return json(200, Object.assign(JSON.parse(response.body) as object, fault.fields));
}
