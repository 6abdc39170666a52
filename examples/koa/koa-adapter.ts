// koa-adapter.ts: a Koa adapter over phonepe-order-sync/http, the whole translation between Koa's
// context and the framework-neutral handlers. Copy it into your app: nothing in it is this example's.
import type { IncomingMessage } from 'node:http';
import type { Context, Middleware } from 'koa';
import {
  decodeRouteSegment,
  type HttpHandler,
  type HttpResponse,
  type PhonePeWebhookHttpHandler,
} from 'phonepe-order-sync/http';

/** Status, headers, then the JSON text: `content-type` is set first, so Koa keeps it. */
function send(ctx: Context, answer: HttpResponse): void {
  ctx.status = answer.status;
  ctx.set(answer.headers);
  ctx.body = JSON.stringify(answer.body);
}

/**
 * The id the route captured, URL-decoded. `ctx.captures[0]` is the raw `:id` of a string route and the
 * `id` group of `orderRoutePattern()` alike (@koa/router fills `ctx.params` for string routes only).
 * Malformed escapes stay as they are: the handler's id check answers 400 rather than Koa a 500.
 */
function routeId(ctx: Context): string | undefined {
  const raw = (ctx as { captures?: string[] }).captures?.[0];
  return raw === undefined ? undefined : decodeRouteSegment(raw);
}

/** Reads at most `limit + 1` bytes and drains the rest, so the client can read the 413 that follows. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (size <= limit) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks);
}

/** Koa middleware for `GET .../orders/:id/`; mount it on `orderRoutePattern()` after your auth. */
export function koaOrderRoute(handle: HttpHandler<Context>): Middleware {
  return async (ctx) => {
    const params = { id: routeId(ctx) };
    send(ctx, await handle({ method: ctx.method, params, headers: ctx.headers, original: ctx }));
  };
}

/**
 * Koa middleware for PhonePe's webhook, mounted before or after a body parser. PhonePe's `Authorization`
 * header signs nothing, so any form of the body verifies alike: when a parser read the request, its
 * `ctx.request.rawBody` (@koa/bodyparser's text) or else `ctx.request.body` (koa-body's object); when
 * none did (Koa has none built in), the request stream, read here up to `handle.maxBodyBytes` (413 past it).
 */
export function koaWebhookRoute(handle: PhonePeWebhookHttpHandler<Context>): Middleware {
  return async (ctx) => {
    // A parser that skipped this content type may still have set `body` ({}): trust the stream's own flag.
    const parsed = ctx.request as { rawBody?: unknown; body?: unknown };
    const read = ctx.req.readableDidRead;
    const rawBody = read && typeof parsed.rawBody === 'string' ? parsed.rawBody : undefined;
    const body = read ? parsed.body : await readBody(ctx.req, handle.maxBodyBytes);
    send(ctx, await handle({ method: ctx.method, headers: ctx.headers, rawBody, body, original: ctx }));
  };
}
