/**
 * A request as the framework-neutral handlers see it. Adapters build one per request; `original` is
 * the framework's own request object, handed unchanged to the user's `authorize` callback.
 */
export interface HttpRequest<TOriginal = unknown> {
  /** Upper-case HTTP method. */
  method: string;
  /** Route parameters; the order routes read `id` (already URL-decoded by the router). */
  params?: { id?: string | undefined };
  /** Request headers with lower-case names (Node's `IncomingHttpHeaders` fits as is). */
  headers: Record<string, string | string[] | undefined>;
  /**
   * The body exactly as received, for the webhook. An adapter that stops reading at the size limit
   * passes what it read (longer than the limit), and the handler answers 413.
   */
  rawBody?: Uint8Array | string | undefined;
  /**
   * The webhook body in whatever form the framework already has it, when there is no `rawBody`: bytes,
   * a string, or a JSON value a body parser already made (`express.json()`). PhonePe's `Authorization`
   * header signs nothing, so a parsed body is as good as the bytes. The size limit applies to bytes and
   * strings; a parsed body was bounded by the parser's own limit.
   */
  body?: unknown;
  /** The framework's own request (Express `req`, Fastify `request`, a Web `Request`). */
  original: TOriginal;
}

/** What a neutral handler answers: adapters copy it onto the framework's response. */
export interface HttpResponse<TBody = unknown> {
  status: number;
  /** Lower-case header names. Always includes `content-type`. */
  headers: Record<string, string>;
  /** A JSON-serialisable body. */
  body: TBody;
}

/** A framework-neutral handler. It never throws: every failure is an answer with an error body. */
export type HttpHandler<TOriginal = unknown> = (request: HttpRequest<TOriginal>) => Promise<HttpResponse>;
