import {
  isOrderNotFoundError,
  isWebhookAuthError,
  isWebhookPayloadError,
  type SyncOutcome,
  silentLogger,
} from '../index';
import { verifyPhonePeWebhook } from '../phonepe/index';
import { errorResponse, jsonResponse, responseForError } from './error-status';
import { assertWebhookOptions, type PhonePeWebhookHandlerOptions } from './handler-options';
import type { HttpHandler } from './http-types';
import type { WebhookAckReason, WebhookAckWire } from './order-details-wire';

/** Default largest webhook body: PhonePe's bodies are a few KiB. */
export const DEFAULT_MAX_WEBHOOK_BODY_BYTES = 64 * 1024;

const REASON_BY_OUTCOME: Partial<Record<SyncOutcome, WebhookAckReason>> = {
  updated: 'updated',
  'still-pending': 'still-pending',
  'not-pending': 'already-settled',
  superseded: 'already-settled',
  'amount-mismatch': 'amount-mismatch',
};

const ack = (reason: WebhookAckReason) => jsonResponse<WebhookAckWire>(200, { acknowledged: true, reason });

const byteLength = (body: Uint8Array | string) =>
  typeof body === 'string' ? new TextEncoder().encode(body).byteLength : body.byteLength;

/** A neutral webhook handler, plus the limit adapters should stop reading at. */
export interface PhonePeWebhookHttpHandler<TRequest = unknown> extends HttpHandler<TRequest> {
  /** Adapters read at most `maxBodyBytes + 1` bytes and pass them on; the handler answers 413. */
  readonly maxBodyBytes: number;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The framework-neutral PhonePe webhook handler (`POST /webhooks/phonepe`). It answers 2xx only once
 * the delivery's effect is committed or known to be a no-op, so PhonePe keeps delivering until then:
 * - body over `maxBodyBytes` -> 413; wrong/missing `Authorization` -> 401 and nothing written;
 *   unparseable JSON or payload -> 400;
 * - an order event is applied through `paymentSync.applyGatewayStatus` (source `webhook`) -> 200 with
 *   a reason: `updated`, `still-pending`, `already-settled` (duplicate or late), `amount-mismatch`;
 * - refund and unknown events, unknown states, unknown orders -> 200 with a reason, logged, nothing written;
 * - a repository failure -> 503 so PhonePe delivers again.
 * @example
 * ```ts
 * const handle = createPhonePeWebhookHttpHandler({ paymentSync, credentials: { username, password } });
 * const res = await handle({ method: 'POST', headers, rawBody, original: req });
 * ```
 */
export function createPhonePeWebhookHttpHandler<TRequest = unknown>(
  options: PhonePeWebhookHandlerOptions,
): PhonePeWebhookHttpHandler<TRequest> {
  assertWebhookOptions(options, 'createPhonePeWebhookHandler');
  const {
    paymentSync,
    credentials,
    logger = silentLogger,
    maxBodyBytes = DEFAULT_MAX_WEBHOOK_BODY_BYTES,
  } = options;
  const where = { route: 'phonepe-webhook' };

  const handler = async (request: Parameters<HttpHandler<TRequest>>[0]) => {
    const rawBody = request.rawBody ?? '';
    if (byteLength(rawBody) > maxBodyBytes) {
      logger.warn({ ...where, maxBodyBytes }, 'webhook body over the size limit; refused');
      return errorResponse('PAYLOAD_TOO_LARGE', `The webhook body is larger than ${maxBodyBytes} bytes`);
    }
    let event: ReturnType<typeof verifyPhonePeWebhook>;
    try {
      event = verifyPhonePeWebhook(credentials, headerValue(request.headers.authorization), rawBody);
    } catch (error) {
      // Auth and payload failures are the caller's: 401/400 with the package's own message.
      if (!isWebhookAuthError(error) && !isWebhookPayloadError(error)) {
        return responseForError(error, logger, where);
      }
      logger.warn({ ...where, code: error.code }, 'webhook refused');
      return errorResponse(error.code, error.message);
    }

    const about = { ...where, event: event.event, merchantOrderId: event.merchantOrderId };
    if (!event.status || !event.merchantOrderId) {
      const reason = event.kind === 'order' ? 'unknown-state' : 'ignored-event';
      logger.info({ ...about, state: event.state, reason }, 'webhook acknowledged without a change');
      return ack(reason);
    }
    try {
      const result = await paymentSync.applyGatewayStatus(event.merchantOrderId, event.status, {
        source: 'webhook',
      });
      const reason = REASON_BY_OUTCOME[result.outcome] ?? 'already-settled';
      if (reason !== 'updated') logger.info({ ...about, reason }, 'webhook acknowledged');
      return ack(reason);
    } catch (error) {
      if (isOrderNotFoundError(error)) {
        logger.warn({ ...about, reason: 'unknown-order' }, 'webhook for an unknown order acknowledged');
        return ack('unknown-order');
      }
      return responseForError(error, logger, about);
    }
  };
  return Object.assign(handler, { maxBodyBytes });
}
