import type { IncomingMessage } from 'node:http';
import { ApiErrorCode } from './error-codes';
import { HttpError } from './http-error';

/** Reads a request body up to `limit` bytes; a larger body is refused without buffering it all. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, ApiErrorCode.PayloadTooLarge, `Request body exceeds ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, ApiErrorCode.PayloadTooLarge, `Request body exceeds ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
}
