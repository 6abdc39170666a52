import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertKnownKeys } from '../core/options-error';
import type { AssertNoDrift, OptionsSchemaDrift } from '../core/options-schema-drift';
import type { PhonePeSimulator } from './phonepe-simulator';

/** A simulator served on a real local port. */
export interface ServedPhonePeSimulator {
  /** `http://127.0.0.1:<port>`: pass it as the gateway's `baseUrl`. */
  readonly url: string;
  /** The underlying server. */
  readonly server: Server;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

/** Options of {@link servePhonePeSimulator}. */
export interface ServePhonePeSimulatorOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (an ephemeral port) */
  port?: number;
}

const OPTION_KEYS = ['host', 'port'] as const;
// Compile-time: the list and ServePhonePeSimulatorOptions name the same options.
type _KeysMatchOptions = AssertNoDrift<
  OptionsSchemaDrift<ServePhonePeSimulatorOptions, Partial<Record<(typeof OPTION_KEYS)[number], unknown>>>
>;

/**
 * Serves a PhonePe simulator over real HTTP (node:http), for demos and for tests of the transport
 * itself (real fetch, real timeouts, real dropped connections), where msw would hide the network.
 * Needs no msw.
 * @example
 * ```ts
 * const served = await servePhonePeSimulator(createPhonePeSimulator());
 * const gateway = createPhonePeGateway({
 *   clientId: 'test', clientSecret: 'test', clientVersion: 1, environment: 'sandbox', baseUrl: served.url,
 * });
 * // ...
 * await served.close();
 * ```
 */
export async function servePhonePeSimulator(
  simulator: PhonePeSimulator,
  options: ServePhonePeSimulatorOptions = {},
): Promise<ServedPhonePeSimulator> {
  assertKnownKeys('servePhonePeSimulator', options, OPTION_KEYS);
  const host = options.host ?? '127.0.0.1';
  const server = createServer(async (req, res) => {
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    try {
      const body = await readBody(req);
      const answer = await simulator.handle({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body,
        signal: abort.signal,
      });
      if (answer.drop) {
        req.socket.destroy();
        return;
      }
      if (res.destroyed) return;
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    } catch {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"code":"INTERNAL_SERVER_ERROR"}');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
