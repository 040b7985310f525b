import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError, developmentSecrets, validateConfig } from '@kilde/schemas';

/** What the operator passed (schemas/json/config/api.schema.json), after defaults. */
export interface ApiConfigInput {
  NODE_ENV: 'development' | 'production' | 'test';
  DATABASE_URL?: string;
  DATABASE_READ_URL?: string;
  LOG_LEVEL: string;
  API_PORT: number;
  API_HOST: string;
  REDIS_URL?: string;
  MEILI_URL?: string;
  MEILI_API_KEY?: string;
  MEILI_INDEX: string;
  REDIS_KEY_PREFIX: string;
  API_RATE_LIMIT_PER_MINUTE: number;
  API_RESPONSE_CACHE: boolean;
  API_CACHE_MAX_AGE: number;
  API_KEY_CACHE_SECONDS: number;
  API_USAGE_FLUSH_SECONDS: number;
  KILDE_METRICS_TOKEN?: string;
  KILDE_MEDIA_BASE_URL?: string;
  API_SEARCH_CLIENT_RATE_LIMIT_PER_MINUTE: number;
  API_SEARCH_WIDGET_RATE_LIMIT_PER_MINUTE: number;
  API_TRUST_PROXY: boolean;
  API_SEARCH_ANALYTICS_FLUSH_SECONDS: number;
  KILDE_INTERNAL_SECRET?: string;
  KILDE_CMS_URL: string;
}

/** Resolved configuration the API process runs with. */
export interface ApiConfig {
  env: ApiConfigInput['NODE_ENV'];
  databaseUrl: string;
  /** PostgreSQL read replica for reads (content, change feed, search sync), when configured. */
  databaseReadUrl?: string;
  logLevel: string;
  port: number;
  host: string;
  redisUrl?: string;
  meiliUrl?: string;
  meiliApiKey?: string;
  /** The Meilisearch index uid (`MEILI_INDEX`, default `kilde`). */
  meiliIndex: string;
  redisKeyPrefix: string;
  /** Default per-key rate limit in requests per minute. */
  rateLimitPerMinute: number;
  /** Whether GET responses are cached in memory (off for the "executed" benchmark run). */
  responseCache: boolean;
  /** `Cache-Control: max-age` of GET responses, in seconds. */
  cacheMaxAgeSeconds: number;
  keyCacheSeconds: number;
  usageFlushSeconds: number;
  /** Bearer token `/metrics` requires, when set. */
  metricsToken?: string;
  /** Public origin relative media URLs resolve against (`KILDE_MEDIA_BASE_URL`, else the CMS URL). */
  mediaBaseUrl: string;
  /** `/v1/search` limits, proxy trust and the analytics flush interval. */
  publicSearch: { clientRateLimitPerMinute: number; widgetRateLimitPerMinute: number; trustProxy: boolean; analyticsFlushSeconds: number };
  /** Where the process keeps local state (the search index snapshot); `KILDE_DATA_DIR` or `.data/`. */
  dataDir: string;
  /** The internal channel to the CMS (question intake, import, webhook registration). */
  cms: { url: string; secret: string };
}

/** The repository root (api/ sits directly under it, whether running from src/ or dist/). */
const rootDir = resolve(__dirname, '..', '..', '..');

/**
 * Reads and validates the API configuration from the environment.
 * @throws ConfigError naming the variable when a value is invalid.
 */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const input = validateConfig<ApiConfigInput & Record<string, unknown>>('api', env);
  const dataDir = env.KILDE_DATA_DIR ? resolve(env.KILDE_DATA_DIR) : join(rootDir, '.data');
  let databaseUrl = input.DATABASE_URL ?? `sqlite:${join(dataDir, 'kilde.db')}`;
  if (databaseUrl.startsWith('sqlite:')) {
    const path = databaseUrl.replace(/^sqlite:(\/\/)?/, '');
    databaseUrl = `sqlite:${isAbsolute(path) ? path : resolve(rootDir, path)}`;
  }
  if (input.DATABASE_READ_URL && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('Invalid configuration: DATABASE_READ_URL needs DATABASE_URL to be PostgreSQL too', [
      { path: 'DATABASE_READ_URL', message: 'a read replica is only supported with a PostgreSQL DATABASE_URL' },
    ]);
  }
  let internalSecret = input.KILDE_INTERNAL_SECRET;
  if (!internalSecret) {
    if (input.NODE_ENV === 'production') {
      throw new ConfigError('Invalid configuration: KILDE_INTERNAL_SECRET must be set in production (no development default)', [
        { path: 'KILDE_INTERNAL_SECRET', message: 'is required in production' },
      ]);
    }
    // Shared with the CMS through the development secrets file (the CMS may create it first).
    internalSecret = developmentSecrets(dataDir, ['KILDE_INTERNAL_SECRET'] as const).KILDE_INTERNAL_SECRET;
  }
  return {
    env: input.NODE_ENV,
    databaseUrl,
    databaseReadUrl: input.DATABASE_READ_URL,
    logLevel: input.LOG_LEVEL,
    port: input.API_PORT,
    host: input.API_HOST,
    redisUrl: input.REDIS_URL,
    meiliUrl: input.MEILI_URL,
    meiliApiKey: input.MEILI_API_KEY,
    meiliIndex: input.MEILI_INDEX,
    redisKeyPrefix: input.REDIS_KEY_PREFIX,
    rateLimitPerMinute: input.API_RATE_LIMIT_PER_MINUTE,
    responseCache: input.API_RESPONSE_CACHE,
    cacheMaxAgeSeconds: input.API_CACHE_MAX_AGE,
    keyCacheSeconds: input.API_KEY_CACHE_SECONDS,
    usageFlushSeconds: input.API_USAGE_FLUSH_SECONDS,
    metricsToken: input.KILDE_METRICS_TOKEN,
    mediaBaseUrl: (input.KILDE_MEDIA_BASE_URL ?? input.KILDE_CMS_URL).replace(/\/+$/, ''),
    publicSearch: {
      clientRateLimitPerMinute: input.API_SEARCH_CLIENT_RATE_LIMIT_PER_MINUTE,
      widgetRateLimitPerMinute: input.API_SEARCH_WIDGET_RATE_LIMIT_PER_MINUTE,
      trustProxy: input.API_TRUST_PROXY,
      analyticsFlushSeconds: input.API_SEARCH_ANALYTICS_FLUSH_SECONDS,
    },
    dataDir,
    cms: { url: input.KILDE_CMS_URL.replace(/\/+$/, ''), secret: internalSecret },
  };
}
