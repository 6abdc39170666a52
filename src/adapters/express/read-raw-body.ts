import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body as bytes, keeping at most `limit + 1` bytes: past that it keeps draining (so the
 * client can read the 413 that follows) but stores nothing more.
 */
export function readRawBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    request.on('data', (chunk: Buffer) => {
      if (kept > limit) return;
      chunks.push(chunk);
      kept += chunk.length;
    });
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
}
