import { createHash, randomBytes } from 'node:crypto';
import { abortableSleep } from '../core/abortable-sleep';
import { assertKnownKeys } from '../core/options-error';
import { buildPhonePeWebhook, type PhonePeWebhookRequest } from './phonepe-webhook-fixtures';

/** A PhonePe order state. */
export type SimulatedState = 'PENDING' | 'COMPLETED' | 'FAILED';

/** Which simulated endpoint a fault or a count is about. */
export type SimulatorEndpoint = 'token' | 'status' | 'v1-status' | 'pay';

/** A fault to inject into the next matching request(s). */
export type PhonePeSimulatorFault =
  /** Answer only after `ms` (stacks with one other fault). */
  | { type: 'latency'; ms: number }
  /** Answer with this HTTP status and a PhonePe-style error body (e.g. 500, 502, 503). */
  | { type: 'http-error'; status: number; code?: string }
  /** 429, with `Retry-After` when `retryAfterSeconds` is given. */
  | { type: 'rate-limit'; retryAfterSeconds?: number }
  /** 401 whatever the token (as when PhonePe revoked it). */
  | { type: 'unauthorized' }
  /** 200 with a body that is not JSON. */
  | { type: 'malformed' }
  /** 502 with an HTML page, as a proxy in front of PhonePe answers. */
  | { type: 'html' }
  /**
   * 200 with the order's real status answer, these top-level fields replaced: a state the library does
   * not know (`{ state: 'AUTHORIZED' }`), `null`s or odd types (`{ paymentDetails: null, amount: '100' }`).
   * Status endpoint only; an order the simulator does not know is answered as usual.
   */
  | { type: 'override'; fields: Record<string, unknown> }
  /** Close the connection without an answer. */
  | { type: 'drop' };

/** Where and how often a fault applies. */
export interface FaultScope {
  /** @default 'status' */
  endpoint?: SimulatorEndpoint | 'any';
  /** How many matching requests it hits. @default 1 */
  times?: number;
  /** Matching requests to let through untouched first (e.g. fail only the retry). @default 0 */
  skip?: number;
}

/** A scheduled change of a simulated order. */
export interface SimulatedTransition {
  /** Applies once this long has passed since the order was created (simulator clock). */
  afterMs?: number;
  /** Applies once the status endpoint was asked about the order this many times. */
  afterChecks?: number;
  state: SimulatedState;
  /** A new id starts a new attempt (with its own `timestamp`); the latest attempt's id otherwise. */
  transactionId?: string;
  errorCode?: string;
  /** PhonePe's `detailedErrorCode` for a FAILED order or attempt. @default 'ZM' with INVALID_MPIN, else none */
  detailedErrorCode?: string;
  /**
   * The attempt's own state when it differs from the order's, e.g. `{ state: 'PENDING', transactionId:
   * 'T1', attemptState: 'FAILED' }`: an attempt failed while the order stays open for another one.
   * @default the order's state
   */
  attemptState?: SimulatedState;
}

/** A simulated order. */
export interface SimulatedOrderInput {
  /** Paise. */
  amount: number;
  /** @default 'PENDING' */
  state?: SimulatedState;
  /** The latest attempt's transaction id. @default generated for COMPLETED/FAILED */
  transactionId?: string;
  /** @default 'UPI_INTENT' */
  paymentMode?: string;
  /** Error code reported for a FAILED order. @default 'INVALID_MPIN' */
  errorCode?: string;
  /** `detailedErrorCode` reported for a FAILED order. @default 'ZM' with INVALID_MPIN, else none */
  detailedErrorCode?: string;
  /**
   * Epoch ms. An order still `PENDING` at this time is `FAILED` with `errorCode: 'EXPIRED'` from then on
   * (as PhonePe fails expired orders); transitions scheduled after it never apply.
   * @default 20 minutes after creation
   */
  expireAt?: number;
  /** Changes over time, applied in order when due. */
  transitions?: SimulatedTransition[];
}

/** A request as the simulator sees it (framework-neutral). */
export interface SimulatorRequest {
  method: string;
  /** Absolute URL, or a path with query. */
  url: string;
  headers: Headers | Record<string, string | string[] | undefined>;
  body: string;
  /** Aborts an injected latency. */
  signal?: AbortSignal;
}

/** What the simulator answers: a response, or `drop` to close the connection unanswered. */
export type SimulatorResponse =
  | { drop: false; status: number; headers: Record<string, string>; body: string }
  | { drop: true };

/** One request the simulator received (kept for assertions; the last 10,000). */
export interface SimulatorRequestRecord {
  endpoint: SimulatorEndpoint | 'unknown';
  method: string;
  path: string;
  query: string;
  merchantOrderId?: string;
  /** The client id of the token the request carried (status), or asked for (token). */
  clientId?: string;
  /** The token the request carried. */
  token?: string;
  /** `X-MERCHANT-ID`, when sent. */
  merchantIdHeader?: string;
  /** `Content-Type`, when sent. */
  contentType?: string;
  /** HTTP status answered (`0` for a dropped connection). */
  status: number;
}

/** Options of {@link createPhonePeSimulator}. */
export interface PhonePeSimulatorOptions {
  /** When set, only these credentials get tokens (others get 401). @default any credentials */
  clients?: Array<{ clientId: string; clientSecret: string; clientVersion?: number | string }>;
  /** Token lifetime in seconds (`expires_at` = `issued_at` + this). @default 3600 */
  tokenTtlSeconds?: number;
  /** Credentials of the legacy v1 API; X-VERIFY is checked against them. */
  v1?: { merchantId: string; saltKey: string; saltIndex: number };
  /** HTTP status for an unknown order (PhonePe: 400; some fakes: 404). @default 400 */
  unknownOrderStatus?: 400 | 404;
  /** Time source in epoch ms (token expiry, scheduled transitions). @default Date.now */
  now?: () => number;
}

/** A stateful fake of PhonePe's token, status (v2 and v1) and pay endpoints. */
export interface PhonePeSimulator {
  /** Creates (or replaces) an order. */
  createOrder(merchantOrderId: string, order: SimulatedOrderInput): this;
  /**
   * Moves an order to `state` now (as PhonePe would after the customer paid or gave up). A new
   * `transactionId` (or, for a terminal state, none yet) starts a new attempt stamped now.
   */
  setOrderState(
    merchantOrderId: string,
    state: SimulatedState,
    detail?: Omit<SimulatedTransition, 'state' | 'afterMs' | 'afterChecks'>,
  ): this;
  /**
   * The order as the v2 status endpoint would answer it now, or `undefined`. `details: true` lists every
   * attempt (else only the latest, as `details=false`); `errorContext: true` adds `errorContext` on FAILED.
   */
  getOrder(
    merchantOrderId: string,
    query?: { details?: boolean; errorContext?: boolean },
  ): Record<string, unknown> | undefined;
  /** Injects a fault into the next matching request(s). */
  inject(fault: PhonePeSimulatorFault, scope?: FaultScope): this;
  /** Removes every pending fault. */
  clearFaults(): this;
  /** Makes every token issued so far invalid (the next PG call with one answers 401). */
  expireTokens(): this;
  /** Requests received per endpoint (including those that got a fault). */
  readonly counts: Readonly<Record<SimulatorEndpoint, number>>;
  /** The last 10,000 requests, oldest first. */
  readonly requests: readonly SimulatorRequestRecord[];
  /** Zeroes `counts` and clears `requests`. */
  resetCounts(): this;
  /**
   * A webhook (with its `Authorization` header) for the order's current state (see `buildPhonePeWebhook`). PhonePe sends order
   * webhooks only for terminal states, so this throws for an order that is still `PENDING`.
   */
  webhookFor(
    merchantOrderId: string,
    credentials: { username: string; password: string },
  ): PhonePeWebhookRequest;
  /** Answers one request. Used by `phonePeHandlers` (msw) and `servePhonePeSimulator` (node:http). */
  handle(request: SimulatorRequest): Promise<SimulatorResponse>;
}

interface AttemptRecord {
  transactionId: string;
  /** When this attempt started (epoch ms): each attempt has its own. */
  timestamp: number;
  state: SimulatedState;
  errorCode: string | undefined;
  detailedErrorCode: string | undefined;
}

interface OrderRecord {
  merchantOrderId: string;
  orderId: string;
  amount: number;
  state: SimulatedState;
  paymentMode: string;
  errorCode: string | undefined;
  detailedErrorCode: string | undefined;
  /** Oldest first; the last one is the latest. */
  attempts: AttemptRecord[];
  createdAt: number;
  expireAt: number;
  checks: number;
  pending: SimulatedTransition[];
}

interface FaultRule {
  fault: PhonePeSimulatorFault;
  endpoint: SimulatorEndpoint | 'any';
  remaining: number;
  skip: number;
}

const MAX_RECORDS = 10_000;

/**
 * A stateful PhonePe for tests and demos: orders whose state changes over time (and that fail with
 * `EXPIRED` when still pending at their `expireAt`), OAuth tokens that expire, and injectable faults (latency, 5xx, 429, 401, malformed or HTML bodies, dropped
 * connections), with counts of token and status requests. Serve it through msw with
 * `phonePeHandlers(simulator, { baseUrl })`, or on a real port with `servePhonePeSimulator(simulator)`.
 * Endpoints are matched by path suffix, so any base URL works:
 * `POST …/v1/oauth/token`, `GET …/checkout/v2/order/{id}/status`, `POST …/checkout/v2/pay`,
 * `GET …/pg/v1/status/{merchantId}/{id}`.
 *
 * @example
 * ```ts
 * const phonepe = createPhonePeSimulator()
 *   .createOrder('42', { amount: 49900, transitions: [{ afterChecks: 1, state: 'COMPLETED', transactionId: 'TXN789456123' }] });
 * const server = await servePhonePeSimulator(phonepe);
 * const gateway = createPhonePeGateway({ clientId: 'id', clientSecret: 's', clientVersion: 1,
 *   environment: 'sandbox', baseUrl: server.url });
 * ```
 */
export function createPhonePeSimulator(options: PhonePeSimulatorOptions = {}): PhonePeSimulator {
  assertKnownKeys('createPhonePeSimulator', options, [
    'clients',
    'tokenTtlSeconds',
    'v1',
    'unknownOrderStatus',
    'now',
  ]);
  const now = options.now ?? Date.now;
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
  const unknownOrderStatus = options.unknownOrderStatus ?? 400;
  const orders = new Map<string, OrderRecord>();
  const tokens = new Map<string, { clientId: string; expiresAtMs: number }>();
  let faults: FaultRule[] = [];
  const counts: Record<SimulatorEndpoint, number> = { token: 0, status: 0, 'v1-status': 0, pay: 0 };
  let requests: SimulatorRequestRecord[] = [];
  let sequence = 0;

  function record(entry: SimulatorRequestRecord): void {
    requests.push(entry);
    if (requests.length > MAX_RECORDS * 2) requests = requests.slice(-MAX_RECORDS);
  }

  function newOrder(merchantOrderId: string, input: SimulatedOrderInput): OrderRecord {
    const createdAt = now();
    const order: OrderRecord = {
      merchantOrderId,
      orderId: `OMO${createdAt}${String(++sequence).padStart(6, '0')}`,
      amount: input.amount,
      state: 'PENDING',
      paymentMode: input.paymentMode ?? 'UPI_INTENT',
      errorCode: undefined,
      detailedErrorCode: undefined,
      attempts: [],
      createdAt,
      expireAt: input.expireAt ?? createdAt + 20 * 60_000,
      checks: 0,
      pending: [...(input.transitions ?? [])],
    };
    const state = input.state ?? 'PENDING';
    if (state !== 'PENDING' || input.transactionId) {
      move(order, state, {
        ...(input.transactionId ? { transactionId: input.transactionId } : {}),
        ...(input.errorCode ? { errorCode: input.errorCode } : {}),
        ...(input.detailedErrorCode ? { detailedErrorCode: input.detailedErrorCode } : {}),
      });
    } else if (input.errorCode) {
      order.errorCode = input.errorCode;
    }
    return order;
  }

  /**
   * Moves the order, and its latest attempt or a new one. A terminal state always has an attempt behind
   * it, except an expiry (see `applyDue`), which PhonePe reports with no attempt when none was made.
   */
  function move(
    order: OrderRecord,
    state: SimulatedState,
    detail: Omit<SimulatedTransition, 'state' | 'afterMs' | 'afterChecks'>,
  ) {
    const previous = order.state;
    order.state = state;
    // The order's own codes change only when the order fails; a failed attempt of an open order keeps
    // its codes on the attempt.
    if (state === 'FAILED' && detail.errorCode) {
      order.errorCode = detail.errorCode;
      order.detailedErrorCode = detail.detailedErrorCode;
    }
    let attempt = order.attempts.at(-1);
    const startsAttempt = detail.transactionId
      ? attempt?.transactionId !== detail.transactionId
      : // Settling an open order starts an attempt unless one is in progress; re-setting a settled
        // order's state changes its latest attempt (tests may do that; PhonePe never does).
        state !== 'PENDING' && (!attempt || (attempt.state !== 'PENDING' && previous === 'PENDING'));
    if (startsAttempt) {
      attempt = {
        transactionId: detail.transactionId ?? `OM${now()}${++sequence}`,
        timestamp: now(),
        state,
        errorCode: undefined,
        detailedErrorCode: undefined,
      };
      order.attempts.push(attempt);
    }
    if (!attempt) return;
    attempt.state = detail.attemptState ?? state;
    if (attempt.state === 'FAILED') {
      const failure = failureOf(order, detail);
      attempt.errorCode = failure.errorCode;
      attempt.detailedErrorCode = failure.detailedErrorCode;
    }
  }

  function applyDue(order: OrderRecord): void {
    while (order.pending.length > 0) {
      const next = order.pending[0]!;
      const due =
        (next.afterMs === undefined || now() - order.createdAt >= next.afterMs) &&
        (next.afterChecks === undefined || order.checks >= next.afterChecks);
      if (!due) break;
      // A change scheduled after the expiry never reaches a PENDING order: it expired first.
      const afterExpiry = next.afterMs !== undefined && order.createdAt + next.afterMs > order.expireAt;
      if (order.state === 'PENDING' && afterExpiry) break;
      order.pending.shift();
      move(order, next.state, next);
    }
    // PhonePe fails an order still PENDING at its expireAt; FAILED is final, so nothing scripted follows.
    if (order.state === 'PENDING' && now() >= order.expireAt) {
      order.state = 'FAILED';
      order.errorCode = 'EXPIRED';
      order.detailedErrorCode = undefined;
      order.pending = [];
    }
  }

  function view(
    order: OrderRecord,
    query: { details?: boolean; errorContext?: boolean } = {},
  ): Record<string, unknown> {
    applyDue(order);
    const listed = query.details ? order.attempts : order.attempts.slice(-1);
    // Error codes go where PhonePe's FAILED sample puts them, from one source (`failureOf`): top-level
    // `errorCode`/`detailedErrorCode` on a FAILED order, the same pair on a FAILED attempt, and
    // `errorContext` only when asked for with `errorContext=true`.
    const failure = order.state === 'FAILED' ? failureOf(order, {}) : undefined;
    return {
      orderId: order.orderId,
      state: order.state,
      amount: order.amount,
      payableAmount: order.amount,
      feeAmount: 0,
      expireAt: order.expireAt,
      metaInfo: { udf1: '' },
      ...(failure ? errorFields(failure) : {}),
      paymentDetails: listed.map((attempt) => ({
        transactionId: attempt.transactionId,
        paymentMode: order.paymentMode,
        timestamp: attempt.timestamp,
        amount: order.amount,
        state: attempt.state,
        ...(attempt.state === 'COMPLETED'
          ? { rail: { type: 'UPI', utr: '455069731511', vpa: '12****78@ybl' } }
          : {}),
        ...(attempt.state === 'FAILED' && attempt.errorCode
          ? errorFields({ errorCode: attempt.errorCode, detailedErrorCode: attempt.detailedErrorCode })
          : {}),
      })),
      ...(failure && query.errorContext ? { errorContext: errorContextOf(failure) } : {}),
    };
  }

  function takeFaults(endpoint: SimulatorEndpoint): { latencyMs: number; fault?: PhonePeSimulatorFault } {
    let latencyMs = 0;
    let fault: PhonePeSimulatorFault | undefined;
    for (const rule of faults) {
      if (rule.remaining <= 0 || (rule.endpoint !== 'any' && rule.endpoint !== endpoint)) continue;
      if (rule.skip > 0) {
        rule.skip--;
        continue;
      }
      if (rule.fault.type === 'latency') {
        latencyMs += rule.fault.ms;
        rule.remaining--;
      } else if (!fault) {
        fault = rule.fault;
        rule.remaining--;
      }
    }
    faults = faults.filter((rule) => rule.remaining > 0);
    return fault ? { latencyMs, fault } : { latencyMs };
  }

  const simulator: PhonePeSimulator = {
    counts,
    get requests() {
      return requests.length > MAX_RECORDS ? requests.slice(-MAX_RECORDS) : requests;
    },
    createOrder(merchantOrderId, order) {
      orders.set(merchantOrderId, newOrder(merchantOrderId, order));
      return this;
    },
    setOrderState(merchantOrderId, state, detail = {}) {
      const order = orders.get(merchantOrderId);
      if (!order) throw new Error(`PhonePe simulator: no order ${JSON.stringify(merchantOrderId)}`);
      move(order, state, detail);
      return this;
    },
    getOrder(merchantOrderId, query) {
      const order = orders.get(merchantOrderId);
      return order ? view(order, query) : undefined;
    },
    inject(fault, scope = {}) {
      faults.push({
        fault,
        endpoint: scope.endpoint ?? 'status',
        remaining: scope.times ?? 1,
        skip: scope.skip ?? 0,
      });
      return this;
    },
    clearFaults() {
      faults = [];
      return this;
    },
    expireTokens() {
      tokens.clear();
      return this;
    },
    resetCounts() {
      for (const key of Object.keys(counts) as SimulatorEndpoint[]) counts[key] = 0;
      requests = [];
      return this;
    },
    webhookFor(merchantOrderId, credentials) {
      const order = orders.get(merchantOrderId);
      if (!order) throw new Error(`PhonePe simulator: no order ${JSON.stringify(merchantOrderId)}`);
      applyDue(order);
      // PhonePe's order events are checkout.order.completed / .failed: nothing is sent while pending.
      if (order.state === 'PENDING') {
        throw new Error(
          `PhonePe simulator: order ${JSON.stringify(merchantOrderId)} is PENDING; PhonePe sends webhooks only for COMPLETED or FAILED`,
        );
      }
      const latest = order.attempts.at(-1);
      const failure = order.state === 'FAILED' ? failureOf(order, {}) : undefined;
      return buildPhonePeWebhook({
        credentials,
        merchantOrderId,
        orderId: order.orderId,
        state: order.state,
        amount: order.amount,
        transactionId: latest?.transactionId ?? null,
        paymentMode: order.paymentMode,
        ...(latest ? { timestamp: latest.timestamp } : {}),
        expireAt: order.expireAt,
        ...(failure ? { errorCode: failure.errorCode } : {}),
        ...(failure?.detailedErrorCode ? { detailedErrorCode: failure.detailedErrorCode } : {}),
      });
    },
    async handle(request) {
      const url = new URL(request.url, 'http://phonepe.simulator');
      const path = url.pathname;
      const header = (name: string) => readHeader(request.headers, name);
      const method = request.method.toUpperCase();
      const base: SimulatorRequestRecord = {
        endpoint: 'unknown',
        method,
        path,
        query: url.search,
        status: 0,
      };
      const merchantIdHeader = header('x-merchant-id');
      if (merchantIdHeader) base.merchantIdHeader = merchantIdHeader;

      const statusMatch = /\/checkout\/v2\/order\/([^/]+)\/status$/.exec(path);
      const v1Match = /\/pg\/v1\/status\/([^/]+)\/([^/]+)$/.exec(path);
      let endpoint: SimulatorEndpoint | undefined;
      if (method === 'POST' && path.endsWith('/v1/oauth/token')) endpoint = 'token';
      else if (method === 'POST' && path.endsWith('/checkout/v2/pay')) endpoint = 'pay';
      else if (method === 'GET' && statusMatch) endpoint = 'status';
      else if (method === 'GET' && v1Match) endpoint = 'v1-status';
      if (!endpoint) {
        record({ ...base, status: 404 });
        return errorJson(404, 'NOT_FOUND', `No route for ${method} ${path}`);
      }
      counts[endpoint]++;
      base.endpoint = endpoint;
      const contentType = header('content-type');
      if (contentType) base.contentType = contentType;

      const { latencyMs, fault } = takeFaults(endpoint);
      if (latencyMs > 0) await delay(latencyMs, request.signal);
      const answer = (response: SimulatorResponse, extra: Partial<SimulatorRequestRecord> = {}) => {
        record({ ...base, ...extra, status: response.drop ? 0 : response.status });
        return response;
      };
      if (fault) {
        switch (fault.type) {
          case 'drop':
            return answer({ drop: true });
          case 'http-error':
            return answer(
              errorJson(fault.status, fault.code ?? 'INTERNAL_SERVER_ERROR', 'Simulated failure'),
            );
          case 'rate-limit': {
            const response = errorJson(429, 'TOO_MANY_REQUESTS', 'Too many requests');
            if (!response.drop && fault.retryAfterSeconds !== undefined) {
              response.headers['retry-after'] = String(fault.retryAfterSeconds);
            }
            return answer(response);
          }
          case 'unauthorized':
            return answer(errorJson(401, 'UNAUTHORIZED', 'Token expired or invalid'));
          case 'malformed':
            return answer({
              drop: false,
              status: 200,
              headers: { 'content-type': 'application/json' },
              body: '{"state":"COMPL',
            });
          case 'html':
            return answer({
              drop: false,
              status: 502,
              headers: { 'content-type': 'text/html' },
              body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
            });
          default:
            break;
        }
      }

      // Checked as PhonePe does: its API gateway maps a request by method, path AND headers, and answers
      // anything else "400 API Mapping Not Found" (before looking at credentials or tokens).
      if (endpoint === 'token' && !hasMediaType(contentType, 'application/x-www-form-urlencoded')) {
        return answer(apiMappingNotFound());
      }
      if ((endpoint === 'status' || endpoint === 'pay') && !hasMediaType(contentType, 'application/json')) {
        return answer(apiMappingNotFound());
      }

      if (endpoint === 'token') {
        const form = new URLSearchParams(request.body);
        const clientId = form.get('client_id') ?? '';
        const known =
          !options.clients ||
          options.clients.some(
            (c) =>
              c.clientId === clientId &&
              c.clientSecret === form.get('client_secret') &&
              (c.clientVersion === undefined || String(c.clientVersion) === form.get('client_version')),
          );
        if (form.get('grant_type') !== 'client_credentials' || !clientId) {
          return answer(errorJson(400, 'BAD_REQUEST', 'Invalid token request'), { clientId });
        }
        if (!known) return answer(errorJson(401, 'INVALID_CLIENT', 'Bad client credentials'), { clientId });
        const issuedAt = Math.floor(now() / 1000);
        const token = `sim.${randomBytes(12).toString('hex')}`;
        tokens.set(token, { clientId, expiresAtMs: (issuedAt + tokenTtlSeconds) * 1000 });
        return answer(
          json(200, {
            access_token: token,
            encrypted_access_token: token,
            expires_in: null,
            issued_at: issuedAt,
            expires_at: issuedAt + tokenTtlSeconds,
            session_expires_at: issuedAt + tokenTtlSeconds,
            token_type: 'O-Bearer',
          }),
          { clientId },
        );
      }

      if (endpoint === 'v1-status') {
        const [, merchantId = '', encodedId = ''] = v1Match!;
        const merchantOrderId = safeDecode(encodedId);
        const v1 = options.v1;
        const expected = v1
          ? `${createHash('sha256').update(`/pg/v1/status/${merchantId}/${encodedId}${v1.saltKey}`).digest('hex')}###${v1.saltIndex}`
          : undefined;
        if (!v1 || header('x-verify') !== expected || merchantId !== v1.merchantId) {
          return answer(
            json(401, { success: false, code: 'AUTHORIZATION_FAILED', message: 'X-VERIFY mismatch' }),
            {
              merchantOrderId,
            },
          );
        }
        const order = orders.get(merchantOrderId);
        if (!order) {
          return answer(
            json(200, { success: false, code: 'TRANSACTION_NOT_FOUND', message: 'No transaction' }),
            {
              merchantOrderId,
            },
          );
        }
        order.checks++;
        applyDue(order);
        const code =
          order.state === 'COMPLETED'
            ? 'PAYMENT_SUCCESS'
            : order.state === 'FAILED'
              ? 'PAYMENT_ERROR'
              : 'PAYMENT_PENDING';
        return answer(
          json(200, {
            success: order.state === 'COMPLETED',
            code,
            message: 'Simulated',
            data: {
              merchantId,
              merchantTransactionId: merchantOrderId,
              transactionId: order.attempts.at(-1)?.transactionId ?? null,
              amount: order.amount,
              state: order.state,
              responseCode: order.state === 'FAILED' ? failureOf(order, {}).errorCode : 'SUCCESS',
              paymentInstrument: { type: 'UPI' },
            },
          }),
          { merchantOrderId },
        );
      }

      // PG endpoints below need `Authorization: O-Bearer <token>`: without that header (or with another
      // scheme, e.g. `Bearer`) no API mapping matches; a well-formed but dead token is a 401.
      const auth = /^O-Bearer (\S+)$/.exec(header('authorization') ?? '');
      if (!auth) return answer(apiMappingNotFound());
      const token = auth[1]!;
      const issued = tokens.get(token);
      const identity = issued ? { clientId: issued.clientId, token } : {};
      if (!issued || now() >= issued.expiresAtMs) {
        return answer(errorJson(401, 'UNAUTHORIZED', 'Token expired or invalid'), { token });
      }

      if (endpoint === 'pay') {
        let body: { merchantOrderId?: unknown; amount?: unknown } = {};
        try {
          body = JSON.parse(request.body) as typeof body;
        } catch {}
        if (typeof body.merchantOrderId !== 'string' || typeof body.amount !== 'number') {
          return answer(errorJson(400, 'BAD_REQUEST', 'merchantOrderId and amount are required'), identity);
        }
        // A merchant order id is unique per merchant: PhonePe refuses a second checkout for one.
        // (The code PhonePe uses here is not documented; BAD_REQUEST is its generic 400 code.)
        if (orders.has(body.merchantOrderId)) {
          return answer(errorJson(400, 'BAD_REQUEST', 'merchantOrderId has already been used'), {
            ...identity,
            merchantOrderId: body.merchantOrderId,
          });
        }
        const order = newOrder(body.merchantOrderId, { amount: body.amount });
        orders.set(body.merchantOrderId, order);
        return answer(
          json(200, {
            orderId: order.orderId,
            state: 'PENDING',
            expireAt: order.expireAt,
            redirectUrl: `https://mercury-uat.phonepe.com/transact/simulator?token=${order.orderId}`,
          }),
          { ...identity, merchantOrderId: body.merchantOrderId },
        );
      }

      const merchantOrderId = safeDecode(statusMatch![1]!);
      const order = orders.get(merchantOrderId);
      if (!order) {
        return answer(
          errorJson(
            unknownOrderStatus,
            'INVALID_MERCHANT_ORDER_ID',
            'No entry found for given merchant order id',
          ),
          { ...identity, merchantOrderId },
        );
      }
      order.checks++;
      const answered = view(order, {
        details: url.searchParams.get('details') === 'true',
        errorContext: url.searchParams.get('errorContext') === 'true',
      });
      if (fault?.type === 'override') Object.assign(answered, fault.fields);
      return answer(json(200, answered), { ...identity, merchantOrderId });
    },
  };
  return simulator;
}

function json(status: number, body: unknown): SimulatorResponse {
  return { drop: false, status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** PhonePe's error body: `{ code, message }`. */
function errorJson(status: number, code: string, message: string): SimulatorResponse {
  return json(status, { code, message });
}

/** What PhonePe answers a request whose method, path and headers match none of its APIs. */
function apiMappingNotFound(): SimulatorResponse {
  return errorJson(400, 'BAD_REQUEST', 'Api Mapping Not Found');
}

/** Whether a Content-Type header names `mediaType` (parameters such as `charset` allowed). */
function hasMediaType(contentType: string | undefined, mediaType: string): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === mediaType;
}

interface Failure {
  errorCode: string;
  detailedErrorCode: string | undefined;
}

/** Detailed codes PhonePe's samples pair with an error code; others get none rather than an invented one. */
const DETAILED_ERROR_CODES: Readonly<Record<string, string>> = { INVALID_MPIN: 'ZM' };

/** The one source of a failure's codes: the transition's own, else the order's, else PhonePe's sample. */
function failureOf(
  order: { errorCode: string | undefined; detailedErrorCode: string | undefined },
  detail: { errorCode?: string; detailedErrorCode?: string },
): Failure {
  const errorCode = detail.errorCode ?? order.errorCode ?? 'INVALID_MPIN';
  const detailedErrorCode = detail.errorCode
    ? detail.detailedErrorCode
    : (detail.detailedErrorCode ?? order.detailedErrorCode);
  return { errorCode, detailedErrorCode: detailedErrorCode ?? DETAILED_ERROR_CODES[errorCode] };
}

function errorFields(failure: Failure): Record<string, string> {
  return failure.detailedErrorCode
    ? { errorCode: failure.errorCode, detailedErrorCode: failure.detailedErrorCode }
    : { errorCode: failure.errorCode };
}

/** `errorContext` as in PhonePe's FAILED sample; source, stage and description only where it shows them. */
function errorContextOf(failure: Failure): Record<string, string> {
  return {
    ...errorFields(failure),
    ...(failure.errorCode === 'INVALID_MPIN'
      ? { source: 'CUSTOMER', stage: 'AUTHENTICATION', description: 'Wrong MPIN was entered' }
      : {}),
  };
}

function readHeader(headers: SimulatorRequest['headers'], name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** An unref'd, abortable wait: a simulated latency never keeps a test process alive. */
function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return abortableSleep(ms, signal, { unref: true }).catch(() => {});
}
