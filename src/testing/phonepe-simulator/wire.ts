import type { SimulatorEndpoint } from './route';

/** A request as the simulator sees it (framework-neutral). */
export interface SimulatorRequest {
  method: string;
  /** Absolute URL, or a path with query. */
  url: string;
  headers: Headers | Record<string, string | string[] | undefined>;
  body: string;
  /** Aborts an injected latency. */
  signal?: AbortSignal;
}

/** What the simulator answers: a response, or `drop` to close the connection unanswered. */
export type SimulatorResponse =
  | { drop: false; status: number; headers: Record<string, string>; body: string }
  | { drop: true };

/** One request the simulator received (kept for assertions; the last 10,000). */
export interface SimulatorRequestRecord {
  endpoint: SimulatorEndpoint | 'unknown';
  method: string;
  path: string;
  query: string;
  merchantOrderId?: string;
  /** The client id of the token the request carried (status), or asked for (token). */
  clientId?: string;
  /** The token the request carried. */
  token?: string;
  /** `X-MERCHANT-ID`, when sent. */
  merchantIdHeader?: string;
  /** `Content-Type`, when sent. */
  contentType?: string;
  /** HTTP status answered (`0` for a dropped connection). */
  status: number;
}

/** A header of a request, whichever shape its headers come in (first value of a repeated one). */
export function readHeader(headers: SimulatorRequest['headers'], name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Whether a Content-Type header names `mediaType` (parameters such as `charset` allowed). */
export function hasMediaType(contentType: string | undefined, mediaType: string): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === mediaType;
}

/** A path segment decoded, or as it came when it is not valid percent-encoding. */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
