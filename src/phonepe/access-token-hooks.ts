import { type BeforeRequestHook, type BeforeRetryHook, isHTTPError } from 'ky';
import type { OAuthTokenCache } from './oauth-token-cache';
import { phonePeCallOf } from './phonepe-call';

/**
 * @internal ky hooks that carry a gateway's OAuth token. Before every attempt, `Authorization: O-Bearer
 * <token>` from the cache (fetched once for all concurrent calls). Before the one resend a 401 earns (see
 * `retryWithinBudget`), the rejected token is replaced: one refresh shared by every call that saw it
 * rejected, after which the resend picks the new token up like any attempt.
 */
export function accessTokenHooks(tokens: OAuthTokenCache): {
  beforeRequest: BeforeRequestHook[];
  beforeRetry: BeforeRetryHook[];
} {
  return {
    beforeRequest: [
      async (request, options) => {
        const call = phonePeCallOf(options);
        call.token = await tokens.get(call.signal);
        request.headers.set('authorization', `O-Bearer ${call.token}`);
      },
    ],
    beforeRetry: [
      async ({ error, options }) => {
        const call = phonePeCallOf(options);
        if (isHTTPError(error) && error.response.status === 401 && call.token !== undefined) {
          await tokens.replaceRejected(call.token, call.signal);
        }
      },
    ],
  };
}
