// POST /api/phonepe/webhook: PhonePe's webhook. The handler reads the raw body itself: do not call
// request.json() before it. node:crypto hashes the credentials to check PhonePe's Authorization header
// (a static shared secret, not a signature over the body), hence the Node.js runtime.
import { createPhonePeWebhookHandler, type FetchHandler } from 'phonepe-order-sync/fetch';
import { getPaymentSync } from '../../../../lib/payment-sync';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

let handler: FetchHandler | undefined;

export async function POST(request: Request): Promise<Response> {
  if (!handler) {
    const { paymentSync, credentials, logger } = await getPaymentSync();
    handler = createPhonePeWebhookHandler({ paymentSync, credentials, logger });
  }
  return handler(request);
}
