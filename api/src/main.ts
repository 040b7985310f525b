import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import pino from 'pino';
import { createDatabase, migrationStatus } from '@kilde/store';
import { ConfigError } from '@kilde/schemas';
import { loadApiConfig } from './config/load-config';
import { createApiServer } from './server';
import { searchProviderFromEngine, type SearchProvider } from './search/search-provider';
import { startSearchRuntime, type SearchRuntime } from './search-sync/search-runtime';
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
  // The embedded search index lives in this process, fed by the outbox (see search-sync/).
  // The CMS owns migrations; on a fresh database the API may start first. Serve /healthz and
  // /readyz (red) at once, and start the search index once the tables exist.
  let search: SearchRuntime | undefined;
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
    search = await startSearchRuntime({ knex: readKnex, logger, snapshotPath: join(config.dataDir, 'search', 'embedded.snapshot') });
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
    searchLag: { appliedSeq: () => search?.lastSeq },
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
