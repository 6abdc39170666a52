import type { PhonePeSimulator } from './phonepe-simulator';

/**
 * One msw request handler (msw's `HttpHandler`), for `setupServer(...)` and `server.use(...)`.
 * Deliberately not typed with msw's own class: msw is an optional peer, and naming its types here would
 * make `phonepe-order-sync/testing` fail to type-check (without `skipLibCheck`) in a project that only
 * uses the simulator. msw's handler classes are nominal (private members), so only `any` is accepted
 * by `setupServer` without importing them; write `as HttpHandler[]` where you want msw's type.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; the price of msw being optional
export type PhonePeMswHandler = any;

/** Options of {@link phonePeHandlers}. */
export interface PhonePeHandlersOptions {
  /**
   * Base URL(s) the gateway under test uses (its `baseUrl`, and `authUrl` when different); every
   * request under them goes to the simulator. @default PhonePe's sandbox and production hosts
   */
  baseUrl?: string | string[];
}

const PHONEPE_HOSTS = ['https://api-preprod.phonepe.com', 'https://api.phonepe.com'];

/**
 * msw request handlers that answer with a PhonePe simulator. Async because msw is loaded only here,
 * on demand: the rest of `phonepe-order-sync/testing` (the simulator, its HTTP server) runs without
 * msw installed.
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 *
 * const phonepe = createPhonePeSimulator().createOrder('42', { amount: 49900 });
 * const server = setupServer(...(await phonePeHandlers(phonepe, { baseUrl: 'https://phonepe.test' })));
 * server.listen();
 * ```
 */
export async function phonePeHandlers(
  simulator: PhonePeSimulator,
  options: PhonePeHandlersOptions = {},
): Promise<PhonePeMswHandler[]> {
  const { http, HttpResponse } = await import('msw');
  const bases = options.baseUrl === undefined ? PHONEPE_HOSTS : [options.baseUrl].flat();
  return bases.map((base) =>
    http.all(`${base.replace(/\/+$/, '')}/*`, async ({ request }) => {
      const answer = await simulator.handle({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: await request.text(),
        signal: request.signal,
      });
      if (answer.drop) return HttpResponse.error();
      return new HttpResponse(answer.body, { status: answer.status, headers: answer.headers });
    }),
  );
}
