import ky from 'ky';
import type { OrderId } from '../core/order-payment';
import { InvalidOrderIdError } from '../errors/invalid-order-id-error';
import { type OrderClientOptions, resolveOrderClientOptions } from './order-client-options';
import { type OrderDetails, orderDetailsSchema } from './order-details';
import { invalidResponseError, toOrderClientError } from './to-order-client-error';
import { type OrderWatch, type WatchOrderOptions, watchOrderDetails } from './watch-order';

/** Options of `client.getOrderDetails(id, options)`. */
export interface GetOrderDetailsOptions {
  /** Cancels the request; the promise then rejects with the platform's `AbortError`. */
  signal?: AbortSignal;
}

/** A client for one backend's order-details route. Holds no state between calls. */
export interface OrderClient {
  /**
   * `GET {baseUrl}{routePath}` for one order, validated against the wire shape. The server checks
   * PhonePe when the payment is `PENDING`, so the answer is as fresh as it can be.
   *
   * Rejects with `OrderNotFoundError` (404 `ORDER_NOT_FOUND`), `InvalidOrderIdError` (400
   * `INVALID_ORDER_ID`, or an empty/non-finite id, caught before any request), `OrderClientError` for
   * everything else (`code` from the server, or `HTTP_ERROR`, `NETWORK_ERROR`, `REQUEST_TIMEOUT`,
   * `INVALID_RESPONSE`), or the `AbortError` of `signal`.
   */
  getOrderDetails(id: OrderId, options?: GetOrderDetailsOptions): Promise<OrderDetails>;
  /**
   * Polls the order while its payment is `PENDING`, waiting longer after each request
   * (`intervalMs` × `backoffFactor`ⁿ, at most `maxIntervalMs`), and stops at `COMPLETED`/`FAILED`, on
   * abort, or on an error that asking again cannot fix (unknown order, refused id, 4xx). `onUpdate` gets
   * every snapshot; `transitioned` is true exactly once, on the snapshot where the payment left `PENDING`.
   * Transient failures (network, timeout, 5xx, 429) go to `onError` and the watch goes on.
   *
   * @example
   * ```ts
   * const client = createOrderClient({ baseUrl: '' }); // the page's own origin
   * const controller = new AbortController();
   * const watch = client.watchOrder(123, {
   *   signal: controller.signal,
   *   onUpdate: (details, { transitioned }) => {
   *     showStatus(details.order.order_status);
   *     if (transitioned) toast(`Payment ${details.payment.payment_status}`);
   *   },
   * });
   * const { reason } = await watch.done; // 'settled' | 'aborted' | 'failed'
   * ```
   */
  watchOrder(id: OrderId, options: WatchOrderOptions): OrderWatch;
}

function assertIdType(id: unknown): asserts id is OrderId {
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw new TypeError(`order id must be a string or a number, got ${id === null ? 'null' : typeof id}`);
  }
}

/**
 * Creates a browser-safe client for the order-details route that the `/express`, `/fastify` and
 * `/fetch` handlers serve. It runs wherever `fetch` exists (browsers, React Native, workers, Deno, Bun,
 * Node 20+) and imports no Node built-in. Bad options throw `TypeError`/`RangeError` naming the option.
 *
 * @example
 * ```ts
 * import { createOrderClient } from 'phonepe-order-sync/client';
 *
 * const client = createOrderClient({
 *   baseUrl: 'https://shop.example',
 *   getAccessToken: () => localStorage.getItem('token'),
 * });
 * const { order, payment, status_updated } = await client.getOrderDetails(123);
 * ```
 */
export function createOrderClient(options: OrderClientOptions): OrderClient {
  const config = resolveOrderClientOptions(options);
  const http = ky.create({
    timeout: config.timeoutMs,
    retry: {
      limit: config.retry,
      methods: ['get'],
      statusCodes: [408, 429, 500, 502, 503, 504],
    },
    // Left out when unset so that ky reads globalThis.fetch at each request (test interceptors, polyfills).
    ...(config.fetch ? { fetch: config.fetch } : {}),
  });

  async function getOrderDetails(
    id: OrderId,
    callOptions: GetOrderDetailsOptions = {},
  ): Promise<OrderDetails> {
    assertIdType(id);
    if (id === '' || (typeof id === 'number' && !Number.isFinite(id))) {
      throw new InvalidOrderIdError(`Order id ${JSON.stringify(String(id))} is empty or not a finite number`);
    }
    const url = config.baseUrl + config.routePath.replace(':id', encodeURIComponent(String(id)));
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = await config.getAccessToken?.();
    if (token) headers.authorization = `Bearer ${token}`;

    let response: Response;
    try {
      response = await http.get(url, {
        headers,
        ...(callOptions.signal ? { signal: callOptions.signal } : {}),
      });
    } catch (error) {
      throw await toOrderClientError(error, id, config.timeoutMs);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw invalidResponseError(response.status, 'not JSON', error);
    }
    const parsed = orderDetailsSchema().safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'body';
      throw invalidResponseError(response.status, `${where}: ${issue?.message ?? 'invalid'}`, parsed.error);
    }
    return parsed.data;
  }

  return {
    getOrderDetails,
    watchOrder(id, watchOptions) {
      assertIdType(id);
      return watchOrderDetails((signal) => getOrderDetails(id, { signal }), watchOptions);
    },
  };
}
