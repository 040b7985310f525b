import type { Knex } from 'knex';
import pino from 'pino';
import { createDatabase, runMigrations } from '@kilde/store';
import { createApiServer, type ApiServer } from '../../src';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database';

export interface TestApi {
  url: string;
  knex: Knex;
  db: TestDatabase;
  api: ApiServer;
  stop(): Promise<void>;
}

/** Starts the API on an ephemeral port over a throwaway, migrated database. */
export async function startApi(options: { migrate?: boolean } = {}): Promise<TestApi> {
  const db = await createTestDatabase();
  const knex = await createDatabase({ url: db.url });
  if (options.migrate !== false) await runMigrations(knex);
  const api = await createApiServer({ knex, logger: pino({ level: 'silent' }) });
  const url = await api.listen(0);
  return {
    url,
    knex,
    db,
    api,
    async stop() {
      try {
        await api.close();
        await knex.destroy();
      } finally {
        await db.drop();
      }
    },
  };
}
