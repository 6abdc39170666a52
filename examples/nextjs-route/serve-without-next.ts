// Runs the two route files on node:http the way Next.js calls them (Web Request in, Web Response out,
// `params` as a Promise), for trying the example without a Next.js app, and for its CI smoke test.
//   npm run build && npx tsx examples/nextjs-route/serve-without-next.ts     # PORT (default 3000)
// In a Next.js app, copy app/ and lib/ (and ../shared) into your project instead.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { closeHttpServer } from '../shared/close-http-server';
import { onShutdown } from '../shared/on-shutdown';
import { GET as orderDetails } from './app/api/orders/[id]/route';
import { POST as phonePeWebhook } from './app/api/phonepe/webhook/route';
import { closePaymentSync, getPaymentSync } from './lib/payment-sync';

const { logger } = await getPaymentSync(); // start at boot here, to log the setup before listening

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, v);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`), {
    method: req.method,
    headers,
    ...(hasBody && { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' }),
  } as RequestInit);
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.writeHead(response.status);
  res.end(Buffer.from(await response.arrayBuffer()));
}

const routes: Array<{
  method: string;
  pattern: RegExp;
  run: (request: Request, m: RegExpMatchArray) => Promise<Response>;
}> = [
  {
    method: 'GET',
    pattern: /^\/api\/orders\/([^/]+)\/?$/,
    run: (request, m) =>
      orderDetails(request, { params: Promise.resolve({ id: decodeURIComponent(m[1]!) }) }),
  },
  { method: 'POST', pattern: /^\/api\/phonepe\/webhook\/?$/, run: (request) => phonePeWebhook(request) },
];

const server = createServer(async (req, res) => {
  try {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    for (const route of routes) {
      const m = path.match(route.pattern);
      if (m && req.method === route.method) return await send(res, await route.run(toRequest(req), m));
    }
    await send(
      res,
      Response.json({ error: { code: 'NOT_FOUND', message: 'No such route' } }, { status: 404 }),
    );
  } catch (error) {
    logger.error({ err: String(error) }, 'route failed'); // Next.js answers 500 for a throwing route too
    if (!res.headersSent) res.writeHead(500);
    res.end();
  }
});

server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address() as AddressInfo;
  logger.info(
    { event: 'listening', url: `http://${address}:${port}` },
    `listening on http://${address}:${port}`,
  );
});

onShutdown(logger, async () => {
  await closeHttpServer(server); // stops accepting; requests in flight finish first
  await closePaymentSync();
});
