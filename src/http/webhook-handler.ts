import { isOrderScopedGatewayError } from '../core/is-order-scoped-gateway-error';
import {
  isOrderNotFoundError,
  isWebhookAuthError,
  isWebhookPayloadError,
  type PaymentStatus,
  type SyncOutcome,
  type SyncResult,
  silentLogger,
} from '../index';
import { errorResponse, jsonResponse, responseForError } from './error-status';
import {
  assertWebhookOptions,
  type PhonePeWebhookHandlerOptions,
  type VerifiedWebhookEvent,
  type VerifyWebhook,
  type WebhookHttpHandlerOptions,
} from './handler-options';
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
 * the delivery's effect is committed or known to be a no-op:
 * - body over `maxBodyBytes` -> 413; wrong/missing `Authorization` -> 401 and nothing written;
 *   unparseable JSON or payload -> 400;
 * - an order event goes through `paymentSync.applyGatewayStatus` (source `webhook`). By default
 *   (`confirmWithGateway`) the body is only a trigger: PhonePe's `Authorization` header is a static
 *   shared secret, not a signature over the body, so the state is confirmed with the status API and
 *   PhonePe's answer is what is written -> 200 `updated`, `unconfirmed` (nothing written),
 *   `still-pending`, `already-settled` (duplicate or late), `amount-mismatch`; a status call that
 *   fails, or an open circuit -> 503 `WEBHOOK_NOT_CONFIRMED`, nothing written;
 * - refund and unknown events, unknown states, unknown orders -> 200 with a reason, logged, nothing written;
 * - a repository failure -> 503, nothing acknowledged. PhonePe does not document redelivery: the
 *   reconciler is what settles every order.
 * @example
 * ```ts
 * import type { IncomingMessage } from 'node:http';
 * import { verifyPhonePeWebhook } from 'phonepe-order-sync/phonepe';
 *
 * declare const req: IncomingMessage, rawBody: Buffer; // the request and its body, as your server has them
 * const handle = createPhonePeWebhookHttpHandler<IncomingMessage>({
 *   paymentSync,
 *   credentials, // { username, password }, as set on PhonePe's dashboard
 *   verify: verifyPhonePeWebhook,
 * });
 * const { status, headers, body } = await handle({ method: 'POST', headers: req.headers, rawBody, original: req });
 * ```
 */
export function createPhonePeWebhookHttpHandler<TRequest = unknown>(
  options: WebhookHttpHandlerOptions,
): PhonePeWebhookHttpHandler<TRequest> {
  return createWebhookRouteHandler(options, 'createPhonePeWebhookHandler');
}

/** The body as received: bytes or text as they are, else the value a parser made, else empty. */
function bodyOf(request: { rawBody?: Uint8Array | string | undefined; body?: unknown }) {
  if (request.rawBody !== undefined) return request.rawBody;
  const { body } = request;
  if (body === undefined || body === null) return '';
  return body;
}

/**
 * @internal {@link createPhonePeWebhookHttpHandler} with the name option errors carry (`where`) and the
 * verifier used when `options.verify` is absent: the adapters pass PhonePe's, the neutral factory none.
 */
export function createWebhookRouteHandler<TRequest = unknown>(
  options: PhonePeWebhookHandlerOptions,
  where: string,
  defaultVerify?: VerifyWebhook,
): PhonePeWebhookHttpHandler<TRequest> {
  assertWebhookOptions(options, where);
  const verify = options.verify ?? defaultVerify;
  if (verify === undefined) {
    throw new TypeError(
      `${where}: \`verify\` is required: pass verifyPhonePeWebhook from phonepe-order-sync/phonepe`,
    );
  }
  const {
    paymentSync,
    credentials,
    logger = silentLogger,
    maxBodyBytes = DEFAULT_MAX_WEBHOOK_BODY_BYTES,
    confirmWithGateway = true,
  } = options;
  const route = { route: 'phonepe-webhook' };

  /** The answer once PhonePe's status API was asked about the webhook's order. */
  function answerConfirmed(sent: PaymentStatus, result: SyncResult, about: Record<string, unknown>) {
    const applied = result.payment.paymentStatus;
    if (result.outcome === 'gateway-error' || result.outcome === 'circuit-open') {
      if (result.error && isOrderScopedGatewayError(result.error)) {
        logger.warn(
          { ...about, sent, code: result.error.code },
          'webhook not confirmed: PhonePe refuses the order',
        );
        return ack('unconfirmed');
      }
      logger.warn(
        { ...about, sent, outcome: result.outcome, code: result.error?.code },
        'webhook could not be confirmed with the status API now; nothing written',
      );
      return errorResponse(
        'WEBHOOK_NOT_CONFIRMED',
        'The payment state could not be confirmed with PhonePe now; nothing was written',
      );
    }
    if (result.outcome === 'still-pending' && sent !== 'PENDING') {
      logger.warn(
        { ...about, sent },
        'webhook not confirmed: PhonePe still reports PENDING; nothing written',
      );
      return ack('unconfirmed');
    }
    if (result.outcome === 'updated' && applied !== sent) {
      logger.warn({ ...about, sent, applied }, 'webhook state differs from the status API; applied the API');
    }
    const reason = REASON_BY_OUTCOME[result.outcome] ?? 'already-settled';
    if (reason !== 'updated') logger.info({ ...about, reason }, 'webhook acknowledged');
    return ack(reason);
  }

  const handler = async (request: Parameters<HttpHandler<TRequest>>[0]) => {
    const body = bodyOf(request);
    if ((typeof body === 'string' || body instanceof Uint8Array) && byteLength(body) > maxBodyBytes) {
      logger.warn({ ...route, maxBodyBytes }, 'webhook body over the size limit; refused');
      return errorResponse('PAYLOAD_TOO_LARGE', `The webhook body is larger than ${maxBodyBytes} bytes`);
    }
    let event: VerifiedWebhookEvent;
    try {
      event = verify(credentials, headerValue(request.headers.authorization), body as object);
    } catch (error) {
      // Auth and payload failures are the caller's: 401/400 with the package's own message.
      if (!isWebhookAuthError(error) && !isWebhookPayloadError(error)) {
        return responseForError(error, logger, route);
      }
      logger.warn({ ...route, code: error.code }, 'webhook refused');
      return errorResponse(error.code, error.message);
    }

    const about = { ...route, event: event.event, merchantOrderId: event.merchantOrderId };
    if (!event.status || !event.merchantOrderId) {
      const reason = event.kind === 'order' ? 'unknown-state' : 'ignored-event';
      logger.info({ ...about, state: event.state, reason }, 'webhook acknowledged without a change');
      return ack(reason);
    }
    try {
      const result = await paymentSync.applyGatewayStatus(event.merchantOrderId, event.status, {
        source: 'webhook',
        confirm: confirmWithGateway,
      });
      if (confirmWithGateway) return answerConfirmed(event.status.state, result, about);
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
