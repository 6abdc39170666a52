/**
 * @internal What the package's own adapters share beyond the public `phonepe-order-sync/http` entry:
 * the handlers with the name option errors carry, the option names, the route twins. Not published;
 * `biome.json` lets `src/adapters/**` import this file and public entries only.
 * @packageDocumentation
 */
export { assertKnownKeys } from '../core/options-error';
export type { AssertNoDrift, OptionsSchemaDrift } from '../core/options-schema-drift';
export { ORDER_DETAILS_OPTION_KEYS, WEBHOOK_OPTION_KEYS } from './handler-options';
export { createOrderRouteHandler, type OrderRouteKind } from './order-details-handler';
export { DEFAULT_MAX_ORDER_ID_LENGTH, parseOrderId } from './order-id';
export { pathVariants } from './route-paths';
export { createWebhookRouteHandler } from './webhook-handler';
