import * as z from 'zod';
import { parseOptions } from '../core/options-error';
import type { AssertNoDrift, OptionsSchemaDrift } from '../core/options-schema-drift';
import type { RateLimiter } from '../core/rate-limiter';
import type { ReconcileSchedule } from '../core/reconcile-schedule';
import { GatewayAuthError, GatewayResponseError, GatewayUnknownStateError } from '../errors/index';
import type { Clock } from '../ports/clock';
import type { GatewayCallOptions, GatewayPaymentStatus, PaymentGateway } from '../ports/payment-gateway';
import { createCredentialsCheck } from './check-phonepe-credentials';
import { DEFAULT_GATEWAY_TIMEOUT_MS, resolveRetry, sharedGatewayOptions } from './gateway-options-schema';
import { encodeMerchantOrderId } from './merchant-order-id';
import { createOAuthTokenCache, type FetchedToken } from './oauth-token-cache';
import { errorCodeOf, httpError, type PhonePeAnswer, parseJsonBody } from './phonepe-answer';
import { PHONEPE_V2_HOSTS, type PhonePeEnvironment, TOKEN_PATH, trimBase } from './phonepe-environments';
import { createPhonePeHttp, type PhonePeFetch } from './phonepe-http';
import { phonePeOrderSchema } from './phonepe-order-schema';
import { recommendPhonePeSchedule } from './phonepe-schedule';
import type { PhonePeRetryOptions } from './retry-policy';
import { toGatewayPaymentStatus } from './to-gateway-payment-status';

/** Options of {@link createPhonePeGateway}. */
export interface PhonePeGatewayOptions {
  /** Client id from PhonePe's dashboard. */
  clientId: string;
  /** Client secret from PhonePe's dashboard. Never logged, never part of an error. */
  clientSecret: string;
  /** Client version from PhonePe's dashboard (`1` in sandbox). */
  clientVersion: number | string;
  /** Picks PhonePe's PG and OAuth hosts (their token paths differ by environment). */
  environment: PhonePeEnvironment;
  /**
   * Overrides the PG base URL (status calls go to `{baseUrl}/checkout/v2/order/{id}/status`), e.g. a
   * local simulator. @default the environment's PG host
   */
  baseUrl?: string;
  /**
   * Overrides the OAuth base URL (tokens come from `{authUrl}/v1/oauth/token`).
   * @default `baseUrl` when given, else the environment's OAuth host
   */
  authUrl?: string;
  /** End merchant id for partner (TSP) integrations, sent as `X-MERCHANT-ID` on PG calls. */
  merchantId?: string;
  /**
   * Bound on one status call, every attempt, token fetch and back-off included. A caller's
   * `signal` (the core passes one) can only shorten it. @default 10000
   */
  timeoutMs?: number;
  /** Back-off retries for 429, 5xx and network errors; `false` disables them. Never for 4xx. @default { limit: 2, baseDelayMs: 100, maxDelayMs: 2000 } */
  retry?: PhonePeRetryOptions | false;
  /**
   * The token is refreshed this long before its `expires_at` (at most half its lifetime).
   * @default 300000 (five minutes, as PhonePe advises)
   */
  refreshMarginMs?: number;
  /** The fetch to use. @default `globalThis.fetch`, read at every request (so msw can intercept) */
  fetch?: PhonePeFetch;
  /** Time source for token expiry. @default the system clock */
  clock?: Clock;
  /**
   * A hard ceiling on status requests to PhonePe, this gateway's retries included (token requests are
   * not counted): every request waits for the limiter within `timeoutMs`, and a 429 pauses it for
   * `Retry-After` (else one second). Share one limiter between gateways that share PhonePe credentials.
   * Give it here OR to `reconcile({ rateLimit })`, not both: each would take a token for the same call.
   * @default none (only the reconciler's own `rateLimit` paces its calls; retries go out unpaced)
   * @example
   * ```ts
   * const gateway = createPhonePeGateway({
   *   clientId, clientSecret, clientVersion: 1, environment: 'production',
   *   rateLimit: createRateLimiter({ ratePerSecond: 20 }),
   * });
   * const paymentSync = createPaymentSync({ repository, gateway });
   * await paymentSync.reconcile({ rateLimit: Number.POSITIVE_INFINITY }); // the gateway paces itself
   * ```
   */
  rateLimit?: RateLimiter;
}

/** A `PaymentGateway` for PhonePe's v2 Standard Checkout API. */
export interface PhonePeGateway extends PaymentGateway {
  /** The resolved PG base URL (no trailing slash). */
  readonly baseUrl: string;
  /** The resolved OAuth base URL (no trailing slash). */
  readonly authUrl: string;
  /** PhonePe's reconcile schedule, `createPhonePeSchedule()`: what a sweep given no `schedule` follows. */
  recommendedSchedule(): ReconcileSchedule;
}

/** What {@link createPhonePeGateway} returns: a {@link PhonePeGateway} that can check its credentials. */
export interface PhonePeV2Gateway extends PhonePeGateway {
  /**
   * One token request with the configured credentials, for start-up and readiness checks. Resolves
   * when PhonePe issues a token; rejects `GatewayAuthError` when PhonePe refuses the credentials, and
   * another `GatewayError` (timeout, 5xx, network) when PhonePe cannot be asked now. Changes nothing.
   * @example
   * ```ts
   * const gateway = createPhonePeGateway({ clientId, clientSecret, clientVersion: 1, environment: 'production' });
   * await gateway.checkCredentials(); // at start-up: fail fast on a wrong client secret
   * ```
   */
  checkCredentials(): Promise<void>;
}

const optionsSchema = z.strictObject({
  clientId: z.string({ error: 'must be a non-empty string' }).min(1, { error: 'must be a non-empty string' }),
  clientSecret: z
    .string({ error: 'must be a non-empty string' })
    .min(1, { error: 'must be a non-empty string' }),
  clientVersion: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)], {
    error: 'must be a positive integer (or its digits as a string)',
  }),
  ...sharedGatewayOptions,
  authUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  merchantId: z.string().min(1, { error: 'must be a non-empty string' }).optional(),
  refreshMarginMs: z
    .number({ error: 'must be a number' })
    .int()
    .min(0, { error: 'must be between 0 and 3600000' })
    .max(3_600_000, { error: 'must be between 0 and 3600000' })
    .optional(),
  clock: z
    .custom<Clock>((value) => typeof (value as Clock | undefined)?.now === 'function', {
      error: 'must have a now() method',
    })
    .optional(),
});

// Compile-time: this schema and PhonePeGatewayOptions must agree, option by option (see
// core/options-schema-drift.ts).
type _SchemaMatchesOptions = AssertNoDrift<
  OptionsSchemaDrift<PhonePeGatewayOptions, z.input<typeof optionsSchema>>
>;

const tokenSchema = z.looseObject({
  access_token: z.string().min(1),
  issued_at: z.number().nullish(),
  expires_at: z.number().nullish(),
  expires_in: z.number().nullish(),
});

/**
 * Creates a `PaymentGateway` for PhonePe's v2 API (Standard Checkout order status), on ky and zod.
 *
 * Each gateway holds its own OAuth token: fetched on first use, refreshed ahead of `expires_at`,
 * fetched once for any number of concurrent calls, and replaced once (shared by all concurrent calls)
 * when PhonePe answers 401, after which each call is retried once. 429, 5xx and network failures are
 * retried with exponential back-off and jitter inside `timeoutMs` and the caller's `signal`; 4xx never.
 * Failures are typed: `GatewayTimeoutError`, `GatewayRateLimitError`, `GatewayAuthError` (also for a
 * token answer of 404 `KEY_NOT_CONFIGURED`: wrong or v1 credentials), `GatewayOrderNotFoundError`
 * (`INVALID_MERCHANT_ORDER_ID`, HTTP 400 or 404), `GatewayUnknownStateError` (a state this library
 * does not know; `CREATED` is pending), `GatewayResponseError`, else `GatewayError`; an id outside
 * PhonePe's rule (1-63 of `[A-Za-z0-9_-]`) is an `InvalidOrderIdError` before any request. Only
 * `state` is required in a status answer: other fields are read when usable and otherwise ignored, as
 * PhonePe asks. No timers outlive a call and nothing is sent anywhere but PhonePe.
 *
 * @throws TypeError / RangeError naming the option, when an option is invalid.
 * @example
 * ```ts
 * import { createPaymentSync } from 'phonepe-order-sync';
 * import { createPhonePeGateway } from 'phonepe-order-sync/phonepe';
 *
 * const gateway = createPhonePeGateway({
 *   clientId: process.env.PHONEPE_CLIENT_ID!,
 *   clientSecret: process.env.PHONEPE_CLIENT_SECRET!,
 *   clientVersion: 1,
 *   environment: 'sandbox',
 * });
 * await gateway.checkCredentials(); // optional: fail fast at start-up on wrong credentials
 * const paymentSync = createPaymentSync({ repository, gateway });
 * ```
 */
export function createPhonePeGateway(options: PhonePeGatewayOptions): PhonePeV2Gateway {
  const config = parseOptions('createPhonePeGateway', optionsSchema, options);
  const hosts = PHONEPE_V2_HOSTS[config.environment];
  const baseUrl = trimBase(config.baseUrl ?? hosts.pg);
  const authUrl = trimBase(config.authUrl ?? config.baseUrl ?? hosts.auth);
  const timeoutMs = config.timeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS;
  const clock = config.clock ?? { now: () => new Date() };
  const now = () => clock.now().getTime();
  const http = createPhonePeHttp({
    fetch: config.fetch as PhonePeFetch | undefined,
    timeoutMs,
    retry: resolveRetry(config.retry),
  });
  const tokenUrl = `${authUrl}${TOKEN_PATH}`;
  const tokenForm = new URLSearchParams({
    client_id: config.clientId,
    client_version: String(config.clientVersion),
    client_secret: config.clientSecret,
    grant_type: 'client_credentials',
  }).toString();
  // No token hooks and no rate limit: this request is how a token is got, and the limit counts status calls.
  const tokenClient = http.client({
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
  });

  async function fetchToken(): Promise<FetchedToken> {
    // Sent under its own budget: it is shared by every waiting call, none of whose signals may cancel it.
    const answer = await http.send(tokenClient, { url: tokenUrl, method: 'POST', body: tokenForm });
    if (answer.status < 200 || answer.status >= 300) {
      // A 400 here is a malformed or refused credential set, not an order problem.
      if (answer.status === 400) {
        throw new GatewayAuthError(
          'PhonePe refused the token request (HTTP 400): check clientId/clientVersion',
          {
            status: 400,
          },
        );
      }
      // PhonePe's answer to credentials it has no v2 key for: an auth failure, not a wrong path.
      if (answer.status === 404 && errorCodeOf(answer).code === 'KEY_NOT_CONFIGURED') {
        throw new GatewayAuthError(
          'PhonePe does not know these credentials (HTTP 404 KEY_NOT_CONFIGURED): the client id, ' +
            'secret or version are wrong, or they are v1 (salt key) credentials; the v2 API needs ' +
            'the client id and secret from the v2 dashboard',
          { status: 404 },
        );
      }
      throw httpError(answer, 'token request');
    }
    const body = tokenSchema.safeParse(parseJsonBody(answer, 'token request'));
    if (!body.success) {
      throw new GatewayResponseError('PhonePe token response lacks access_token', {
        status: answer.status,
      });
    }
    const arrived = now();
    const { access_token, issued_at, expires_at, expires_in } = body.data;
    const expiresAtMs =
      typeof expires_at === 'number'
        ? expires_at * 1000
        : typeof expires_in === 'number'
          ? arrived + expires_in * 1000
          : undefined;
    if (expiresAtMs === undefined || expiresAtMs <= arrived) {
      throw new GatewayResponseError('PhonePe token response has no usable expires_at', {
        status: answer.status,
      });
    }
    return {
      accessToken: access_token,
      expiresAtMs,
      issuedAtMs: typeof issued_at === 'number' ? Math.min(issued_at * 1000, arrived) : arrived,
    };
  }

  const tokens = createOAuthTokenCache({
    fetchToken,
    now,
    refreshMarginMs: config.refreshMarginMs ?? 300_000,
  });
  const statusClient = http.client({
    // Content-Type on a GET without a body: PhonePe's reference lists it as required here, both
    // official SDKs send it, and wrong headers are documented to answer "400 API Mapping Not Found".
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      ...(config.merchantId ? { 'x-merchant-id': config.merchantId } : {}),
    },
    tokens,
    rateLimit: config.rateLimit as RateLimiter | undefined,
  });

  async function getPaymentStatus(
    merchantOrderId: string,
    callOptions?: GatewayCallOptions,
  ): Promise<GatewayPaymentStatus> {
    const id = encodeMerchantOrderId(merchantOrderId);
    const url = `${baseUrl}/checkout/v2/order/${id}/status?details=false&errorContext=false`;
    // `signal` is read once, here: the core's options object exposes it through a lazy getter.
    const answer = await http.send(statusClient, { url, method: 'GET' }, callOptions?.signal);
    if (answer.status === 401) {
      throw new GatewayAuthError('PhonePe rejected the access token again after a refresh (HTTP 401)', {
        status: 401,
      });
    }
    if (answer.status < 200 || answer.status >= 300) throw httpError(answer, 'order status');
    return toStatus(answer);
  }

  return {
    baseUrl,
    authUrl,
    getPaymentStatus,
    checkCredentials: createCredentialsCheck(fetchToken),
    recommendedSchedule: recommendPhonePeSchedule,
  };
}

function toStatus(answer: PhonePeAnswer): GatewayPaymentStatus {
  const order = phonePeOrderSchema.safeParse(parseJsonBody(answer, 'order status'));
  if (!order.success) {
    throw new GatewayResponseError('PhonePe order status response lacks a usable `state`', {
      status: answer.status,
      cause: order.error,
    });
  }
  const status = toGatewayPaymentStatus(order.data);
  if (!status) {
    // A well-formed answer about this one order: its own error type, so the breaker does not count it.
    throw new GatewayUnknownStateError(
      `PhonePe reported an unknown order state ${JSON.stringify(order.data.state.slice(0, 40))}`,
      { status: answer.status, state: order.data.state },
    );
  }
  return status;
}
