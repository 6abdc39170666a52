import { randomBytes } from 'node:crypto';
import { errorJson, json } from '../responses';
import type { Route } from '../route';

/** `POST …/v1/oauth/token`: client credentials (a form) for an O-Bearer access token. */
export const tokenRoute: Route<'token'> = {
  endpoint: 'token',
  method: 'POST',
  path: /\/v1\/oauth\/token$/,
  contentType: 'application/x-www-form-urlencoded',
  auth: 'none',
  handle({ body }, state) {
    const form = new URLSearchParams(body);
    const clientId = form.get('client_id') ?? '';
    const { clients } = state.options;
    const known =
      !clients ||
      clients.some(
        (c) =>
          c.clientId === clientId &&
          c.clientSecret === form.get('client_secret') &&
          (c.clientVersion === undefined || String(c.clientVersion) === form.get('client_version')),
      );
    if (form.get('grant_type') !== 'client_credentials' || !clientId) {
      return { response: errorJson(400, 'BAD_REQUEST', 'Invalid token request'), about: { clientId } };
    }
    if (!known) {
      return { response: errorJson(401, 'INVALID_CLIENT', 'Bad client credentials'), about: { clientId } };
    }
    const issuedAt = Math.floor(state.now() / 1000);
    const token = `sim.${randomBytes(12).toString('hex')}`;
    state.tokens.set(token, { clientId, expiresAtMs: (issuedAt + state.tokenTtlSeconds) * 1000 });
    const response = json(200, {
      access_token: token,
      encrypted_access_token: token,
      expires_in: null,
      issued_at: issuedAt,
      expires_at: issuedAt + state.tokenTtlSeconds,
      session_expires_at: issuedAt + state.tokenTtlSeconds,
      token_type: 'O-Bearer',
    });
    return { response, about: { clientId } };
  },
};
