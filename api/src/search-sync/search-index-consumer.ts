import type { Knex } from 'knex';
import { KildeError, type CanonicalDocument } from '@kilde/schemas';
import { getDocument, type Change, type OutboxConsumer } from '@kilde/store';
import {
  SearchEngineError,
  SearchEngineUnavailableError,
  searchDocumentId,
  toSearchDocument,
  type IndexSettings,
  type SearchEngine,
} from '@kilde/search';

/** What {@link applyChange} needs of an outbox change (a `Change` or an outbox event). */
export type SearchChange = Pick<Change, 'op' | 'type' | 'id' | 'locale' | 'version' | 'json'>;

/**
 * Applies one outbox change to a search engine: upserts index the canonical document, deletes
 * remove it. Idempotent and order-safe: a change older than what the read store now holds is
 * skipped, so replaying can never resurrect stale content.
 */
export async function applyChange(
  knex: Knex,
  engine: SearchEngine,
  change: SearchChange,
): Promise<void> {
  const current = await getDocument(knex, { id: change.id, locale: change.locale });
  if (current !== null && current.version > change.version) return;
  if (change.op === 'upsert') {
    const doc = toSearchDocument(JSON.parse(change.json) as CanonicalDocument);
    if (doc) await engine.upsert([doc]);
  } else {
    await engine.delete([searchDocumentId(change.type, change.id, change.locale)]);
  }
}

/** The outbox consumer that feeds a shared search engine (Meilisearch in production). */
export const SHARED_SEARCH_CONSUMER = 'search:meilisearch';

/**
 * Whether a failure to apply a change is an outage (retry for as long as it lasts) rather than
 * something wrong with the change (dead-letter after the retries).
 * @remarks Only the engine refusing the request itself is the change's fault: a Meilisearch
 * `invalid_request` (a document it will never accept), an invalid document or JSON. An engine that
 * is down, slow (handler timeout), refuses the API key (`auth`) or fails inside (`internal`,
 * `system`: a full disk) is the surroundings, and every change published meanwhile must arrive once
 * it is fixed.
 */
export function isTransientSearchFailure(error: unknown): boolean {
  if (error instanceof SearchEngineUnavailableError) return true;
  if (error instanceof SearchEngineError) {
    const details = error.details as
      | { type?: string; error?: { type?: string } | null }
      | undefined;
    return (details?.type ?? details?.error?.type) !== 'invalid_request';
  }
  if (error instanceof SyntaxError) return false;
  if (error instanceof KildeError) return error.status >= 500;
  return true;
}

/** Options of {@link createSearchIndexConsumer}. */
export interface SearchIndexConsumerOptions {
  /** Reads the read store (to skip stale changes); the primary, like the dispatcher's. */
  knex: Knex;
  engine: SearchEngine;
  name?: string;
  /** Pushed to the engine (`configure`) before the first change this process applies. */
  settings?: IndexSettings;
  /**
   * Rebuilds the index from the read store and returns the outbox seq it covers: the consumer's
   * `bootstrap`, run when its cursor lies in pruned history (`bootstrapSharedSearchIndex`).
   * Without it, such a consumer starts at the oldest outbox row kept.
   */
  rebuild?: (signal: AbortSignal) => Promise<number>;
}

/**
 * The outbox consumer that keeps a shared search index current: each event is applied with
 * {@link applyChange}, so redeliveries (at least once) and replays are harmless.
 * @remarks Settings are applied once per process before its first write rather than at start,
 * so a process that starts while the engine is down still comes up; the failure then shows as a
 * retried delivery.
 */
export function createSearchIndexConsumer(options: SearchIndexConsumerOptions): OutboxConsumer {
  const { knex, engine, settings, rebuild } = options;
  let configured = settings === undefined;
  const configureOnce = async (): Promise<void> => {
    if (configured) return;
    await engine.configure(settings as IndexSettings);
    configured = true;
  };
  return {
    name: options.name ?? SHARED_SEARCH_CONSUMER,
    startAt: 'beginning',
    isTransient: isTransientSearchFailure,
    async handle(event) {
      await configureOnce();
      await applyChange(knex, engine, { ...event, json: event.payload });
    },
    ...(rebuild && {
      async bootstrap(signal: AbortSignal) {
        // The rebuilt index takes the settings the engine holds.
        await configureOnce();
        return rebuild(signal);
      },
    }),
  };
}
