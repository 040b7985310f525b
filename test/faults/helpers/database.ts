import type { Knex } from 'knex';
import { Client } from 'pg';
import { createDatabase, createPartnerKey, publishDocument, runMigrations } from '@kilde/store';
import type { ArticleDocument, DraftDocument } from '@kilde/schemas';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { PG_URL } from './processes';

/** A throwaway, migrated PostgreSQL database and a knex instance on it (the test's own pool). */
export interface FaultDatabase {
  db: TestDatabase;
  knex: Knex;
  /** The database name (for `pg_stat_activity`). */
  name: string;
  close(): Promise<void>;
}

export async function createFaultDatabase(): Promise<FaultDatabase> {
  if (!process.env.KILDE_TEST_PG_URL) process.env.KILDE_TEST_PG_URL = PG_URL;
  const db = await createTestDatabase();
  const knex = await createDatabase({ url: db.url });
  try {
    await runMigrations(knex);
  } catch (err) {
    await knex.destroy();
    await db.drop();
    throw err;
  }
  return {
    db,
    knex,
    name: new URL(db.url).pathname.slice(1),
    async close() {
      try {
        await knex.destroy();
      } finally {
        await db.drop();
      }
    },
  };
}

/** A publishable article draft (Norwegian sample content). */
export function article(
  id: string,
  title: string,
  body: string,
  locale: 'nb' | 'nn' = 'nb',
): DraftDocument<ArticleDocument> {
  return {
    id,
    type: 'article',
    locale,
    translations: {},
    title,
    slug: id,
    summary: title,
    body,
    topics: [],
    audience: ['16-17'],
    provider: null,
    professionallyResponsible: { name: 'Kari Lege', profession: 'doctor' },
    authors: [],
    sources: [{ title: 'Helsenorge', kind: 'other', url: 'https://www.helsenorge.no/' }],
    images: [],
    snomed: [],
    licence: 'CC-BY-4.0',
    lastReviewed: '2026-01-01',
    nextReviewDue: '2027-01-01',
    reviewIntervalMonths: 12,
  };
}

/** Publishes `count` articles about sleep (`sovn-000` …). */
export async function publishArticles(knex: Knex, count: number, prefix = 'sovn'): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const n = String(i).padStart(3, '0');
    await publishDocument(
      knex,
      article(
        `${prefix}-${n}`,
        `Søvnråd ${n}`,
        `## Søvn\n\nLegg bort mobilen en time før du skal sove (${n}).\n`,
      ),
    );
  }
}

/** A partner key with every read scope and a limit the load never reaches. */
export async function partnerKey(knex: Knex): Promise<string> {
  const { key } = await createPartnerKey(knex, {
    partner: 'Feiltest',
    scopes: ['read:content', 'read:questions', 'search'],
    rateLimitPerMinute: 10_000_000,
  });
  return key;
}

/**
 * Terminates every backend connected to `database` except the caller's own, as a failover or a
 * restarted PostgreSQL would. Returns how many were terminated.
 */
export async function terminateBackends(admin: Client, database: string): Promise<number> {
  const result = await admin.query<{ n: string }>(
    'select count(pg_terminate_backend(pid))::text as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [database],
  );
  return Number(result.rows[0]?.n ?? 0);
}

/** A plain pg client on the server's maintenance database (outside the test database). */
export async function adminClient(): Promise<Client> {
  const client = new Client({ connectionString: `${PG_URL}/postgres` });
  await client.connect();
  return client;
}
