import { GatewayError, isGatewayError } from '../errors/index';

/**
 * @internal `gateway.checkCredentials()` for the v2 gateway: one fresh token request (retried like any
 * on 429/5xx/network, inside the gateway's `timeoutMs`), whatever the gateway's token cache holds, so
 * it tests the credentials as configured now. PhonePe refusing them (HTTP 400/401/403 on the token
 * endpoint) rejects `GatewayAuthError`; a gateway it cannot reach rejects its own `GatewayError`
 * subclass, so a readiness probe can tell the two apart.
 */
export function createCredentialsCheck(fetchToken: () => Promise<unknown>): () => Promise<void> {
  return async () => {
    try {
      await fetchToken();
    } catch (error) {
      if (isGatewayError(error)) throw error;
      throw new GatewayError('PhonePe credential check failed', { cause: error });
    }
  };
}
