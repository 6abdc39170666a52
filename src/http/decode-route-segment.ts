/**
 * Decodes one URL path segment (a route's `:id`) for {@link HttpRequest.params}. A malformed escape
 * (`%E0%A4%A`) is returned as it is, so the handler's id check answers 400 `INVALID_ORDER_ID`: a bare
 * `decodeURIComponent` would throw, and in an async `node:http` handler that is an unhandled rejection.
 * @example
 * ```ts
 * decodeRouteSegment('ORD%2D7'); // 'ORD-7'
 * decodeRouteSegment('%E0%A4%A'); // '%E0%A4%A' (refused by the handler's id check)
 * ```
 */
export function decodeRouteSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
