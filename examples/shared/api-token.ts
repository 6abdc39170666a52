// Stand-in for your auth: the order route admits `Authorization: Bearer <API_TOKEN>`. In your app,
// your auth middleware identifies the user and `authorize` checks that the order is theirs.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'phonepe-order-sync';

/** Used only when API_TOKEN is unset and the simulator stands in for PhonePe. */
export const DEMO_API_TOKEN = 'demo-token';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** A check of an `Authorization` header value against API_TOKEN (constant time). */
export function apiTokenCheck(
  env: NodeJS.ProcessEnv,
  { demo, logger }: { demo: boolean; logger: Logger },
): (authorization: string | null | undefined) => boolean {
  let token = env.API_TOKEN;
  if (!token) {
    if (!demo) throw new Error('Set API_TOKEN: the order route admits "Authorization: Bearer <API_TOKEN>"');
    logger.warn({ event: 'api-token' }, `API_TOKEN unset: the order route admits "Bearer ${DEMO_API_TOKEN}"`);
    token = DEMO_API_TOKEN;
  }
  const expected = digest(`Bearer ${token}`);
  return (authorization) =>
    typeof authorization === 'string' && timingSafeEqual(digest(authorization), expected);
}
