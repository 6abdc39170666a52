import { faultAnswer, waitLatency, withOverride } from './faults';
import { apiMappingNotFound, errorJson, unauthorized } from './responses';
import { matchRoute } from './routes';
import type { SimulatorState } from './state';
import {
  hasMediaType,
  readHeader,
  type SimulatorRequest,
  type SimulatorRequestRecord,
  type SimulatorResponse,
} from './wire';

/**
 * Answers one request, in PhonePe's order: route (unknown: 404), count, faults, the API gateway's
 * mapping by Content-Type and `Authorization` scheme, the token, then the endpoint itself. Every request
 * is recorded with its answer. Nothing before the faults are taken awaits, so a fault injected just
 * before a request hits that very request, and the endpoints answer synchronously after any latency.
 */
export async function handleRequest(
  state: SimulatorState,
  request: SimulatorRequest,
): Promise<SimulatorResponse> {
  const url = new URL(request.url, 'http://phonepe.simulator');
  const header = (name: string) => readHeader(request.headers, name);
  const method = request.method.toUpperCase();
  const seen: SimulatorRequestRecord = {
    endpoint: 'unknown',
    method,
    path: url.pathname,
    query: url.search,
    status: 0,
  };
  const merchantIdHeader = header('x-merchant-id');
  if (merchantIdHeader) seen.merchantIdHeader = merchantIdHeader;
  const answer = (response: SimulatorResponse, about: Partial<SimulatorRequestRecord> = {}) => {
    state.log.record({ ...seen, ...about, status: response.drop ? 0 : response.status });
    return response;
  };

  const matched = matchRoute(method, url.pathname);
  if (!matched) return answer(errorJson(404, 'NOT_FOUND', `No route for ${method} ${url.pathname}`));
  const { route, params } = matched;
  state.log.counts[route.endpoint]++;
  seen.endpoint = route.endpoint;
  const contentType = header('content-type');
  if (contentType) seen.contentType = contentType;

  const { latencyMs, fault } = state.faults.take(route.endpoint);
  if (latencyMs > 0) await waitLatency(latencyMs, request.signal);
  const faulted = fault && faultAnswer(fault);
  if (faulted) return answer(faulted);

  // PhonePe's API gateway maps a request by method, path AND headers, and answers anything else
  // "400 Api Mapping Not Found" (before looking at credentials or tokens).
  if (route.contentType && !hasMediaType(contentType, route.contentType)) return answer(apiMappingNotFound());
  let caller: Pick<SimulatorRequestRecord, 'clientId' | 'token'> = {};
  if (route.auth === 'o-bearer') {
    // Without `O-Bearer` (e.g. `Bearer`) no API mapping matches; a well-formed but dead token is a 401.
    const auth = /^O-Bearer (\S+)$/.exec(header('authorization') ?? '');
    if (!auth) return answer(apiMappingNotFound());
    const token = auth[1]!;
    const issued = state.tokens.get(token);
    if (!issued || state.now() >= issued.expiresAtMs) return answer(unauthorized(), { token });
    caller = { clientId: issued.clientId, token };
  }

  const handled = route.handle({ params, url, body: request.body, header }, state);
  return answer(withOverride(fault, route.endpoint, handled.response), { ...caller, ...handled.about });
}
