import * as z from 'zod';
import { DEFAULT_RETRY, type ResolvedRetry } from './retry-policy';

/** @internal Options shared by the v2 and v1 gateways. */
export const sharedGatewayOptions = {
  environment: z.enum(['sandbox', 'production'], { error: "must be 'sandbox' or 'production'" }),
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  timeoutMs: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(1, { error: 'must be between 1 and 600000' })
    .max(600_000, { error: 'must be between 1 and 600000' })
    .optional(),
  retry: z
    .union([
      z.literal(false),
      z.strictObject({
        limit: z.number().int().min(0).max(10).optional(),
        baseDelayMs: z.number().int().min(0).max(60_000).optional(),
        maxDelayMs: z.number().int().min(0).max(600_000).optional(),
      }),
    ])
    .optional(),
  fetch: z
    .custom<unknown>((value) => typeof value === 'function', { error: 'must be a function' })
    .optional(),
  rateLimit: z
    .custom<unknown>(
      (value) => {
        const limiter = value as { acquire?: unknown; pause?: unknown } | null;
        return typeof limiter?.acquire === 'function' && typeof limiter.pause === 'function';
      },
      { error: 'must be a RateLimiter (createRateLimiter)' },
    )
    .optional(),
};

/** @internal */
export function resolveRetry(retry: false | Partial<ResolvedRetry> | undefined): ResolvedRetry {
  if (retry === false) return { ...DEFAULT_RETRY, limit: 0 };
  return {
    ...DEFAULT_RETRY,
    ...Object.fromEntries(Object.entries(retry ?? {}).filter(([, v]) => v !== undefined)),
  };
}

/** Default bound on one status call (all attempts and back-offs included), in milliseconds. */
export const DEFAULT_GATEWAY_TIMEOUT_MS = 10_000;
