import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import pino from 'pino';
import { createDatabase, migrationStatus } from '@kilde/store';
import { ConfigError } from '@kilde/schemas';
import { loadApiConfig } from './config/load-config';
import { createApiServer } from './server';
import { createMeilisearchEngine, defaultIndexSettings, type SearchEngine } from '@kilde/search';
import { searchProviderFromEngine, type SearchProvider } from './search/search-provider';
import { startSearchRuntime } from './search-sync/search-runtime';
import { startSharedSearchRuntime, type SharedSearchRuntime } from './search-sync/shared-search-runtime';
import type { SearchLag } from './metrics/api-metrics';
import { ApiErrorCode } from './http/error-codes';
import { CmsClient } from './internal/cms-client';
import { SearchAnalyticsRecorder } from './search-analytics';

/** Entry point of the API process (`node api/dist/main.js`). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadApiConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`kilde-api: ${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  // Logs carry no personal data: no IPs, no keys, no query texts or variables; errors only.
  const logger = pino({ level: config.logLevel, base: { service: 'kilde-api' }, redact: ['req.headers.authorization'] });
  const knex = await createDatabase({ url: config.databaseUrl });
  // Reads that tolerate replication lag (content, change feed, search sync) may go to a replica.
  const readKnex = config.databaseReadUrl ? await createDatabase({ url: config.databaseReadUrl }) : knex;
  // Two shapes (see search-sync/ and docs/ARCHITECTURE.md): without MEILI_URL the embedded index
  // lives in this process and follows the outbox read-only; with it, every process searches
  // Meilisearch and the index is fed by one leased outbox consumer that every process runs.
  // The CMS owns migrations; on a fresh database the API may start first. Serve /healthz and
  // /readyz (red) at once, and start search once the tables exist.
  let search: { engine: SearchEngine; close(): Promise<void> } | undefined;
  let shared: SharedSearchRuntime | undefined;
  let embeddedSeq: (() => number) | undefined;
  const meili = config.meiliUrl
    ? await createMeilisearchEngine({
        host: config.meiliUrl,
        apiKey: config.meiliApiKey,
        indexUid: config.meiliIndex,
        // Only the consumer's lease holder writes; it saves the vocabulary at most every 5 s
        // rather than after every publish (it is a few MB on a large corpus).
        vocabularySaveIntervalMs: 5_000,
      })
    : undefined;
  if (meili && !/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    logger.warn('MEILI_URL with SQLite: the API writes the search consumer\'s cursor and lease to the database file; fine for trying Meilisearch on one machine, use PostgreSQL in production');
  }
  const searchLag: SearchLag = meili
    ? {
        engine: 'meilisearch',
        appliedSeq: () => shared?.appliedSeq(),
        health: () => (shared ? shared.health() : Promise.resolve('starting' as const)),
      }
    : { engine: 'embedded', appliedSeq: () => embeddedSeq?.() };
  const searchProvider: SearchProvider = {
    search(request) {
      if (!search) {
        return Promise.reject(new GraphQLError('Search is starting; try again shortly.', { extensions: { code: ApiErrorCode.SearchUnavailable } }));
      }
      return searchProviderFromEngine(search.engine).search(request);
    },
    engine: () => search?.engine,
  };
  const startSearch = async (): Promise<void> => {
    while (!(await migrationStatus(knex).then((s) => s.current, () => false))) {
      await new Promise((r) => setTimeout(r, 500));
    }
    if (meili) {
      // The dispatcher writes lease and cursor, so it runs on the primary, never a replica.
      shared = startSharedSearchRuntime({ knex, engine: meili, logger, settings: defaultIndexSettings });
      const runtime = shared;
      search = { engine: meili, close: () => runtime.close().then(() => meili.close()) };
      return;
    }
    const embedded = await startSearchRuntime({ knex: readKnex, logger, snapshotPath: join(config.dataDir, 'search', 'embedded.snapshot') });
    embeddedSeq = () => embedded.lastSeq;
    search = embedded;
  };
  const analytics = new SearchAnalyticsRecorder(knex, logger, { flushMs: config.publicSearch.analyticsFlushSeconds * 1000 });
  analytics.start();
  startSearch().catch((err: unknown) => logger.error({ err }, 'search index failed to start'));
  const api = await createApiServer({
    knex,
    readKnex,
    logger,
    search: searchProvider,
    redisUrl: config.redisUrl,
    redisKeyPrefix: config.redisKeyPrefix,
    rateLimitPerMinute: config.rateLimitPerMinute,
    responseCache: config.responseCache,
    cacheMaxAgeSeconds: config.cacheMaxAgeSeconds,
    keyCacheSeconds: config.keyCacheSeconds,
    usageFlushSeconds: config.usageFlushSeconds,
    dataDir: config.dataDir,
    metricsToken: config.metricsToken,
    hsts: config.env === 'production',
    mediaBaseUrl: config.mediaBaseUrl,
    searchLag,
    publicSearch: { ...config.publicSearch, analytics },
    cms: new CmsClient({ baseUrl: config.cms.url, secret: config.cms.secret }),
  });
  const url = await api.listen(config.port, config.host);
  logger.info(`Kilde API listening on ${url} (GraphQL at /graphql, rate limits: ${api.rateLimiter})`);
  const shutdown = (): void => {
    logger.info('shutting down');
    void api
      .close()
      .then(() => analytics.close())
      .then(() => search?.close())
      .then(() => (readKnex === knex ? undefined : readKnex.destroy()))
      .then(() => knex.destroy())
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

void main();
