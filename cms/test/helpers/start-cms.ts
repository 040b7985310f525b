import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Core } from '@strapi/strapi';
import type * as StrapiModule from '@strapi/strapi';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database';

export const cmsDir = join(__dirname, '..', '..');

export interface TestCms {
  strapi: Core.Strapi;
  db: TestDatabase;
  /** Base URL when started with `listen: true`. */
  url?: string;
  stop(): Promise<void>;
}

/**
 * Boots the real CMS (compiled to cms/dist by `npm run build`) on a throwaway database, without
 * the admin bundle. Stop it in `afterAll` inside try/finally.
 */
export async function startCms(options: { seed?: boolean; listen?: boolean; env?: Record<string, string> } = {}): Promise<TestCms> {
  const db = await createTestDatabase();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    KILDE_DATA_DIR: db.dir,
    KILDE_SERVE_ADMIN: 'false',
    KILDE_SEED: options.seed ? 'always' : 'never',
    LOG_LEVEL: process.env.KILDE_TEST_LOG_LEVEL ?? 'silent',
    STRAPI_TELEMETRY_DISABLED: 'true',
    ...options.env,
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createStrapi } = require('@strapi/strapi') as typeof StrapiModule;
  const app = createStrapi({ appDir: cmsDir, distDir: join(cmsDir, 'dist') });
  let strapi: Core.Strapi;
  try {
    strapi = await app.load();
  } catch (err) {
    // A failed boot must not leave a half-started Strapi (timers, pools) keeping Jest alive.
    await app.destroy().catch(() => undefined);
    await db.drop().catch(() => undefined);
    throw err;
  }
  let url: string | undefined;
  if (options.listen) {
    await new Promise<void>((resolve) => strapi.server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(strapi.server.httpServer.address() as AddressInfo).port}`;
  }
  return {
    strapi,
    db,
    url,
    async stop() {
      try {
        await strapi.destroy();
      } finally {
        await db.drop();
      }
    },
  };
}
