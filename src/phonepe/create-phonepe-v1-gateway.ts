import { createHash } from 'node:crypto';
import * as z from 'zod';
import { parseOptions } from '../core/options-error';
import type { AssertNoDrift, OptionsSchemaDrift } from '../core/options-schema-drift';
import type { RateLimiter } from '../core/rate-limiter';
import { GatewayAuthError, GatewayOrderNotFoundError, GatewayResponseError } from '../errors/index';
import type { GatewayCallOptions, GatewayPaymentStatus } from '../ports/payment-gateway';
import type { PhonePeGateway } from './create-phonepe-gateway';
import { DEFAULT_GATEWAY_TIMEOUT_MS, resolveRetry, sharedGatewayOptions } from './gateway-options-schema';
import { encodeMerchantOrderId } from './merchant-order-id';
import { httpError, parseJsonBody } from './phonepe-answer';
import { PHONEPE_V1_HOSTS, type PhonePeEnvironment, trimBase } from './phonepe-environments';
import { createPhonePeHttp, type PhonePeFetch } from './phonepe-http';
import { recommendPhonePeSchedule } from './phonepe-schedule';
import type { PhonePeRetryOptions } from './retry-policy';

/** Options of {@link createPhonePeV1Gateway}. */
export interface PhonePeV1GatewayOptions {
  /** Merchant id, sent as `X-MERCHANT-ID` and in the status path. */
  merchantId: string;
  /** Salt key from PhonePe (v1 only). Never logged, never part of an error. */
  saltKey: string;
  /** Salt index paired with the key. */
  saltIndex: number;
  /** `sandbox` (`.../apis/pg-sandbox`) or `production` (`https://api.phonepe.com/apis/hermes`). */
  environment: PhonePeEnvironment;
  /** Overrides the host (status calls go to `{baseUrl}/pg/v1/status/{merchantId}/{id}`). */
  baseUrl?: string;
  /** Bound on one status call, retries included. @default 10000 */
  timeoutMs?: number;
  /** Back-off retries for 429, 5xx and network errors; `false` disables them. @default { limit: 2, baseDelayMs: 100, maxDelayMs: 2000 } */
  retry?: PhonePeRetryOptions | false;
  /** The fetch to use. @default `globalThis.fetch`, read at every request */
  fetch?: PhonePeFetch;
  /**
   * A hard ceiling on status requests, retries included; a 429 pauses it. Give it here OR to
   * `reconcile({ rateLimit })`, not both. See `PhonePeGatewayOptions.rateLimit`. @default none
   */
  rateLimit?: RateLimiter;
}

const optionsSchema = z.strictObject({
  merchantId: z
    .string({ error: 'must be a non-empty string' })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be 1-64 characters of [A-Za-z0-9_-]' }),
  saltKey: z.string({ error: 'must be a non-empty string' }).min(1, { error: 'must be a non-empty string' }),
  saltIndex: z
    .number({ error: 'must be a positive integer' })
    .int({ error: 'must be a positive integer' })
    .min(1, { error: 'must be a positive integer' }),
  ...sharedGatewayOptions,
});

// Compile-time: this schema and PhonePeV1GatewayOptions must agree, option by option (see
// core/options-schema-drift.ts).
type _SchemaMatchesOptions = AssertNoDrift<
  OptionsSchemaDrift<PhonePeV1GatewayOptions, z.input<typeof optionsSchema>>
>;

const v1ResponseSchema = z.looseObject({
  success: z.boolean().optional(),
  code: z.string().min(1),
  message: z.string().optional(),
  data: z
    .looseObject({
      merchantTransactionId: z.string().optional(),
      transactionId: z.string().nullish(),
      amount: z.number().int().nonnegative().nullish(),
      state: z.string().nullish(),
      responseCode: z.string().nullish(),
      paymentInstrument: z.looseObject({ type: z.string().optional() }).nullish(),
    })
    .nullish(),
});

/** v1 decides on `code`. PAYMENT_PENDING and INTERNAL_SERVER_ERROR mean "not decided yet", never failure. */
const CODE_STATES: Readonly<Record<string, GatewayPaymentStatus['state']>> = {
  PAYMENT_SUCCESS: 'COMPLETED',
  PAYMENT_ERROR: 'FAILED',
  PAYMENT_DECLINED: 'FAILED',
  PAYMENT_PENDING: 'PENDING',
  INTERNAL_SERVER_ERROR: 'PENDING',
};

/**
 * Creates a `PaymentGateway` for PhonePe's deprecated v1 (salt-key) status API, for merchants not yet
 * moved to v2: `GET /pg/v1/status/{merchantId}/{id}` signed with
 * `X-VERIFY: sha256hex(path + saltKey) + "###" + saltIndex`. The outcome is decided on `code`;
 * timeouts, retries and typed errors behave as in {@link createPhonePeGateway}. It has no
 * `checkCredentials()`: v1 offers no call that checks a salt key without naming an order.
 *
 * @throws TypeError / RangeError naming the option, when an option is invalid.
 * @example
 * ```ts
 * const gateway = createPhonePeV1Gateway({
 *   merchantId: 'MERCHANTUAT', saltKey: process.env.PHONEPE_SALT_KEY!, saltIndex: 1, environment: 'sandbox',
 * });
 * ```
 */
export function createPhonePeV1Gateway(options: PhonePeV1GatewayOptions): PhonePeGateway {
  const config = parseOptions('createPhonePeV1Gateway', optionsSchema, options);
  const baseUrl = trimBase(config.baseUrl ?? PHONEPE_V1_HOSTS[config.environment]);
  const http = createPhonePeHttp({
    fetch: config.fetch as PhonePeFetch | undefined,
    timeoutMs: config.timeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS,
    retry: resolveRetry(config.retry),
  });
  const statusClient = http.client({
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'x-merchant-id': config.merchantId,
    },
    rateLimit: config.rateLimit as RateLimiter | undefined,
  });

  async function getPaymentStatus(
    merchantOrderId: string,
    callOptions?: GatewayCallOptions,
  ): Promise<GatewayPaymentStatus> {
    const id = encodeMerchantOrderId(merchantOrderId);
    const path = `/pg/v1/status/${config.merchantId}/${id}`;
    const checksum = createHash('sha256')
      .update(path + config.saltKey)
      .digest('hex');
    const answer = await http.send(
      statusClient,
      {
        url: `${baseUrl}${path}`,
        method: 'GET',
        headers: { 'x-verify': `${checksum}###${config.saltIndex}` },
      },
      callOptions?.signal,
    );
    if (answer.status === 429 || answer.status >= 500) throw httpError(answer, 'v1 status');
    let json: unknown;
    try {
      json = parseJsonBody(answer, 'v1 status');
    } catch (error) {
      if (answer.status >= 200 && answer.status < 300) throw error;
      throw httpError(answer, 'v1 status');
    }
    const body = v1ResponseSchema.safeParse(json);
    if (!body.success) {
      if (answer.status >= 200 && answer.status < 300) {
        throw new GatewayResponseError('PhonePe v1 status response lacks `code`', {
          status: answer.status,
          cause: body.error,
        });
      }
      throw httpError(answer, 'v1 status');
    }
    const { code, data } = body.data;
    const state = CODE_STATES[code];
    if (state) {
      const transactionId = data?.transactionId ?? null;
      const summary: Record<string, unknown> = {
        state,
        code,
        transaction_id: transactionId,
        amount: data?.amount ?? null,
        payment_mode: data?.paymentInstrument?.type ?? null,
      };
      if (data?.responseCode) summary.response_code = data.responseCode;
      const status: GatewayPaymentStatus = { state, transactionId, summary };
      if (typeof data?.amount === 'number') status.amount = data.amount;
      return status;
    }
    if (code === 'TRANSACTION_NOT_FOUND') {
      throw new GatewayOrderNotFoundError(`PhonePe v1 has no such transaction (${code})`, {
        status: answer.status,
      });
    }
    if (code === 'AUTHORIZATION_FAILED' || answer.status === 401) {
      throw new GatewayAuthError(`PhonePe v1 rejected the X-VERIFY signature (${code})`, {
        status: answer.status,
      });
    }
    throw new GatewayResponseError(`PhonePe v1 answered code ${code.slice(0, 80)} (HTTP ${answer.status})`, {
      status: answer.status,
    });
  }

  return { baseUrl, authUrl: baseUrl, getPaymentStatus, recommendedSchedule: recommendPhonePeSchedule };
}
