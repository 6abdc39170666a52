/** The PhonePe environment a gateway talks to. */
export type PhonePeEnvironment = 'sandbox' | 'production';

/**
 * @internal Hosts of PhonePe's v2 API. The token path prefix differs by environment (sandbox serves
 * OAuth under `pg-sandbox`, production under `identity-manager`), so both bases are listed whole.
 */
export const PHONEPE_V2_HOSTS: Readonly<Record<PhonePeEnvironment, { pg: string; auth: string }>> = {
  sandbox: {
    pg: 'https://api-preprod.phonepe.com/apis/pg-sandbox',
    auth: 'https://api-preprod.phonepe.com/apis/pg-sandbox',
  },
  production: {
    pg: 'https://api.phonepe.com/apis/pg',
    auth: 'https://api.phonepe.com/apis/identity-manager',
  },
};

/** @internal Hosts of the deprecated v1 (salt-key) API. */
export const PHONEPE_V1_HOSTS: Readonly<Record<PhonePeEnvironment, string>> = {
  sandbox: 'https://api-preprod.phonepe.com/apis/pg-sandbox',
  production: 'https://api.phonepe.com/apis/hermes',
};

/** @internal Appended to the auth base. */
export const TOKEN_PATH = '/v1/oauth/token';

/** @internal Strips trailing slashes so that joined paths never hold `//`. */
export function trimBase(url: string): string {
  return url.replace(/\/+$/, '');
}
