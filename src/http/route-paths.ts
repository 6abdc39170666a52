// Which URLs a route answers on, the same in every adapter: with or without the trailing slash, and
// with an empty id (`/orders//`, `/orders/`) reaching the handler, which answers 400 INVALID_ORDER_ID.

/** The default path of the order-details route. */
export const DEFAULT_ORDER_ROUTE = '/api/common/orders/:id/';

/**
 * The path and its twin with the trailing slash toggled (`/a/:id/` and `/a/:id`), for routers that
 * tell them apart (Fastify): both answer alike. `/` alone has no twin.
 * @example
 * ```ts
 * pathVariants('/api/common/orders/:id/'); // ['/api/common/orders/:id/', '/api/common/orders/:id']
 * ```
 */
export function pathVariants(path: string): string[] {
  if (path === '/') return [path];
  return [path, path.endsWith('/') ? path.slice(0, -1) : `${path}/`];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A RegExp for an order route path with an `:id` segment, matching it with or without the trailing
 * slash and with an EMPTY id, which a string path such as `'/orders/:id'` never routes (Express then
 * answers its own HTML 404). The id is the named group `id`, so Express 4 and 5 both put it in
 * `req.params.id`.
 * @example
 * ```ts
 * orderRoutePattern('/api/common/orders/:id/'); // matches /api/common/orders/7, /7/, // and /
 * ```
 */
export function orderRoutePattern(path: string = DEFAULT_ORDER_ROUTE): RegExp {
  if (typeof path !== 'string' || !path.startsWith('/') || !/(^|\/):id(\/|$)/.test(path)) {
    throw new TypeError('orderRoutePattern: `path` must start with "/" and have an `:id` segment');
  }
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const [before, after] = trimmed.split(':id') as [string, string];
  return new RegExp(`^${escapeRegExp(before)}(?<id>[^/]*)${escapeRegExp(after)}\\/?$`);
}
