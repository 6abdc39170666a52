import { afterAll, beforeAll } from 'vitest';
import {
  createPhonePeGateway,
  type PhonePeGatewayOptions,
  type PhonePeV2Gateway,
} from '../../src/phonepe/index';
import {
  type PhonePeSimulator,
  type ServedPhonePeSimulator,
  servePhonePeSimulator,
} from '../../src/testing/index';

/** A PhonePe simulator on a real local port, for one test file. */
export interface ServedPhonePe {
  /** `http://127.0.0.1:<port>` (read it inside a test or hook: the port opens in `beforeAll`). */
  readonly url: string;
  /** A v2 gateway on `url`: client `id`/`secret`/version 1, sandbox, then `overrides`. */
  gateway(overrides?: Partial<PhonePeGatewayOptions>): PhonePeV2Gateway;
}

/**
 * Serves a PhonePe simulator on one real port for the test file (opened in `beforeAll`, closed in
 * `afterAll`). Each request goes to the simulator `current()` returns when it arrives, so a file can
 * give every test a fresh simulator (assigned in `beforeEach`) behind the same server.
 * @example
 * ```ts
 * let simulator: PhonePeSimulator;
 * beforeEach(() => { simulator = createPhonePeSimulator(); });
 * const served = useServedPhonePe(() => simulator);
 * it('...', () => served.gateway({ retry: false }).getPaymentStatus('42'));
 * ```
 */
export function useServedPhonePe(current: () => PhonePeSimulator): ServedPhonePe {
  let served: ServedPhonePeSimulator | undefined;
  beforeAll(async () => {
    served = await servePhonePeSimulator({
      handle: (request) => current().handle(request),
    } as PhonePeSimulator);
  });
  afterAll(() => served?.close());
  const url = () => {
    if (!served)
      throw new Error('useServedPhonePe: the simulator is served in beforeAll; read url in a test');
    return served.url;
  };
  return {
    get url() {
      return url();
    },
    gateway: (overrides = {}) =>
      createPhonePeGateway({
        clientId: 'id',
        clientSecret: 'secret',
        clientVersion: 1,
        environment: 'sandbox',
        baseUrl: url(),
        ...overrides,
      }),
  };
}
