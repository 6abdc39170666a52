import { createHash, randomBytes } from 'node:crypto';
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
  transactionId?: string;
  errorCode?: string;
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
  /** Moves an order to `state` now (as PhonePe would after the customer paid or gave up). */
  setOrderState(
    merchantOrderId: string,
    state: SimulatedState,
    detail?: { transactionId?: string; errorCode?: string },
  ): this;
  /** The order as the v2 status endpoint would answer it now, or `undefined`. */
  getOrder(merchantOrderId: string): Record<string, unknown> | undefined;
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
  /** A signed webhook for the order's current state (see `buildPhonePeWebhook`). */
  webhookFor(
    merchantOrderId: string,
    credentials: { username: string; password: string },
  ): PhonePeWebhookRequest;
  /** Answers one request. Used by `phonePeHandlers` (msw) and `servePhonePeSimulator` (node:http). */
  handle(request: SimulatorRequest): Promise<SimulatorResponse>;
}

interface OrderRecord {
  merchantOrderId: string;
  orderId: string;
  amount: number;
  state: SimulatedState;
  transactionId: string | undefined;
  paymentMode: string;
  errorCode: string | undefined;
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
    const state = input.state ?? 'PENDING';
    return {
      merchantOrderId,
      orderId: `OMO${createdAt}${String(++sequence).padStart(6, '0')}`,
      amount: input.amount,
      state,
      transactionId: input.transactionId ?? (state === 'PENDING' ? undefined : `OM${createdAt}${sequence}`),
      paymentMode: input.paymentMode ?? 'UPI_INTENT',
      errorCode: input.errorCode,
      createdAt,
      expireAt: input.expireAt ?? createdAt + 20 * 60_000,
      checks: 0,
      pending: [...(input.transitions ?? [])],
    };
  }

  function move(
    order: OrderRecord,
    state: SimulatedState,
    detail: { transactionId?: string; errorCode?: string },
  ) {
    order.state = state;
    if (detail.transactionId) order.transactionId = detail.transactionId;
    else if (state !== 'PENDING' && !order.transactionId) order.transactionId = `OM${now()}${++sequence}`;
    if (detail.errorCode) order.errorCode = detail.errorCode;
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
      order.pending = [];
    }
  }

  function view(order: OrderRecord): Record<string, unknown> {
    applyDue(order);
    const attempt: Record<string, unknown> | undefined = order.transactionId
      ? {
          transactionId: order.transactionId,
          paymentMode: order.paymentMode,
          timestamp: order.createdAt,
          amount: order.amount,
          state: order.state,
          ...(order.state === 'COMPLETED'
            ? { rail: { type: 'UPI', utr: '455069731511', vpa: '12****78@ybl' } }
            : {}),
          ...(order.state === 'FAILED' ? { errorCode: order.errorCode ?? 'INVALID_MPIN' } : {}),
        }
      : undefined;
    return {
      orderId: order.orderId,
      state: order.state,
      amount: order.amount,
      payableAmount: order.amount,
      feeAmount: 0,
      expireAt: order.expireAt,
      metaInfo: { udf1: '' },
      ...(order.state === 'FAILED'
        ? { errorCode: order.errorCode ?? 'INVALID_MPIN', detailedErrorCode: 'ZM' }
        : {}),
      paymentDetails: attempt ? [attempt] : [],
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
    getOrder(merchantOrderId) {
      const order = orders.get(merchantOrderId);
      return order ? view(order) : undefined;
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
      return buildPhonePeWebhook({
        credentials,
        merchantOrderId,
        orderId: order.orderId,
        state: order.state,
        amount: order.amount,
        transactionId: order.transactionId ?? null,
        paymentMode: order.paymentMode,
        ...(order.errorCode ? { errorCode: order.errorCode } : {}),
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
        return json(404, { success: false, code: 'NOT_FOUND', message: `No route for ${method} ${path}` });
      }
      counts[endpoint]++;
      base.endpoint = endpoint;

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
              json(fault.status, {
                success: false,
                code: fault.code ?? 'INTERNAL_SERVER_ERROR',
                message: 'Simulated failure',
              }),
            );
          case 'rate-limit': {
            const response = json(429, {
              success: false,
              code: 'TOO_MANY_REQUESTS',
              message: 'Too many requests',
            });
            if (!response.drop && fault.retryAfterSeconds !== undefined) {
              response.headers['retry-after'] = String(fault.retryAfterSeconds);
            }
            return answer(response);
          }
          case 'unauthorized':
            return answer(
              json(401, { success: false, code: 'UNAUTHORIZED', message: 'Token expired or invalid' }),
            );
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
          return answer(json(400, { code: 'BAD_REQUEST', message: 'Invalid token request' }), { clientId });
        }
        if (!known)
          return answer(json(401, { code: 'INVALID_CLIENT', message: 'Bad client credentials' }), {
            clientId,
          });
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
              transactionId: order.transactionId ?? null,
              amount: order.amount,
              state: order.state,
              responseCode: order.state === 'FAILED' ? (order.errorCode ?? 'INVALID_MPIN') : 'SUCCESS',
              paymentInstrument: { type: 'UPI' },
            },
          }),
          { merchantOrderId },
        );
      }

      // PG endpoints below need a live token.
      const auth = /^O-Bearer (.+)$/.exec(header('authorization') ?? '');
      const token = auth?.[1];
      const issued = token ? tokens.get(token) : undefined;
      const identity = issued ? { clientId: issued.clientId, token: token! } : {};
      if (!issued || now() >= issued.expiresAtMs) {
        return answer(
          json(401, { success: false, code: 'UNAUTHORIZED', message: 'Token expired or invalid' }),
          {
            ...(token ? { token } : {}),
          },
        );
      }

      if (endpoint === 'pay') {
        let body: { merchantOrderId?: unknown; amount?: unknown } = {};
        try {
          body = JSON.parse(request.body) as typeof body;
        } catch {}
        if (typeof body.merchantOrderId !== 'string' || typeof body.amount !== 'number') {
          return answer(
            json(400, { code: 'BAD_REQUEST', message: 'merchantOrderId and amount are required' }),
            identity,
          );
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
          json(unknownOrderStatus, {
            code: 'INVALID_MERCHANT_ORDER_ID',
            message: 'No entry found for given merchant order id',
          }),
          { ...identity, merchantOrderId },
        );
      }
      order.checks++;
      return answer(json(200, view(order)), { ...identity, merchantOrderId });
    },
  };
  return simulator;
}

function json(status: number, body: unknown): SimulatorResponse {
  return { drop: false, status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
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
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref?.();
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
