import { createHash } from 'node:crypto';

/** What {@link buildPhonePeWebhook} builds a webhook from. */
export interface PhonePeWebhookFixture {
  /** The dashboard credentials the header is computed from. */
  credentials: { username: string; password: string };
  /** Merchant order id in `payload.merchantOrderId`. */
  merchantOrderId: string;
  /** Order state. @default 'COMPLETED' */
  state?: 'PENDING' | 'COMPLETED' | 'FAILED' | (string & {});
  /** `event`; `null` omits it (a legacy sender with only `type`). @default `checkout.order.completed` / `checkout.order.failed` by `state` */
  event?: string | null;
  /** Also send the deprecated `type` field. */
  type?: string;
  /** Paise. @default 49900 */
  amount?: number;
  /** Latest attempt's transaction id. @default 'TXN789456123' (none for PENDING) */
  transactionId?: string | null;
  /** @default 'UPI_INTENT' */
  paymentMode?: string;
  /** Error code on a FAILED order (top level and on the attempt). @default 'INVALID_MPIN' for FAILED */
  errorCode?: string;
  /** `detailedErrorCode` next to `errorCode`. @default 'ZM' with the default INVALID_MPIN, else none */
  detailedErrorCode?: string;
  /** The attempt's own `timestamp`, epoch ms. @default 1719913509762 */
  timestamp?: number;
  /** `payload.expireAt`, epoch ms. @default 1719913878566 */
  expireAt?: number;
  /** PhonePe's order id. @default derived from merchantOrderId */
  orderId?: string;
  /** @default 'SIMMERCHANT' */
  merchantId?: string;
  /** Extra keys merged into `payload` (e.g. fields PhonePe may add later). */
  extraPayload?: Record<string, unknown>;
  /**
   * How the Authorization header is written: as PhonePe does (`lowercase`), upper-case hex, with a
   * `SHA256 ` prefix, or `wrong` (hash of other credentials) for negative tests. @default 'lowercase'
   */
  authorization?: 'lowercase' | 'uppercase' | 'prefixed' | 'wrong';
}

/**
 * A webhook request with PhonePe's `Authorization` header (a static SHA-256 of the credentials, not a
 * signature: it does not depend on the body). Send `body` with `headers`.
 */
export interface PhonePeWebhookRequest {
  /** The JSON body as PhonePe would send it. */
  body: string;
  /** The value of the `Authorization` header. */
  authorization: string;
  /** `authorization` and `content-type` headers. */
  headers: { authorization: string; 'content-type': 'application/json' };
  /** The parsed body, for assertions. */
  json: { event?: string; type?: string; payload: Record<string, unknown> };
}

/**
 * The `Authorization` header PhonePe sends for dashboard credentials: lowercase hex SHA-256 of
 * `username:password`, no scheme.
 * @example
 * ```ts
 * phonePeWebhookAuthorization({ username: 'username', password: 'password' });
 * // 'bc842c31a9e54efe320d30d948be61291f3ceee4766e36ab25fa65243cd76e0e'
 * ```
 */
export function phonePeWebhookAuthorization(credentials: { username: string; password: string }): string {
  return createHash('sha256').update(`${credentials.username}:${credentials.password}`).digest('hex');
}

/**
 * Builds a PhonePe webhook (body + matching `Authorization`) for tests of a webhook route.
 * @example
 * ```ts
 * const hook = buildPhonePeWebhook({ credentials, merchantOrderId: '42', state: 'COMPLETED', amount: 49900 });
 * await fetch('http://127.0.0.1:3000/webhooks/phonepe', { method: 'POST', headers: hook.headers, body: hook.body });
 * ```
 */
export function buildPhonePeWebhook(fixture: PhonePeWebhookFixture): PhonePeWebhookRequest {
  const state = fixture.state ?? 'COMPLETED';
  const amount = fixture.amount ?? 49_900;
  const transactionId =
    fixture.transactionId !== undefined ? fixture.transactionId : state === 'PENDING' ? null : 'TXN789456123';
  const errorCode = fixture.errorCode ?? (state === 'FAILED' ? 'INVALID_MPIN' : undefined);
  const detailedErrorCode =
    fixture.detailedErrorCode ?? (fixture.errorCode === undefined && errorCode ? 'ZM' : undefined);
  // As PhonePe's FAILED sample: the codes at the top level and on the attempt, nowhere else.
  const errorFields: Record<string, string> = errorCode
    ? { errorCode, ...(detailedErrorCode ? { detailedErrorCode } : {}) }
    : {};
  const attempt: Record<string, unknown> = {
    paymentMode: fixture.paymentMode ?? 'UPI_INTENT',
    timestamp: fixture.timestamp ?? 1_719_913_509_762,
    amount,
    state,
    ...errorFields,
  };
  if (transactionId) attempt.transactionId = transactionId;
  const payload: Record<string, unknown> = {
    orderId: fixture.orderId ?? `OMO${fixture.merchantOrderId.replace(/[^A-Za-z0-9]/g, '')}`,
    merchantId: fixture.merchantId ?? 'SIMMERCHANT',
    merchantOrderId: fixture.merchantOrderId,
    state,
    amount,
    expireAt: fixture.expireAt ?? 1_719_913_878_566,
    metaInfo: { udf1: '' },
    paymentDetails: transactionId ? [attempt] : [],
    ...errorFields,
    ...fixture.extraPayload,
  };
  const event =
    fixture.event === undefined
      ? state === 'FAILED'
        ? 'checkout.order.failed'
        : 'checkout.order.completed'
      : fixture.event;
  const json: PhonePeWebhookRequest['json'] = event === null ? { payload } : { event, payload };
  if (fixture.type !== undefined) json.type = fixture.type;
  const body = JSON.stringify(json);
  const credentials =
    fixture.authorization === 'wrong'
      ? { username: fixture.credentials.username, password: `${fixture.credentials.password}-wrong` }
      : fixture.credentials;
  const hex = phonePeWebhookAuthorization(credentials);
  const authorization =
    fixture.authorization === 'uppercase'
      ? hex.toUpperCase()
      : fixture.authorization === 'prefixed'
        ? `SHA256 ${hex}`
        : hex;
  return { body, authorization, headers: { authorization, 'content-type': 'application/json' }, json };
}
