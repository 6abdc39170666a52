import type {
  HttpResponse,
  OrderDetailsHandlerOptions,
  PhonePeWebhookHandlerOptions,
} from '../../http/index';
import { decodeRouteSegment } from '../../http/index';
import { createOrderRouteHandler, createWebhookRouteHandler, type OrderRouteKind } from '../../http/internal';
import { verifyPhonePeWebhook } from '../../phonepe/verify-phonepe-webhook';
import { headersOf, readLimited } from './web-request';

/** The second argument of a Next.js route handler (`params` is a Promise since Next.js 15). */
export interface RouteContext {
  params?: { id?: string } | Promise<{ id?: string }>;
}

/** A Web-standard handler: Next.js route handlers, Hono, Bun, Deno, Cloudflare Workers. */
export type FetchHandler = (request: Request, context?: RouteContext) => Promise<Response>;

/** Options of the fetch order handlers. */
export interface FetchOrderHandlerOptions extends OrderDetailsHandlerOptions<Request> {
  /**
   * Where the id comes from when the router passes no `params.id`.
   * @default the last path segment of the URL, URL-decoded, the trailing slash optional
   *   (`/orders/7` and `/orders/7/` give `7`; `/orders//` gives `''`, which answers 400)
   */
  getOrderId?: (request: Request) => string | undefined;
}

const toResponse = (answer: HttpResponse) =>
  new Response(JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });

function lastSegment(request: Request): string | undefined {
  const segment = new URL(request.url).pathname.replace(/\/$/, '').split('/').pop();
  return segment === undefined ? undefined : decodeRouteSegment(segment);
}

function orderRoute(kind: OrderRouteKind, where: string, all: FetchOrderHandlerOptions): FetchHandler {
  if (typeof all !== 'object' || all === null) throw new TypeError(`${where}: options must be an object`);
  // `getOrderId` is this adapter's own; the shared handler refuses every key it does not know.
  const { getOrderId = lastSegment, ...options } = all;
  if (typeof getOrderId !== 'function') throw new TypeError(`${where}: \`getOrderId\` must be a function`);
  const handle = createOrderRouteHandler(options, kind, where);
  return async (request, context) => {
    const id = (await context?.params)?.id ?? getOrderId(request);
    const headers = headersOf(request.headers);
    return toResponse(await handle({ method: request.method, params: { id }, headers, original: request }));
  };
}

/**
 * `(Request, context?) => Promise<Response>` for `GET .../orders/:id/`. The id is `context.params.id`
 * (Next.js), else `getOrderId(request)`. `authorize(request, orderPayment)` gets the Web `Request`.
 * @example
 * ```ts
 * // app/api/common/orders/[id]/route.ts
 * import { auth } from '@/auth'; // your session helper, e.g. Auth.js
 *
 * export const GET = createOrderDetailsHandler({
 *   paymentSync,
 *   authorize: async (_request, orderPayment) => ownsOrder((await auth())?.user?.id, orderPayment),
 * });
 * ```
 */
export function createOrderDetailsHandler(options: FetchOrderHandlerOptions): FetchHandler {
  return orderRoute('details', 'createOrderDetailsHandler', options);
}

/**
 * Like {@link createOrderDetailsHandler} for an admin re-check route (forces a PhonePe check).
 * @example
 * ```ts
 * // app/api/common/orders/[id]/sync/route.ts
 * import { auth } from '@/auth';
 *
 * export const POST = createOrderSyncHandler({ paymentSync, authorize: async () => (await auth())?.user?.role === 'admin' });
 * ```
 */
export function createOrderSyncHandler(options: FetchOrderHandlerOptions): FetchHandler {
  return orderRoute('sync', 'createOrderSyncHandler', options);
}

/**
 * `(Request) => Promise<Response>` for PhonePe webhooks: reads the raw body itself (never call
 * `request.json()` first), verifies it and applies the event.
 * @example
 * ```ts
 * // app/webhooks/phonepe/route.ts
 * export const POST = createPhonePeWebhookHandler({
 *   paymentSync,
 *   credentials: { username: process.env.PHONEPE_WEBHOOK_USERNAME!, password: process.env.PHONEPE_WEBHOOK_PASSWORD! },
 * });
 * ```
 */
export function createPhonePeWebhookHandler(options: PhonePeWebhookHandlerOptions): FetchHandler {
  const handle = createWebhookRouteHandler<Request>(
    options,
    'createPhonePeWebhookHandler',
    verifyPhonePeWebhook,
  );
  return async (request) => {
    if (request.bodyUsed) {
      throw new TypeError(
        'phonepe-order-sync: the webhook request body was already read; pass the untouched Request',
      );
    }
    const rawBody = await readLimited(request, handle.maxBodyBytes);
    const headers = headersOf(request.headers);
    return toResponse(await handle({ method: request.method, headers, rawBody, original: request }));
  };
}
