// GET /api/orders/:id: the order, synced with PhonePe while its payment is PENDING.
import { createOrderDetailsHandler, type FetchHandler } from 'phonepe-order-sync/fetch';
import { getPaymentSync } from '../../../../lib/payment-sync';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

let handler: FetchHandler | undefined;

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  if (!handler) {
    const { paymentSync, isAllowed, logger } = await getPaymentSync();
    handler = createOrderDetailsHandler({
      paymentSync,
      logger,
      idPattern: /^\d+$/,
      // Your session check goes here (e.g. Auth.js `await auth()` and an ownership query); a bearer-token
      // stand-in in this example. A refusal answers 404, like a missing order.
      authorize: (req) => isAllowed(req.headers.get('authorization')),
    });
  }
  return handler(request, context); // the id comes from context.params (a Promise since Next.js 15)
}
