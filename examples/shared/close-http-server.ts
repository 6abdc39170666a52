// Closing a node:http server (Express's too) gracefully. server.close() stops accepting and closes the
// keep-alive sockets idle at that moment; a socket whose request is still in flight stays open after its
// response until keepAliveTimeout (5 s). Closing idle sockets again until the server is closed ends each
// one as soon as its response is sent.
import type { Server } from 'node:http';

export async function closeHttpServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
  }
}
