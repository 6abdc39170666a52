import type { SimulatorState } from './state';
import type { SimulatorRequestRecord, SimulatorResponse } from './wire';

/** Which simulated endpoint a fault or a count is about. */
export type SimulatorEndpoint = 'token' | 'status' | 'v1-status' | 'pay';

/** One simulated PhonePe endpoint: how a request is matched to it, and how it is answered. */
export interface Route<E extends SimulatorEndpoint = SimulatorEndpoint> {
  /** Its name in `counts`, in `requests` and in fault scopes. */
  readonly endpoint: E;
  readonly method: 'GET' | 'POST';
  /** Matched against the end of the path, so any base URL works; its groups are the handler's `params`. */
  readonly path: RegExp;
  /**
   * The media type PhonePe's API gateway maps the endpoint by: a request with another `Content-Type`
   * is answered "400 Api Mapping Not Found", before credentials are looked at. Unset: not checked.
   */
  readonly contentType?: string;
  /**
   * `o-bearer`: the request needs `Authorization: O-Bearer <token>` with a live token (checked before
   * `handle`, which never sees a request without one). `none`: the endpoint checks what it needs itself.
   */
  readonly auth: 'o-bearer' | 'none';
  /** Answers a request that got this far (no fault replaced the answer). Synchronous: see `handleRequest`. */
  handle(request: EndpointRequest, state: SimulatorState): EndpointAnswer;
}

/** What a route's handler gets of the request. */
export interface EndpointRequest {
  /** The path pattern's groups, as sent (still percent-encoded). */
  readonly params: readonly string[];
  readonly url: URL;
  readonly body: string;
  header(name: string): string | undefined;
}

/** A handler's answer, and what the request was about (kept in `simulator.requests`). */
export interface EndpointAnswer {
  readonly response: SimulatorResponse;
  readonly about?: Pick<SimulatorRequestRecord, 'clientId' | 'merchantOrderId'>;
}
