import * as z from 'zod';
import { parseOptions } from '../core/options-error';
import type { AssertNoDrift, OptionsSchemaDrift } from '../core/options-schema-drift';

/** Default path of the order-details route, as the server adapters mount it. */
export const DEFAULT_ORDER_ROUTE_PATH = '/api/common/orders/:id/';
/** Default time budget of one order-details request, in milliseconds. */
export const DEFAULT_CLIENT_TIMEOUT_MS = 10_000;
/** Default number of retries of one failed order-details request (network error, 408, 429, 5xx). */
export const DEFAULT_CLIENT_RETRY = 1;

/** Options of {@link createOrderClient}. */
export interface OrderClientOptions {
  /**
   * Where the backend lives: an absolute `http(s)` URL (`https://shop.example`, a path prefix is kept:
   * `https://shop.example/backend`), or `''`/a path such as `/backend` for the page's own origin (in a
   * browser only: Node's fetch needs an absolute URL).
   */
  baseUrl: string;
  /**
   * Called before every request; a non-empty result is sent as `Authorization: Bearer <token>`. Return
   * `null`/`undefined` to send none (cookie sessions). Called per request, so a refreshed token is picked
   * up. The token never appears in errors.
   */
  getAccessToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /**
   * The `fetch` to use, for example one that adds a CSRF header or `credentials: 'include'`.
   * @default globalThis.fetch, read at each request
   */
  fetch?: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  /** The order-details route; `:id` is replaced by the URL-encoded order id. @default '/api/common/orders/:id/' */
  routePath?: string;
  /** How long to wait for an answer, in ms (ky's `timeout`); past it, `REQUEST_TIMEOUT`. @default 10000 */
  timeoutMs?: number;
  /**
   * Retries of one failed request (network error, 408, 429, 5xx), with ky's back-off. A timeout is not
   * retried: `watchOrder` asks again at its next poll anyway.
   * @default 1
   */
  retry?: number;
}

const isFunction = (value: unknown) => typeof value === 'function';

// Built on first use (see order-details.ts): no zod call at import time.
let optionsSchema: ReturnType<typeof makeOptionsSchema> | undefined;
const makeOptionsSchema = () =>
  z.strictObject({
    baseUrl: z.string().refine((url) => url === '' || url.startsWith('/') || /^https?:\/\/[^/]/i.test(url), {
      message: "must be an http(s) URL, '' or a path starting with '/'",
    }),
    getAccessToken: z.custom(isFunction, 'must be a function').optional(),
    fetch: z.custom(isFunction, 'must be a function').optional(),
    routePath: z
      .string()
      .refine((path) => path.startsWith('/') && path.includes(':id'), {
        message: "must start with '/' and contain ':id'",
      })
      .optional(),
    timeoutMs: z.number().int().min(1).max(2_147_483_647).optional(),
    retry: z.number().int().min(0).max(10).optional(),
  });

// Compile-time: this schema and OrderClientOptions must agree, option by option (see
// core/options-schema-drift.ts).
type _SchemaMatchesOptions = AssertNoDrift<
  OptionsSchemaDrift<OrderClientOptions, z.input<ReturnType<typeof makeOptionsSchema>>>
>;

/** @internal {@link OrderClientOptions} checked, with defaults applied. */
export interface ResolvedOrderClientOptions {
  baseUrl: string;
  getAccessToken: OrderClientOptions['getAccessToken'];
  fetch: OrderClientOptions['fetch'];
  routePath: string;
  timeoutMs: number;
  retry: number;
}

/** @internal Checks options at construction: `TypeError`/`RangeError` naming the bad option. */
export function resolveOrderClientOptions(options: OrderClientOptions): ResolvedOrderClientOptions {
  optionsSchema ??= makeOptionsSchema();
  parseOptions('createOrderClient', optionsSchema, options);
  return {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    getAccessToken: options.getAccessToken,
    fetch: options.fetch,
    routePath: options.routePath ?? DEFAULT_ORDER_ROUTE_PATH,
    timeoutMs: options.timeoutMs ?? DEFAULT_CLIENT_TIMEOUT_MS,
    retry: options.retry ?? DEFAULT_CLIENT_RETRY,
  };
}
