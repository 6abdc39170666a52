// The PhonePe gateway: real PhonePe when PHONEPE_CLIENT_ID is set, otherwise the simulator from
// phonepe-order-sync/testing served on a local port, so the examples run without an account.
import type { Logger, PaymentGateway } from 'phonepe-order-sync';
import { createPhonePeGateway } from 'phonepe-order-sync/phonepe';
import {
  createPhonePeSimulator,
  type PhonePeSimulator,
  servePhonePeSimulator,
} from 'phonepe-order-sync/testing';

export interface ExamplePhonePe {
  gateway: PaymentGateway;
  /** Set when the simulator stands in for PhonePe. */
  simulator?: PhonePeSimulator;
  /** Stops the simulator, if any. */
  close(): Promise<void>;
}

/**
 * PHONEPE_CLIENT_ID, PHONEPE_CLIENT_SECRET, PHONEPE_CLIENT_VERSION (default 1), PHONEPE_ENV (`sandbox` |
 * `production`, default sandbox), PHONEPE_BASE_URL (optional host override).
 */
export async function connectPhonePe(env: NodeJS.ProcessEnv, logger: Logger): Promise<ExamplePhonePe> {
  if (env.PHONEPE_CLIENT_ID) {
    const environment = env.PHONEPE_ENV === 'production' ? 'production' : 'sandbox';
    const gateway = createPhonePeGateway({
      clientId: env.PHONEPE_CLIENT_ID,
      clientSecret: env.PHONEPE_CLIENT_SECRET ?? '',
      clientVersion: env.PHONEPE_CLIENT_VERSION ?? 1,
      environment,
      // Optional: another host for the PG and OAuth calls (a proxy, or a PhonePe simulator you run).
      ...(env.PHONEPE_BASE_URL && { baseUrl: env.PHONEPE_BASE_URL }),
    });
    logger.info({ event: 'phonepe', environment }, `using PhonePe ${environment}`);
    return { gateway, close: async () => {} };
  }
  const simulator = createPhonePeSimulator();
  const served = await servePhonePeSimulator(simulator);
  const gateway = createPhonePeGateway({
    clientId: 'simulator',
    clientSecret: 'simulator',
    clientVersion: 1,
    environment: 'sandbox',
    baseUrl: served.url,
  });
  logger.warn(
    { event: 'phonepe-simulator', url: served.url },
    'PHONEPE_CLIENT_ID is not set: using the in-process PhonePe simulator (no real payments)',
  );
  return { gateway, simulator, close: () => served.close() };
}
