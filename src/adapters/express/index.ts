/**
 * Express adapter (Express 4 and 5): request handlers for the order-details route, an admin re-check
 * route and PhonePe webhooks, over the package's framework-neutral HTTP handlers.
 * @module phonepe-order-sync/express
 */

export type {
  AuthorizeOrder,
  OrderDetailsHandlerOptions,
  PhonePeWebhookHandlerOptions,
} from '../../http/index';
export { orderRoutePattern } from '../../http/index';
export {
  createOrderDetailsHandler,
  createOrderSyncHandler,
  createPhonePeWebhookHandler,
} from './express-handlers';
