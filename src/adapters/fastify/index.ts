/**
 * Fastify adapter (Fastify 5 and 4): the async plugin {@link phonePeOrderSync} registering the
 * order-details route and the PhonePe webhook over the package's framework-neutral HTTP handlers.
 * @module phonepe-order-sync/fastify
 */
export type { AuthorizeOrder } from '../../http/index';
export { phonePeOrderSync } from './phonepe-order-sync-plugin';
export type { PhonePeOrderSyncPluginOptions } from './phonepe-order-sync-plugin-options';
