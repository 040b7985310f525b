import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadCmsConfig } from '../src/settings/load-config';

interface SqliteNative {
  pragma: (sql: string) => unknown;
}

export default () => {
  const { database } = loadCmsConfig();
  if (database.client === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: { connectionString: database.connectionString },
        pool: { min: 0, max: 10 },
        acquireConnectionTimeout: 10_000,
      },
    };
  }
  mkdirSync(dirname(database.filename), { recursive: true });
  return {
    connection: {
      client: 'sqlite',
      connection: { filename: database.filename },
      useNullAsDefault: true,
      pool: {
        // WAL lets the API process read while the CMS writes.
        afterCreate: (conn: SqliteNative, done: (err: Error | null, conn: SqliteNative) => void) => {
          conn.pragma('journal_mode = WAL');
          conn.pragma('busy_timeout = 5000');
          done(null, conn);
        },
      },
    },
  };
};
