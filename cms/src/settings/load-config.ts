import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ConfigError, developmentSecrets, validateConfig } from '@kilde/schemas';

/** What the operator passed, after schema validation and defaults (see schemas/json/config/cms.schema.json). */
export interface CmsConfigInput {
  NODE_ENV: 'development' | 'production' | 'test';
  DATABASE_URL?: string;
  LOG_LEVEL: string;
  CMS_PORT: number;
  CMS_HOST: string;
  PUBLIC_URL?: string;
  APP_KEYS?: string;
  ADMIN_JWT_SECRET?: string;
  API_TOKEN_SALT?: string;
  TRANSFER_TOKEN_SALT?: string;
  JWT_SECRET?: string;
  ENCRYPTION_KEY?: string;
  KILDE_SEED: 'auto' | 'always' | 'never';
  KILDE_SERVE_ADMIN: boolean;
  KILDE_DISPATCHER: boolean;
  KILDE_METRICS_TOKEN?: string;
  KILDE_INTERNAL_SECRET?: string;
  MEILI_URL?: string;
  MEILI_API_KEY?: string;
  MEILI_INDEX: string;
  KILDE_OUTBOX_RETENTION_DAYS: number;
  KILDE_OUTBOX_STALE_HOURS: number;
  KILDE_QUESTION_RETENTION_DAYS: number;
  KILDE_QUESTION_EXPIRY_DAYS: number;
  KILDE_QUESTION_RESPONSE_DAYS: number;
}

export type DatabaseTarget =
  | { client: 'sqlite'; filename: string }
  | { client: 'postgres'; connectionString: string };

/** Resolved configuration the CMS runs with. */
export interface CmsConfig {
  env: CmsConfigInput['NODE_ENV'];
  isProduction: boolean;
  rootDir: string;
  dataDir: string;
  database: DatabaseTarget;
  databaseUrl: string;
  host: string;
  port: number;
  publicUrl: string;
  logLevel: string;
  seed: CmsConfigInput['KILDE_SEED'];
  serveAdmin: boolean;
  runDispatcher: boolean;
  /** Bearer token `/metrics` requires, when set. */
  metricsToken?: string;
  /** The shared search engine `npx kilde reindex` rebuilds, when `MEILI_URL` is set. */
  meilisearch?: { url: string; apiKey?: string; indexUid: string };
  secrets: {
    appKeys: string[];
    adminJwtSecret: string;
    apiTokenSalt: string;
    transferTokenSalt: string;
    jwtSecret: string;
    encryptionKey: string;
    /** Shared secret of the internal API → CMS channel (`/kilde-internal/...`). */
    internalSecret: string;
  };
  /**
   * Outbox retention: rows older than `retentionDays` (and past every consumer) are pruned daily;
   * a consumer behind without progress for `staleAfterHours` is reported stale.
   */
  outbox: { retentionDays: number; staleAfterHours: number };
  /** The answer service's time limits (days). */
  questions: {
    retentionDays: number;
    expiryDays: number;
    responseWorkingDays: number;
  };
}

const secretVars = [
  'APP_KEYS',
  'ADMIN_JWT_SECRET',
  'API_TOKEN_SALT',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
  'KILDE_INTERNAL_SECRET',
] as const;

/** The repository root: the folder above `cms/`, whether running from `cms/src` or `cms/dist/src`. */
function findRootDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i += 1) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === '@kilde/cms') {
      return resolve(dir, '..');
    }
    dir = dirname(dir);
  }
  return resolve(process.cwd(), '..');
}

/** Resolves `DATABASE_URL` (default: SQLite under the data folder). */
export function resolveDatabase(url: string | undefined, dataDir: string, rootDir: string): DatabaseTarget {
  if (!url) return { client: 'sqlite', filename: join(dataDir, 'kilde.db') };
  if (/^postgres(ql)?:\/\//.test(url)) return { client: 'postgres', connectionString: url };
  const path = url.replace(/^sqlite:(\/\/)?/, '');
  return { client: 'sqlite', filename: isAbsolute(path) ? path : resolve(rootDir, path) };
}

/**
 * Development secrets are generated once and kept in `.data/secrets.json` (shared with the API
 * process, which reads `KILDE_INTERNAL_SECRET` from it), so sessions survive a restart.
 * Production never does this: a missing secret stops the process.
 */
function devSecrets(dataDir: string): Record<(typeof secretVars)[number], string> {
  const gen = (): string => randomBytes(24).toString('base64url');
  return developmentSecrets(dataDir, secretVars, (name) =>
    name === 'APP_KEYS' ? [gen(), gen()].join(',') : name === 'KILDE_INTERNAL_SECRET' ? randomBytes(32).toString('base64url') : gen(),
  );
}

/**
 * Reads and validates the CMS configuration from the environment.
 * @remarks Not cached: Strapi's config files call it a handful of times at boot, and tests start
 * several CMS instances with different environments in one process.
 * @throws ConfigError naming the variable when a value is invalid.
 */
export function loadCmsConfig(env: NodeJS.ProcessEnv = process.env): CmsConfig {
  const input = validateConfig<CmsConfigInput & Record<string, unknown>>('cms', env);
  const rootDir = findRootDir();
  const dataDir = env.KILDE_DATA_DIR ? resolve(env.KILDE_DATA_DIR) : join(rootDir, '.data');
  const isProduction = input.NODE_ENV === 'production';
  const missing = secretVars.filter((name) => !input[name]);
  if (isProduction && missing.length > 0) {
    throw new ConfigError(
      `Invalid configuration: ${missing.join(', ')} must be set in production (no development defaults)`,
      missing.map((path) => ({ path, message: 'is required in production' })),
    );
  }
  const dev = missing.length > 0 ? devSecrets(dataDir) : undefined;
  const secret = (name: (typeof secretVars)[number]): string => input[name] ?? dev?.[name] ?? '';
  const config: CmsConfig = {
    env: input.NODE_ENV,
    isProduction,
    rootDir,
    dataDir,
    database: resolveDatabase(input.DATABASE_URL, dataDir, rootDir),
    databaseUrl: input.DATABASE_URL ?? `sqlite:${join(dataDir, 'kilde.db')}`,
    host: input.CMS_HOST,
    port: input.CMS_PORT,
    publicUrl: input.PUBLIC_URL ?? `http://localhost:${input.CMS_PORT}`,
    logLevel: input.LOG_LEVEL,
    seed: input.KILDE_SEED,
    serveAdmin: input.KILDE_SERVE_ADMIN,
    runDispatcher: input.KILDE_DISPATCHER,
    metricsToken: input.KILDE_METRICS_TOKEN,
    meilisearch: input.MEILI_URL
      ? { url: input.MEILI_URL, apiKey: input.MEILI_API_KEY, indexUid: input.MEILI_INDEX }
      : undefined,
    secrets: {
      appKeys: secret('APP_KEYS').split(','),
      adminJwtSecret: secret('ADMIN_JWT_SECRET'),
      apiTokenSalt: secret('API_TOKEN_SALT'),
      transferTokenSalt: secret('TRANSFER_TOKEN_SALT'),
      jwtSecret: secret('JWT_SECRET'),
      encryptionKey: secret('ENCRYPTION_KEY'),
      internalSecret: secret('KILDE_INTERNAL_SECRET'),
    },
    outbox: {
      retentionDays: input.KILDE_OUTBOX_RETENTION_DAYS,
      staleAfterHours: input.KILDE_OUTBOX_STALE_HOURS,
    },
    questions: {
      retentionDays: input.KILDE_QUESTION_RETENTION_DAYS,
      expiryDays: input.KILDE_QUESTION_EXPIRY_DAYS,
      responseWorkingDays: input.KILDE_QUESTION_RESPONSE_DAYS,
    },
  };
  return config;
}
