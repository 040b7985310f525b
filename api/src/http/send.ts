import type { ServerResponse } from 'node:http';
import type { ApiErrorCode } from './error-codes';
import { JSON_TYPE } from './negotiate';

/** Writes a JSON body (non-GraphQL routes such as /healthz). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * Writes a GraphQL-shaped error (`{"errors":[{message, extensions:{code}}]}`) so GraphQL clients
 * can read refusals that happen before GraphQL runs (401, 403, 413, 429…).
 */
export function sendGraphqlError(
  res: ServerResponse,
  status: number,
  code: ApiErrorCode,
  message: string,
  options: { headers?: Record<string, string>; contentType?: string; extensions?: Record<string, unknown> } = {},
): void {
  const text = JSON.stringify({ errors: [{ message, extensions: { code, ...options.extensions } }] });
  res.writeHead(status, {
    'content-type': options.contentType ?? JSON_TYPE,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...options.headers,
  });
  res.end(text);
}
