import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Logger } from 'pino';
import type { PartnerKeyService } from '../auth/partner-key-service';
import type { AuthFailure } from '../auth/types';
import type { ResponseCache } from '../cache/response-cache';
import { createContext, type ApiContext, type ContextServices } from '../graphql/context';
import type { ApiLimits } from '../limits/limits';
import { rateLimitHeaders } from '../rate-limit/rate-limit-headers';
import type { RateLimiter } from '../rate-limit/types';
import type { UsageRecorder } from '../usage/usage-recorder';
import type { ApiMetrics } from '../metrics/api-metrics';
import { ApiErrorCode } from './error-codes';
import { etagOf, ifNoneMatch } from './etag';
import { HttpError } from './http-error';
import { JSON_TYPE, responseMediaType } from './negotiate';
import { readBody } from './read-body';
import { sendGraphqlError } from './send';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from './unavailable';

export interface GraphqlHandlerOptions {
  apollo: ApolloServer<ApiContext>;
  keys: PartnerKeyService;
  rateLimiter: RateLimiter;
  defaultRateLimitPerMinute: number;
  usage: UsageRecorder;
  responseCache: ResponseCache | undefined;
  services: ContextServices;
  limits: ApiLimits;
  cacheMaxAgeSeconds: number;
  logger: Logger;
  metrics?: ApiMetrics;
}

const authErrors: Record<AuthFailure, { code: ApiErrorCode; message: string }> = {
  missing: { code: ApiErrorCode.ApiKeyMissing, message: 'Send your partner key as `Authorization: Bearer <key>`.' },
  invalid: { code: ApiErrorCode.ApiKeyInvalid, message: 'This key is not a valid Kilde partner key.' },
  revoked: { code: ApiErrorCode.ApiKeyRevoked, message: 'This key has been revoked. Ask Kilde for a new one.' },
  expired: { code: ApiErrorCode.ApiKeyExpired, message: 'This key has expired (its rotation overlap ended). Use the new key.' },
};

/** Shown when a partner's GET query is cacheable; `Vary` keeps one partner's cache from serving another. */
function cacheHeaders(maxAge: number): Record<string, string> {
  return {
    'cache-control': `public, max-age=${maxAge}, stale-while-revalidate=${maxAge}`,
    vary: 'Accept, Authorization',
  };
}

/** The operation name a request asked for (POST body or GET parameter), if any. */
function operationNameOf(body: unknown, search: string): string | undefined {
  if (body && typeof body === 'object') {
    const name = (body as { operationName?: unknown }).operationName;
    return typeof name === 'string' ? name : undefined;
  }
  if (!search.includes('operationName=')) return undefined;
  return new URLSearchParams(search).get('operationName') ?? undefined;
}

function byteLength(query: unknown): number {
  return typeof query === 'string' ? Buffer.byteLength(query, 'utf8') : 0;
}

/**
 * The /graphql endpoint: authentication, request limits, rate limit, GET response cache, then
 * Apollo Server; ETag/304 and cache headers on the way out.
 * @remarks Everything that can refuse a request cheaply happens before GraphQL parsing: a
 * request without a valid key costs one header check, a flood costs one bucket lookup.
 */
export function createGraphqlHandler(o: GraphqlHandlerOptions) {
  const maxAge = o.cacheMaxAgeSeconds;

  function refuse(res: ServerResponse, err: HttpError, mediaType: string): void {
    sendGraphqlError(res, err.status, err.code as ApiErrorCode, err.message, { headers: err.headers, contentType: mediaType });
  }

  return async function handleGraphql(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
    const method = req.method ?? 'GET';
    const mediaType = responseMediaType(req.headers.accept) ?? JSON_TYPE;
    if (method !== 'GET' && method !== 'POST') {
      return refuse(res, new HttpError(405, ApiErrorCode.MethodNotAllowed, `${method} is not supported; use GET or POST.`, { headers: { allow: 'GET, POST' } }), mediaType);
    }

    // 1. Who is asking?
    const authResult = o.keys.authenticate(req.headers.authorization);
    const auth = 'then' in authResult ? await authResult : authResult;
    if (!auth.ok) {
      const { code, message } = authErrors[auth.reason];
      const challenge = auth.reason === 'missing' ? 'Bearer realm="kilde"' : 'Bearer realm="kilde", error="invalid_token"';
      return sendGraphqlError(res, 401, code, message, { headers: { 'www-authenticate': challenge }, contentType: mediaType });
    }
    const partner = auth.partner;
    const limitPerMinute = partner.rateLimitPerMinute ?? o.defaultRateLimitPerMinute;

    // 2. A cached GET response, if the key may see it.
    const cacheKey = method === 'GET' && o.responseCache ? `${mediaType}\u0000${search}` : undefined;
    const generation = o.responseCache?.currentGeneration ?? 0;
    if (cacheKey && o.responseCache) {
      const hit = o.responseCache.get(cacheKey);
      if (hit && [...hit.scopes].every((s) => partner.scopes.has(s))) {
        const decision = await o.rateLimiter.take(partner.keyId, limitPerMinute, 1);
        const limitHeaders = rateLimitHeaders(decision);
        if (!decision.allowed) return rateLimited(res, limitHeaders, mediaType, decision.retryAfterSeconds);
        o.usage.record(partner, hit.served);
        const headers = { 'content-type': hit.contentType, etag: hit.etag, 'x-cache': 'HIT', ...cacheHeaders(maxAge), ...limitHeaders };
        if (ifNoneMatch(req.headers['if-none-match'], hit.etag)) {
          res.writeHead(304, headers);
          res.end();
          return;
        }
        res.writeHead(200, { ...headers, 'content-length': String(hit.body.length) });
        res.end(hit.body);
        return;
      }
    }

    // 3. Parse the request enough to enforce size limits and count operations.
    let body: unknown = undefined;
    let operations = 1;
    try {
      if (method === 'POST') {
        const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
        if (contentType !== 'application/json') {
          throw new HttpError(415, ApiErrorCode.UnsupportedMediaType, 'POST bodies must be `application/json`.');
        }
        const text = await readBody(req, o.limits.maxBodyBytes);
        try {
          body = text ? (JSON.parse(text) as unknown) : undefined;
        } catch {
          throw new HttpError(400, ApiErrorCode.BadRequest, 'The request body is not valid JSON.');
        }
        if (Array.isArray(body)) {
          if (body.length > o.limits.maxBatchSize) {
            throw new HttpError(400, ApiErrorCode.BatchTooLarge, `A batch may hold at most ${o.limits.maxBatchSize} operations; this one has ${body.length}.`);
          }
          operations = Math.max(1, body.length);
          for (const op of body as unknown[]) checkDocumentSize(op && typeof op === 'object' ? (op as { query?: unknown }).query : undefined);
        } else if (body && typeof body === 'object') {
          checkDocumentSize((body as { query?: unknown }).query);
        }
      } else if (search.length > o.limits.maxDocumentBytes) {
        checkDocumentSize(new URLSearchParams(search).get('query'));
      }
    } catch (err) {
      if (err instanceof HttpError) return refuse(res, err, mediaType);
      throw err;
    }

    // 4. Rate limit: one token per operation.
    const decision = await o.rateLimiter.take(partner.keyId, limitPerMinute, operations);
    const limitHeaders = rateLimitHeaders(decision);
    if (!decision.allowed) return rateLimited(res, limitHeaders, mediaType, decision.retryAfterSeconds);

    // 5. GraphQL.
    const ctx = createContext(o.services, partner);
    const headers = new HeaderMap();
    // Raw header pairs: no intermediate entries arrays. Repeated headers are joined as Node does.
    const raw = req.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = (raw[i] as string).toLowerCase();
      const value = raw[i + 1] as string;
      const seen = headers.get(name);
      headers.set(name, seen === undefined ? value : `${seen}, ${value}`);
    }
    const started = performance.now();
    const result = await o.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search, body },
      context: () => Promise.resolve(ctx),
    });
    if (o.metrics) {
      const name = Array.isArray(body) ? 'batch' : operationNameOf(method === 'POST' ? body : undefined, search);
      o.metrics.observeOperation(name, !ctx.flags.sawErrors && (result.status ?? 200) < 400, (performance.now() - started) / 1000);
    }
    o.usage.record(partner, ctx.served.byProvider());

    const out: Record<string, string> = {};
    for (const [k, v] of result.headers) out[k] = v;
    Object.assign(out, limitHeaders);
    let status = result.status ?? 200;
    const responseType = out['content-type'] ?? mediaType;
    // GraphQL over HTTP: under application/json a well-formed request that fails validation
    // (including Kilde's limits) is answered 200 with errors; 400 is for graphql-response+json.
    if (status === 400 && !Array.isArray(body) && ctx.flags.sawErrors && ctx.flags.onlyRequestErrors && responseType.startsWith('application/json')) {
      status = 200;
    }
    // The database is down (SERVICE_UNAVAILABLE in `errors`): say so at the HTTP level too, so
    // load balancers, CDNs and partners' retry logic see a 503 rather than a 200 to cache.
    if (ctx.flags.unavailable) {
      status = 503;
      out['retry-after'] = String(UNAVAILABLE_RETRY_AFTER_SECONDS);
    }

    if (result.body.kind !== 'complete') {
      res.writeHead(status, out);
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
      return;
    }
    const text = result.body.string;
    const cacheable = method === 'GET' && status === 200 && !ctx.flags.sawErrors;
    if (!cacheable) {
      out['cache-control'] ??= 'no-store';
      out['content-length'] = String(Buffer.byteLength(text));
      res.writeHead(status, out);
      res.end(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    const etag = etagOf(bytes);
    Object.assign(out, cacheHeaders(maxAge), { etag });
    if (cacheKey && o.responseCache) {
      out['x-cache'] = 'MISS';
      o.responseCache.set(
        cacheKey,
        { body: bytes, etag, contentType: responseType, scopes: ctx.neededScopes, served: ctx.served.byProvider() },
        generation,
      );
    }
    if (ifNoneMatch(req.headers['if-none-match'], etag)) {
      delete out['content-length'];
      res.writeHead(304, out);
      res.end();
      return;
    }
    out['content-length'] = String(bytes.length);
    res.writeHead(status, out);
    res.end(bytes);
  };

  function checkDocumentSize(query: unknown): void {
    const size = byteLength(query);
    if (size > o.limits.maxDocumentBytes) {
      throw new HttpError(
        413,
        ApiErrorCode.DocumentTooLarge,
        `The GraphQL document is ${size} bytes; at most ${o.limits.maxDocumentBytes} are allowed. Use persisted queries or split it.`,
      );
    }
  }

  function rateLimited(res: ServerResponse, headers: Record<string, string>, mediaType: string, retryAfter: number): void {
    sendGraphqlError(res, 429, ApiErrorCode.RateLimited, `Rate limit exceeded; retry in ${retryAfter} s.`, {
      headers,
      contentType: mediaType,
      extensions: { retryAfterSeconds: retryAfter },
    });
  }
}
