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
import { DatabaseError, migrationStatus } from '@kilde/store';
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
import { HttpError } from './http/http-error';
import { sendGraphqlError, sendJson } from './http/send';
import { createDepthAndAliasRule } from './limits/depth-and-alias-rule';
import { defaultLimits, type ApiLimits } from './limits/limits';
import { MemoryRateLimiter } from './rate-limit/memory-rate-limiter';
import { RedisRateLimiter } from './rate-limit/redis-rate-limiter';
import type { RateLimiter } from './rate-limit/types';
import type { SearchProvider } from './search/search-provider';
import { UsageRecorder } from './usage/usage-recorder';

export interface ApiServerOptions {
  knex: Knex;
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
    const own = error instanceof GraphQLError && error.originalError instanceof GraphQLError ? error.originalError.extensions.code : undefined;
    if (code === validationFailed && typeof own === 'string' && known.has(own)) {
      return { ...formatted, extensions: { ...formatted.extensions, code: own } };
    }
    const original = unwrapResolverError(error);
    if (original instanceof DatabaseError && original.code === 'DATABASE_UNAVAILABLE') {
      logger.warn({ err: original, path: formatted.path }, 'database unavailable');
      return { message: 'The content store is unavailable; retry shortly.', path: formatted.path, extensions: { code: ApiErrorCode.ServiceUnavailable } };
    }
    if (typeof code === 'string' && known.has(code) && code !== internal) return formatted;
    logger.error({ err: original, path: formatted.path }, 'GraphQL internal error');
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: ApiErrorCode.Internal } };
  };
}

/**
 * Creates the partner API: a plain `node:http` server with Apollo Server executing GraphQL over
 * Kilde's read store.
 * @remarks No web framework sits in between: every request pays only for what it uses, which
 * matters for the throughput target in issue #5.
 */
export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { knex, logger } = options;
  const limits: ApiLimits = { ...defaultLimits, ...options.limits };
  const prefix = options.redisKeyPrefix ?? 'kilde:';

  let redis: Redis | undefined;
  if (options.redisUrl) {
    redis = new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    redis.on('error', (err: Error) => logger.debug({ err: err.message }, 'redis connection error'));
    try {
      await redis.connect();
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'Redis unreachable at start; limits fall back to this process until it is back');
    }
  }
  const rateLimiter: RateLimiter = redis ? new RedisRateLimiter(redis, prefix, logger) : new MemoryRateLimiter();

  const reader = options.readStoreReader ?? (await openReadStoreReader(knex));
  const repo = new DocumentRepository(reader);
  const services: ContextServices = {
    content: new ContentService(knex, repo),
    changes: new ChangeService(knex, repo),
    markdown: await createMarkdownRenderer(),
    search: options.search,
    logger,
    maxPageSize: limits.maxPageSize,
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
      kildePlugin({ maxCost: limits.maxCost, maxPageSize: limits.maxPageSize, fastExecution: options.fastExecution, pureFields }),
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

  const graphql = createGraphqlHandler({
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

  async function ready(res: ServerResponse): Promise<void> {
    try {
      await knex.raw('select 1');
      const status = await migrationStatus(knex);
      if (!status.current) {
        sendJson(res, 503, { status: 'unavailable', database: 'ok', migrations: { current: false, pending: status.pending } });
        return;
      }
      sendJson(res, 200, { status: 'ok', database: 'ok', migrations: { current: true } });
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'readiness check failed');
      sendJson(res, 503, { status: 'unavailable', database: 'unreachable' });
    }
  }

  // GET carries the document in the URL, where URL-encoding can triple a 16 KB document: allow
  // request heads up to 80 KB so such a GET reaches the document-size check (413 with its code)
  // instead of Node's blanket 431.
  const server = createServer({ maxHeaderSize: 80 * 1024 }, (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const search = q < 0 ? '' : url.slice(q);
    const route = (): Promise<void> | void => {
      switch (path) {
        case '/graphql':
          return graphql(req, res, search);
        case '/healthz':
          return sendJson(res, 200, { status: 'ok' });
        case '/readyz':
          return ready(res);
        default:
          throw new HttpError(404, ApiErrorCode.NotFound, `No route for ${path}`);
      }
    };
    const fail = (err: unknown): void => {
      if (err instanceof HttpError) {
        if (path === '/graphql') sendGraphqlError(res, err.status, err.code as ApiErrorCode, err.message, { headers: err.headers });
        else sendJson(res, err.status, { error: { code: err.code, message: err.message } }, err.headers);
        return;
      }
      logger.error({ err, path }, 'request failed');
      if (res.headersSent) res.destroy();
      else if (path === '/graphql') sendGraphqlError(res, 500, ApiErrorCode.Internal, 'Internal server error');
      else sendJson(res, 500, { error: { code: ApiErrorCode.Internal, message: 'Internal server error' } });
    };
    try {
      const pending = route();
      if (pending) pending.catch(fail);
    } catch (err) {
      fail(err);
    }
  });
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
          resolveListen(`http://${host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`);
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
