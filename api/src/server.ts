import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { Redis } from 'ioredis';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { migrationStatus } from '@kilde/store';
import { PartnerKeyService } from './auth/partner-key-service';
import { PersistedQueryCache } from './cache/persisted-query-cache';
import { ResponseCache } from './cache/response-cache';
import { ChangeService } from './changes/change-service';
import { ContentService } from './content/content-service';
import { DocumentRepository } from './content/document-repository';
import { createMarkdownRenderer } from './content/markdown-renderer';
import { openReadStoreReader, type ReadStoreReader } from './content/read-store-reader';
import type { ApiContext, ContextServices } from './graphql/context';
import { kildePlugin } from './graphql/plugins/kilde-plugin';
import { stringifyResult } from './graphql/execution/raw-json';
import { pureFields, resolvers } from './graphql/resolvers';
import { typeDefs } from './graphql/type-defs';
import { ApiErrorCode } from './http/error-codes';
import { createGraphqlHandler } from './http/graphql-handler';
import { isDatabaseUnavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from './http/unavailable';
import { HttpError } from './http/http-error';
import { sendGraphqlError, sendJson } from './http/send';
import { createDepthAndAliasRule } from './limits/depth-and-alias-rule';
import { defaultLimits, type ApiLimits } from './limits/limits';
import { MemoryRateLimiter } from './rate-limit/memory-rate-limiter';
import { RedisRateLimiter } from './rate-limit/redis-rate-limiter';
import type { RateLimiter } from './rate-limit/types';
import type { SearchProvider } from './search/search-provider';
import { UsageRecorder } from './usage/usage-recorder';
import { createRestRouter } from './rest/router';
import { ApiMetrics, type SearchLag } from './metrics/api-metrics';
import { assignRequestId } from './http/request-id';
import { bundledOpenApi } from '@kilde/schemas';
import { timingSafeEqual } from 'node:crypto';
import type { CmsClient } from './internal/cms-client';
import type { PublicSearchOptions } from './public-search/types';
import type { QuestionsOptions } from './questions/types';

export interface ApiServerOptions {
  knex: Knex;
  /** Read replica for the read store and the change feed (`DATABASE_READ_URL`); default `knex`. */
  readKnex?: Knex;
  logger: Logger;
  /** Answers the `search` field; without it `search` returns `SEARCH_UNAVAILABLE`. */
  search?: SearchProvider;
  /** Default per-key rate limit (requests per minute); default 1200. */
  rateLimitPerMinute?: number;
  /** Shared rate limits and persisted queries across replicas; in-process when absent. */
  redisUrl?: string;
  /** Prefix of every Redis key; default `kilde:`. Tests use a unique one per run. */
  redisKeyPrefix?: string;
  /** Cache successful GET responses in memory until content changes; default true. */
  responseCache?: boolean;
  /** `Cache-Control: max-age` of GET responses in seconds; default 60. */
  cacheMaxAgeSeconds?: number;
  /** How long key lookups are remembered (revocation delay); default 10. */
  keyCacheSeconds?: number;
  /** How often usage aggregates are written; default 60. */
  usageFlushSeconds?: number;
  /** Override limits (tests); defaults are the documented ones. */
  limits?: Partial<ApiLimits>;
  /** Use the plan-caching executor; default true (graphql-js is always the fallback). */
  fastExecution?: boolean;
  /**
   * How the hot read-store queries run; default: prepared statements on SQLite, knex otherwise.
   * Tests wrap it to count queries. The server closes it.
   */
  readStoreReader?: ReadStoreReader;
  /** Where the API keeps files (`.data` in development); REST modules that store files need it. */
  dataDir?: string;
  /** When set, `/metrics` requires it as a bearer token. */
  metricsToken?: string;
  /** Origin relative media URLs resolve against in GraphQL (`Image.url`, `ImageVariant.url`). */
  mediaBaseUrl?: string;
  /** Send `Strict-Transport-Security` (production, behind TLS). Default false. */
  hsts?: boolean;
  /** Where the search index stands in the outbox, for the sync-lag gauge. */
  searchLag?: SearchLag;
  /** The internal channel to the CMS (question intake, import, webhook registration). */
  cms?: CmsClient;
  /** `/v1/search`: per-client and widget limits, proxy trust, the analytics recorder (owned by the caller). */
  publicSearch?: PublicSearchOptions;
  /** Limits of the answer service's public endpoints (`/v1/questions`); defaults when absent. */
  questions?: QuestionsOptions;
}

export interface ApiServer {
  server: Server;
  /** Listens and resolves with the base URL (`http://127.0.0.1:PORT`). */
  listen(port: number, host?: string): Promise<string>;
  /** Writes the usage counted so far (it is also written every `usageFlushSeconds`). */
  flushUsage(): Promise<void>;
  /** Which rate limiter runs: `redis` when `redisUrl` was given. */
  readonly rateLimiter: 'memory' | 'redis';
  close(): Promise<void>;
}

/** How long `/readyz` waits for a shared search engine's health check. */
const SEARCH_HEALTH_TIMEOUT_MS = 2_000;

/** `ok`, `starting`, or `unreachable` (a shared engine that did not answer in time). */
async function searchReadiness(lag: SearchLag): Promise<string> {
  if (lag.health) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'unreachable'>((resolve) => {
      timer = setTimeout(() => resolve('unreachable'), SEARCH_HEALTH_TIMEOUT_MS);
    });
    try {
      return await Promise.race([lag.health().catch(() => 'unreachable' as const), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
  return (await lag.appliedSeq()) === undefined ? 'starting' : 'ok';
}

/** Apollo Server's logger interface over pino. */
function apolloLogger(logger: Logger) {
  return {
    debug: (m: string) => logger.debug(m),
    info: (m: string) => logger.info(m),
    warn: (m: string) => logger.warn(m),
    error: (m: string) => logger.error(m),
  };
}

/**
 * Partners see stable codes and no internals: our own codes pass, validation-rule codes that
 * Apollo Server overwrote with GRAPHQL_VALIDATION_FAILED are restored, an unavailable database
 * becomes SERVICE_UNAVAILABLE, and anything else is logged in full and shown as INTERNAL.
 */
function formatErrorWith(logger: Logger) {
  const known = new Set<string>(Object.values(ApiErrorCode));
  const validationFailed: string = ApiErrorCode.GraphqlValidationFailed;
  const internal: string = ApiErrorCode.Internal;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const own =
      error instanceof GraphQLError && error.originalError instanceof GraphQLError
        ? error.originalError.extensions.code
        : undefined;
    if (code === validationFailed && typeof own === 'string' && known.has(own)) {
      return { ...formatted, extensions: { ...formatted.extensions, code: own } };
    }
    const original = unwrapResolverError(error);
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: original, path: formatted.path }, 'database unavailable');
      return {
        message: 'The content store is unavailable; retry shortly.',
        path: formatted.path,
        extensions: { code: ApiErrorCode.ServiceUnavailable },
      };
    }
    if (typeof code === 'string' && known.has(code) && code !== internal) return formatted;
    logger.error({ err: original, path: formatted.path }, 'GraphQL internal error');
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ApiErrorCode.Internal },
    };
  };
}

/** A bounded label for a REST path: `/v1/<resource>` or its first segment, never ids. */
function restLabel(path: string): string {
  const parts = path.split('/', 4);
  return parts[1] === 'v1' && parts[2] ? `/v1/${parts[2]}` : `/${parts[1] ?? ''}`;
}

/**
 * Creates the partner API: a plain `node:http` server with Apollo Server executing GraphQL over
 * Kilde's read store.
 * @remarks No web framework sits in between: every request pays only for what it uses, which
 * matters for the throughput target in issue #5.
 */
export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { knex, logger } = options;
  const readKnex = options.readKnex ?? knex;
  const limits: ApiLimits = { ...defaultLimits, ...options.limits };
  const prefix = options.redisKeyPrefix ?? 'kilde:';

  let redis: Redis | undefined;
  if (options.redisUrl) {
    redis = new Redis(options.redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    redis.on('error', (err: Error) => logger.debug({ err: err.message }, 'redis connection error'));
    try {
      await redis.connect();
    } catch (err) {
      logger.warn(
        { err: (err as Error).message },
        'Redis unreachable at start; limits fall back to this process until it is back',
      );
    }
  }
  const rateLimiter: RateLimiter = redis
    ? new RedisRateLimiter(redis, prefix, logger)
    : new MemoryRateLimiter();

  const reader = options.readStoreReader ?? (await openReadStoreReader(readKnex));
  const repo = new DocumentRepository(reader);
  const services: ContextServices = {
    content: new ContentService(readKnex, repo),
    changes: new ChangeService(readKnex, repo),
    markdown: await createMarkdownRenderer(),
    search: options.search,
    logger,
    maxPageSize: limits.maxPageSize,
    mediaBaseUrl: options.mediaBaseUrl,
  };

  const apollo = new ApolloServer<ApiContext>({
    typeDefs,
    resolvers,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // The process owner (main.ts, tests) stops the server; Apollo's own signal handler would
    // re-raise SIGTERM before the usage flush and the search snapshot are written.
    stopOnTerminationSignals: false,
    // Partners authenticate with a bearer key, which browsers never attach on their own, so
    // cross-site request forgery has nothing to ride on; the check would only block plain GETs.
    csrfPrevention: false,
    allowBatchedHttpRequests: true,
    persistedQueries: { cache: new PersistedQueryCache(redis, prefix, logger) },
    validationRules: [createDepthAndAliasRule(limits)],
    plugins: [
      // Cache headers are set by the HTTP layer (all content is public, per-field hints add nothing
      // but a hook call per field).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      kildePlugin({
        maxCost: limits.maxCost,
        maxPageSize: limits.maxPageSize,
        fastExecution: options.fastExecution,
        pureFields,
      }),
    ],
    formatError: formatErrorWith(logger),
    stringifyResult,
    logger: apolloLogger(logger),
  });
  await apollo.start();

  const usage = new UsageRecorder(knex, logger, (options.usageFlushSeconds ?? 60) * 1000);
  usage.start();
  const maxAge = options.cacheMaxAgeSeconds ?? 60;
  let responseCache: ResponseCache | undefined;
  if (options.responseCache !== false && maxAge > 0) {
    responseCache = new ResponseCache(knex, logger, { maxAgeMs: maxAge * 1000 });
    await responseCache.start();
  }
  const keys = new PartnerKeyService(knex, { cacheMs: (options.keyCacheSeconds ?? 10) * 1000 });

  const metrics = new ApiMetrics(knex, { searchLag: options.searchLag });
  // The REST contract (schemas/json/openapi.json with the canonical schemas embedded).
  const openApi = Buffer.from(JSON.stringify(bundledOpenApi()));
  const graphql = createGraphqlHandler({
    metrics,
    apollo,
    keys,
    rateLimiter,
    defaultRateLimitPerMinute: options.rateLimitPerMinute ?? 1200,
    usage,
    responseCache,
    services,
    limits,
    cacheMaxAgeSeconds: maxAge,
    logger,
  });

  const baseHeaders: [string, string][] = [
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', 'no-referrer'],
    ['x-frame-options', 'DENY'],
    ['content-security-policy', "default-src 'none'; frame-ancestors 'none'"],
  ];
  if (options.hsts)
    baseHeaders.push(['strict-transport-security', 'max-age=31536000; includeSubDomains']);

  const rest = await createRestRouter({
    knex,
    logger,
    keys,
    rateLimiter,
    defaultRateLimitPerMinute: options.rateLimitPerMinute ?? 1200,
    usage,
    services,
    search: options.search,
    dataDir: options.dataDir,
    cms: options.cms,
    publicSearch: options.publicSearch,
    questions: options.questions,
  });

  async function ready(res: ServerResponse): Promise<void> {
    try {
      await knex.raw('select 1');
      const status = await migrationStatus(knex);
      if (!status.current) {
        sendJson(res, 503, {
          status: 'unavailable',
          database: 'ok',
          migrations: { current: false, pending: status.pending },
        });
        return;
      }
      // Redis and search degrade the API rather than stop it (limits fall back to this process,
      // GraphQL content needs no search), so they are reported but keep the replica in rotation:
      // taking every replica out because Redis blinked would turn a degradation into an outage.
      const extra: Record<string, string> = {};
      if (redis) extra.redis = redis.status === 'ready' ? 'ok' : 'unreachable';
      if (options.searchLag) {
        extra.search = await searchReadiness(options.searchLag);
        if (options.searchLag.engine) extra.searchEngine = options.searchLag.engine;
      }
      sendJson(res, 200, { status: 'ok', database: 'ok', migrations: { current: true }, ...extra });
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'readiness check failed');
      sendJson(res, 503, { status: 'unavailable', database: 'unreachable' });
    }
  }

  async function serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = options.metricsToken;
    if (token) {
      const header = req.headers.authorization ?? '';
      const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
      const expected = Buffer.from(token);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new HttpError(
          401,
          ApiErrorCode.ApiKeyMissing,
          'Send the metrics token as a bearer token.',
          { headers: { 'www-authenticate': 'Bearer realm="kilde-metrics"' } },
        );
      }
    }
    const text = await metrics.registry.metrics();
    res.writeHead(200, {
      'content-type': metrics.registry.contentType,
      'cache-control': 'no-store',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  // GET carries the document in the URL, where URL-encoding can triple a 16 KB document: allow
  // request heads up to 80 KB so such a GET reaches the document-size check (413 with its code)
  // instead of Node's blanket 431.
  const server = createServer(
    { maxHeaderSize: 80 * 1024 },
    (req: IncomingMessage, res: ServerResponse) => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const path = q < 0 ? url : url.slice(0, q);
      const search = q < 0 ? '' : url.slice(q);
      const started = performance.now();
      // Every response: no sniffing, no referrer, no framing; JSON needs no content policy beyond
      // "nothing". Pages (/demo, /sok) and the widget script set their own Content-Security-Policy.
      for (const [name, value] of baseHeaders) res.setHeader(name, value);
      const requestId = assignRequestId(req);
      res.setHeader('x-request-id', requestId);
      let label = 'unmatched';
      res.once('finish', () =>
        metrics.observeRequest(
          label,
          req.method ?? 'GET',
          res.statusCode,
          (performance.now() - started) / 1000,
        ),
      );
      const route = (): Promise<void> | void => {
        switch (path) {
          case '/graphql':
            label = path;
            return graphql(req, res, search);
          case '/healthz':
            label = path;
            return sendJson(res, 200, { status: 'ok' });
          case '/readyz':
            label = path;
            return ready(res);
          case '/metrics':
            label = path;
            return serveMetrics(req, res);
          case '/openapi.json':
            label = path;
            res.writeHead(200, {
              'content-type': 'application/json; charset=utf-8',
              'cache-control': 'public, max-age=300',
              'content-length': openApi.length,
            });
            res.end(openApi);
            return;
          default: {
            const handled = rest.dispatch(req, res, path);
            if (handled !== false) {
              label = restLabel(path);
              return handled;
            }
            throw new HttpError(404, ApiErrorCode.NotFound, `No route for ${path}`);
          }
        }
      };
      const fail = (err: unknown): void => {
        if (err instanceof HttpError) {
          if (path === '/graphql')
            sendGraphqlError(res, err.status, err.code as ApiErrorCode, err.message, {
              headers: err.headers,
            });
          else
            sendJson(
              res,
              err.status,
              {
                error: {
                  code: err.code,
                  message: err.message,
                  ...(err.details === undefined ? {} : { details: err.details }),
                },
              },
              err.headers,
            );
          return;
        }
        if (isDatabaseUnavailable(err) && !res.headersSent) {
          // The partner key lookup or a REST route met a dropped database connection.
          logger.warn({ err: (err as Error).message, path, requestId }, 'database unavailable');
          const message = 'The content store is unavailable; retry shortly.';
          const headers = { 'retry-after': String(UNAVAILABLE_RETRY_AFTER_SECONDS) };
          if (path === '/graphql')
            sendGraphqlError(res, 503, ApiErrorCode.ServiceUnavailable, message, { headers });
          else
            sendJson(
              res,
              503,
              { error: { code: ApiErrorCode.ServiceUnavailable, message } },
              headers,
            );
          return;
        }
        logger.error({ err, path, requestId }, 'request failed');
        if (res.headersSent) res.destroy();
        else if (path === '/graphql')
          sendGraphqlError(res, 500, ApiErrorCode.Internal, 'Internal server error');
        else
          sendJson(res, 500, {
            error: { code: ApiErrorCode.Internal, message: 'Internal server error' },
          });
      };
      try {
        const pending = route();
        if (pending) pending.catch(fail);
      } catch (err) {
        fail(err);
      }
    },
  );
  // Keep-alive longer than typical load balancers' idle timeout, so they close first.
  server.keepAliveTimeout = 65_000;

  return {
    server,
    rateLimiter: rateLimiter.kind,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolveListen, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          resolveListen(
            `http://${host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`,
          );
        });
      });
    },
    flushUsage: () => usage.flush(),
    async close() {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await apollo.stop();
      responseCache?.close();
      await usage.close();
      await rateLimiter.close();
      await reader.close();
      if (redis) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}
