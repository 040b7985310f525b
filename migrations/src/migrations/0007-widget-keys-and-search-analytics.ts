import type { Knex } from 'knex';
import { TIMESTAMP_LENGTH } from '../tables';
import type { KildeMigration } from '../types';

/** Tables of the anonymous search analytics (issue #7). */
export const SEARCH_ANALYTICS_TABLES = {
  daily: 'kilde_search_daily',
  queries: 'kilde_search_queries',
  positions: 'kilde_search_positions',
  refinements: 'kilde_search_refinements',
} as const;

/** Longest normalised query kept; longer ones are dropped before aggregation. */
export const SEARCH_ANALYTICS_MAX_QUERY_LENGTH = 100;

/**
 * Widget keys and anonymous search analytics.
 *
 * - `kilde_partner_keys` gets `kind` (`partner` | `widget`) and `allowed_origins` (a JSON array of
 *   origins, for widget keys): a widget key is public (it sits in a web page), has only the
 *   `search` scope and is valid only from its origins.
 * - Four aggregate tables per UTC day and locale: totals, per normalised query, per result
 *   position (impressions and clicks) and per refinement (`from → to`). No IP, user, session or
 *   query id is stored; queries with personal data never get here. Rows older than 13 months
 *   are deleted by the CMS's daily purge.
 * @remarks Counters are added with additive upserts (`n = n + excluded.n`), so API replicas
 *   flushing at the same time never overwrite each other. Composite primary keys are unnamed on
 *   purpose: knex 3.0.1 renders `{ constraintName }` as invalid SQL on SQLite.
 */
export const widgetKeysAndSearchAnalytics: KildeMigration = {
  name: '0007_widget_keys_and_search_analytics',
  async up(knex: Knex): Promise<void> {
    await knex.schema.alterTable('kilde_partner_keys', (t) => {
      t.string('kind', 16).notNullable().defaultTo('partner');
      t.text('allowed_origins').nullable();
    });

    await knex.schema.createTable(SEARCH_ANALYTICS_TABLES.daily, (t) => {
      t.string('day', 10).notNullable();
      t.string('locale', 8).notNullable();
      t.bigInteger('searches').notNullable().defaultTo(0);
      t.bigInteger('zero_results').notNullable().defaultTo(0);
      t.bigInteger('dropped').notNullable().defaultTo(0);
      t.bigInteger('clicks').notNullable().defaultTo(0);
      t.bigInteger('refinements').notNullable().defaultTo(0);
      t.string('updated_at', TIMESTAMP_LENGTH).notNullable();
      t.primary(['day', 'locale']);
    });

    await knex.schema.createTable(SEARCH_ANALYTICS_TABLES.queries, (t) => {
      t.string('day', 10).notNullable();
      t.string('locale', 8).notNullable();
      // Characters, not bytes, on both databases; normalised queries are at most 100.
      t.string('query', SEARCH_ANALYTICS_MAX_QUERY_LENGTH * 2).notNullable();
      t.bigInteger('searches').notNullable().defaultTo(0);
      t.bigInteger('zero_results').notNullable().defaultTo(0);
      t.bigInteger('clicks').notNullable().defaultTo(0);
      t.string('updated_at', TIMESTAMP_LENGTH).notNullable();
      t.primary(['day', 'locale', 'query']);
      t.index(['locale', 'day'], 'kilde_search_queries_locale_day_idx');
    });

    await knex.schema.createTable(SEARCH_ANALYTICS_TABLES.positions, (t) => {
      t.string('day', 10).notNullable();
      t.string('locale', 8).notNullable();
      t.string('type', 16).notNullable();
      t.integer('position').notNullable();
      t.bigInteger('impressions').notNullable().defaultTo(0);
      t.bigInteger('clicks').notNullable().defaultTo(0);
      t.string('updated_at', TIMESTAMP_LENGTH).notNullable();
      t.primary(['day', 'locale', 'type', 'position']);
    });

    await knex.schema.createTable(SEARCH_ANALYTICS_TABLES.refinements, (t) => {
      t.string('day', 10).notNullable();
      t.string('locale', 8).notNullable();
      t.string('from_query', SEARCH_ANALYTICS_MAX_QUERY_LENGTH * 2).notNullable();
      t.string('to_query', SEARCH_ANALYTICS_MAX_QUERY_LENGTH * 2).notNullable();
      t.bigInteger('count').notNullable().defaultTo(0);
      t.string('updated_at', TIMESTAMP_LENGTH).notNullable();
      t.primary(['day', 'locale', 'from_query', 'to_query']);
    });
  },
  async down(knex: Knex): Promise<void> {
    for (const table of Object.values(SEARCH_ANALYTICS_TABLES).reverse()) {
      await knex.schema.dropTableIfExists(table);
    }
    await knex.schema.alterTable('kilde_partner_keys', (t) => {
      t.dropColumn('allowed_origins');
      t.dropColumn('kind');
    });
  },
};
