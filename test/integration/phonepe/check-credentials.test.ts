// Issue 12: `gateway.checkCredentials()` for start-up and readiness, against the simulator on a real port.
import { describe, expect, it } from 'vitest';
import { isGatewayAuthError, isGatewayError } from '../../../src/index';
import { createPhonePeV1Gateway } from '../../../src/phonepe/index';
import { createPhonePeSimulator } from '../../../src/testing/index';
import { useServedPhonePe } from '../../support/served-phonepe';

const simulator = createPhonePeSimulator({
  clients: [{ clientId: 'shop', clientSecret: 'right-secret', clientVersion: 1 }],
});
const served = useServedPhonePe(() => simulator);

const gateway = (clientSecret: string) =>
  served.gateway({ clientId: 'shop', clientSecret, retry: false, timeoutMs: 5000 });

describe('checkCredentials', () => {
  it('resolves with working credentials, after exactly one token request and no status call', async () => {
    simulator.resetCounts();
    await expect(gateway('right-secret').checkCredentials()).resolves.toBeUndefined();
    expect(simulator.counts).toMatchObject({ token: 1, status: 0 });
  });

  it('rejects GatewayAuthError when PhonePe refuses them, without the secret in the message', async () => {
    const error = await gateway('wrong-secret')
      .checkCredentials()
      .catch((e: unknown) => e);
    expect(isGatewayAuthError(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain('wrong-secret');
  });

  it('rejects another GatewayError, not GatewayAuthError, when PhonePe is down', async () => {
    simulator.inject({ type: 'http-error', status: 503 }, { endpoint: 'token', times: 1 });
    const error = await gateway('right-secret')
      .checkCredentials()
      .catch((e: unknown) => e);
    expect(isGatewayError(error)).toBe(true);
    expect(isGatewayAuthError(error)).toBe(false);
  });

  it('is absent on the v1 gateway (optional on the port)', () => {
    const v1 = createPhonePeV1Gateway({
      merchantId: 'M',
      saltKey: 'k',
      saltIndex: 1,
      environment: 'sandbox',
    });
    expect(v1.checkCredentials).toBeUndefined();
  });
});
