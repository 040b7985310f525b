import type { IncomingMessage } from 'node:http';
import { ApiErrorCode } from './error-codes';
import { HttpError } from './http-error';

/**
 * Reads a request body up to `limit` bytes; a larger body is refused without buffering it all.
 * @remarks Stream events rather than `for await`: the async iterator costs a few allocations and
 * promise hops per chunk, and this runs on every POST.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new HttpError(413, ApiErrorCode.PayloadTooLarge, `Request body exceeds ${limit} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        reject(new HttpError(413, ApiErrorCode.PayloadTooLarge, `Request body exceeds ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}
