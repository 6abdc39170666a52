import type { FastifyRequest } from 'fastify';
import type {
  AuthorizeOrder,
  OrderDetailsHandlerOptions,
  PhonePeWebhookHandlerOptions,
} from '../../http/index';

/** Options of the {@link phonePeOrderSync} plugin. Fastify's own `prefix` applies to every route. */
export interface PhonePeOrderSyncPluginOptions
  extends Omit<OrderDetailsHandlerOptions<FastifyRequest>, 'logger'>,
    Omit<PhonePeWebhookHandlerOptions, 'paymentSync' | 'credentials' | 'logger'> {
  /** Webhook username/password from the PhonePe dashboard. Required unless `webhookRoute` is `false`. */
  credentials?: PhonePeWebhookHandlerOptions['credentials'];
  /** `false` leaves the route out. @default '/api/common/orders/:id/' */
  orderRoute?: string | false;
  /** `false` leaves the route out. @default '/webhooks/phonepe' */
  webhookRoute?: string | false;
  /** An admin re-check route (POST, forces a PhonePe check), e.g. `'/api/common/orders/:id/sync'`. @default off */
  syncRoute?: string;
  /** Who may use `syncRoute`; required with it. */
  authorizeSync?: AuthorizeOrder<FastifyRequest>;
  /** @default the Fastify instance's logger */
  logger?: OrderDetailsHandlerOptions['logger'];
}
