import type { FastifyRequest } from 'fastify';
import {
  type AuthorizeOrder,
  DEFAULT_ORDER_ROUTE,
  type OrderDetailsHandlerOptions,
  type PhonePeWebhookHandlerOptions,
} from '../../http/index';
import {
  type AssertNoDrift,
  assertKnownKeys,
  type OptionsSchemaDrift,
  ORDER_DETAILS_OPTION_KEYS,
  WEBHOOK_OPTION_KEYS,
} from '../../http/internal';

/** Options of the {@link phonePeOrderSync} plugin. Fastify's own `prefix` applies to every route. */
export interface PhonePeOrderSyncPluginOptions
  extends Omit<OrderDetailsHandlerOptions<FastifyRequest>, 'logger'>,
    Omit<PhonePeWebhookHandlerOptions, 'paymentSync' | 'credentials' | 'logger'> {
  /** Webhook username/password from the PhonePe dashboard. Required unless `webhookRoute` is `false`. */
  credentials?: PhonePeWebhookHandlerOptions['credentials'];
  /** `false` leaves the route out. Answers with and without the trailing slash. @default '/api/common/orders/:id/' */
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

const NAME = 'phonePeOrderSync';
/** What Fastify itself reads from `register(plugin, options)`, passed on to every plugin. */
const FASTIFY_REGISTER_KEYS = ['prefix', 'logLevel', 'logSerializers'];
const PLUGIN_KEYS = ['orderRoute', 'webhookRoute', 'syncRoute', 'authorizeSync'] as const;
// Compile-time: PLUGIN_KEYS names the plugin's own options, those the handlers' options do not have.
type _KeysMatchOptions = AssertNoDrift<
  OptionsSchemaDrift<
    Omit<
      PhonePeOrderSyncPluginOptions,
      keyof OrderDetailsHandlerOptions | keyof PhonePeWebhookHandlerOptions
    >,
    Partial<Record<(typeof PLUGIN_KEYS)[number], unknown>>
  >
>;
const KNOWN = [
  ...new Set([
    ...ORDER_DETAILS_OPTION_KEYS,
    ...WEBHOOK_OPTION_KEYS,
    ...PLUGIN_KEYS,
    ...FASTIFY_REGISTER_KEYS,
  ]),
];

/** @internal The listed keys of `source` that are set. */
export function pick<T extends object>(source: T, keys: readonly string[]): Partial<T> {
  return Object.fromEntries(
    Object.entries(source).filter(([key, value]) => keys.includes(key) && value !== undefined),
  ) as Partial<T>;
}

function route(value: unknown, fallback: string | undefined, name: string): string | undefined {
  if (value === undefined) return fallback;
  if (value === false && name !== 'syncRoute') return undefined;
  if (typeof value !== 'string' || !value.startsWith('/')) {
    throw new TypeError(
      `${NAME}: \`${name}\` must be a path starting with "/"${name === 'syncRoute' ? '' : ' or false'}`,
    );
  }
  return value;
}

/**
 * @internal Checks what only the plugin knows (unknown keys, route paths, `authorizeSync` with
 * `syncRoute`); the shared handlers check the rest under the plugin's name.
 */
export function assertPluginOptions(options: PhonePeOrderSyncPluginOptions) {
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`${NAME}: options must be an object`);
  assertKnownKeys(NAME, options, KNOWN);
  const orderPath = route(options.orderRoute, DEFAULT_ORDER_ROUTE, 'orderRoute');
  const webhookPath = route(options.webhookRoute, '/webhooks/phonepe', 'webhookRoute');
  const syncPath = route(options.syncRoute, undefined, 'syncRoute');
  if (syncPath && typeof options.authorizeSync !== 'function') {
    throw new TypeError(`${NAME}: \`authorizeSync\` is required with \`syncRoute\` (admins only)`);
  }
  return { orderPath, webhookPath, syncPath };
}
