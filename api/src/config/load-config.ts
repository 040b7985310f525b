import { isAbsolute, join, resolve } from 'node:path';
import { validateConfig } from '@kilde/schemas';

/** What the operator passed (schemas/json/config/api.schema.json), after defaults. */
export interface ApiConfigInput {
  NODE_ENV: 'development' | 'production' | 'test';
  DATABASE_URL?: string;
  LOG_LEVEL: string;
  API_PORT: number;
  API_HOST: string;
  REDIS_URL?: string;
  MEILI_URL?: string;
  MEILI_API_KEY?: string;
  REDIS_KEY_PREFIX: string;
  API_RATE_LIMIT_PER_MINUTE: number;
  API_RESPONSE_CACHE: boolean;
  API_CACHE_MAX_AGE: number;
  API_KEY_CACHE_SECONDS: number;
  API_USAGE_FLUSH_SECONDS: number;
}

/** Resolved configuration the API process runs with. */
export interface ApiConfig {
  env: ApiConfigInput['NODE_ENV'];
  databaseUrl: string;
  logLevel: string;
  port: number;
  host: string;
  redisUrl?: string;
  meiliUrl?: string;
  meiliApiKey?: string;
  redisKeyPrefix: string;
  /** Default per-key rate limit in requests per minute. */
  rateLimitPerMinute: number;
  /** Whether GET responses are cached in memory (off for the "executed" benchmark run). */
  responseCache: boolean;
  /** `Cache-Control: max-age` of GET responses, in seconds. */
  cacheMaxAgeSeconds: number;
  keyCacheSeconds: number;
  usageFlushSeconds: number;
  /** Where the process keeps local state (the search index snapshot); `KILDE_DATA_DIR` or `.data/`. */
  dataDir: string;
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
  return {
    env: input.NODE_ENV,
    databaseUrl,
    logLevel: input.LOG_LEVEL,
    port: input.API_PORT,
    host: input.API_HOST,
    redisUrl: input.REDIS_URL,
    meiliUrl: input.MEILI_URL,
    meiliApiKey: input.MEILI_API_KEY,
    redisKeyPrefix: input.REDIS_KEY_PREFIX,
    rateLimitPerMinute: input.API_RATE_LIMIT_PER_MINUTE,
    responseCache: input.API_RESPONSE_CACHE,
    cacheMaxAgeSeconds: input.API_CACHE_MAX_AGE,
    keyCacheSeconds: input.API_KEY_CACHE_SECONDS,
    usageFlushSeconds: input.API_USAGE_FLUSH_SECONDS,
    dataDir,
  };
}
