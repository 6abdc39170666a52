/**
 * Fetch adapter: Web-standard `(Request) => Promise<Response>` handlers for Next.js route handlers,
 * Hono, Bun and Deno, over the package's framework-neutral HTTP handlers.
 * @module phonepe-order-sync/fetch
 */
export type { AuthorizeOrder, OrderDetailsWire, PhonePeWebhookHandlerOptions } from '../../http/index';
export {
  createOrderDetailsHandler,
  createOrderSyncHandler,
  createPhonePeWebhookHandler,
  type FetchHandler,
  type FetchOrderHandlerOptions,
  type RouteContext,
} from './fetch-handlers';
