import { orderStatusRoute } from './endpoints/order-status';
import { payRoute } from './endpoints/pay';
import { tokenRoute } from './endpoints/token';
import { v1StatusRoute } from './endpoints/v1-status';
import type { Route, SimulatorEndpoint } from './route';

/**
 * Every simulated endpoint, by name. Typed over `SimulatorEndpoint`, so a new endpoint is one file in
 * `endpoints/`, its name in that union and its line here (the compiler asks for the line). The order is
 * that of `counts`; it does not matter for matching, as no path matches two routes.
 */
export const ROUTES: { readonly [E in SimulatorEndpoint]: Route<E> } = {
  token: tokenRoute,
  status: orderStatusRoute,
  'v1-status': v1StatusRoute,
  pay: payRoute,
};

/** The route a request goes to (method, then the end of its path), with the path's groups. */
export function matchRoute(method: string, path: string): { route: Route; params: string[] } | undefined {
  for (const route of Object.values(ROUTES) as Route[]) {
    if (route.method !== method) continue;
    const match = route.path.exec(path);
    if (match) return { route, params: match.slice(1) };
  }
  return undefined;
}
