import type { Knex } from 'knex';
import pino from 'pino';
import { createDatabase, createPartnerKey, runMigrations, type PartnerScope } from '@kilde/store';
import { createApiServer, type ApiServer, type ApiServerOptions } from '../../src';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database';

export interface TestApi {
  url: string;
  knex: Knex;
  db: TestDatabase;
  api: ApiServer;
  /** Issues a partner key (all read scopes by default) and returns the secret. */
  key(scopes?: readonly PartnerScope[], options?: { rateLimitPerMinute?: number; partner?: string }): Promise<string>;
  stop(): Promise<void>;
}

export const allScopes: readonly PartnerScope[] = ['read:content', 'read:questions', 'search'];

/**
 * Starts the API on an ephemeral port over a throwaway, migrated database.
 * @remarks Key lookups are not cached (`keyCacheSeconds: 0`) so a revocation shows at once, and
 * usage is only written when a test calls `api.flushUsage()`.
 */
export async function startApi(
  options: { migrate?: boolean; api?: Partial<ApiServerOptions> | ((knex: Knex) => Promise<Partial<ApiServerOptions>>) } = {},
): Promise<TestApi> {
  const db = await createTestDatabase();
  const knex = await createDatabase({ url: db.url });
  let api: ApiServer | undefined;
  try {
    if (options.migrate !== false) await runMigrations(knex);
    const extra = typeof options.api === 'function' ? await options.api(knex) : options.api;
    api = await createApiServer({ knex, logger: pino({ level: 'silent' }), keyCacheSeconds: 0, usageFlushSeconds: 3600, ...extra });
    const url = await api.listen(0);
    const running = api;
    return {
      url,
      knex,
      db,
      api: running,
      async key(scopes = allScopes, o = {}) {
        const { key } = await createPartnerKey(knex, { partner: o.partner ?? 'Test partner', scopes, rateLimitPerMinute: o.rateLimitPerMinute });
        return key;
      },
      async stop() {
        try {
          await running.close();
          await knex.destroy();
        } finally {
          await db.drop();
        }
      },
    };
  } catch (err) {
    await api?.close().catch(() => undefined);
    await knex.destroy().catch(() => undefined);
    await db.drop().catch(() => undefined);
    throw err;
  }
}
