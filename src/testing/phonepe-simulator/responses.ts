import type { SimulatorResponse } from './wire';

/** A JSON answer. */
export function json(status: number, body: unknown): SimulatorResponse {
  return { drop: false, status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** PhonePe's error body: `{ code, message }`. */
export function errorJson(status: number, code: string, message: string): SimulatorResponse {
  return json(status, { code, message });
}

/** What PhonePe answers a request whose method, path and headers match none of its APIs. */
export function apiMappingNotFound(): SimulatorResponse {
  return errorJson(400, 'BAD_REQUEST', 'Api Mapping Not Found');
}

/** What PhonePe answers a PG call with a revoked, expired or unknown token. */
export function unauthorized(): SimulatorResponse {
  return errorJson(401, 'UNAUTHORIZED', 'Token expired or invalid');
}
