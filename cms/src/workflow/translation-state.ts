import type { Knex } from 'knex';
import { WORKFLOW_TABLES } from '@kilde/migrations';
import type { DocumentType, Locale } from '@kilde/schemas';
import type { GateTranslation } from '../quality-gate';

type Db = Knex | Knex.Transaction;

/** The source language of a document unless it has no variant in it. */
export const DEFAULT_SOURCE_LOCALE: Locale = 'nb';

/** Which source version a translated variant was made from, and whether the source has moved on. */
export interface TranslationState {
  type: DocumentType;
  documentId: string;
  locale: Locale;
  sourceLocale: Locale;
  translatedFromVersion: number;
  /** The source's version when it changed under the translation; null while current. */
  sourceVersion: number | null;
  outdatedSince: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

interface Row {
  doc_type: string;
  doc_id: string;
  locale: string;
  source_locale: string;
  translated_from_version: number;
  source_version: number | null;
  outdated_since: string | null;
  updated_at: string;
  updated_by: string | null;
}

const toState = (r: Row): TranslationState => ({
  type: r.doc_type as DocumentType,
  documentId: r.doc_id,
  locale: r.locale as Locale,
  sourceLocale: r.source_locale as Locale,
  translatedFromVersion: Number(r.translated_from_version),
  sourceVersion: r.source_version === null ? null : Number(r.source_version),
  outdatedSince: r.outdated_since,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

/**
 * The source locale of a document: nb when it has an nb variant, else the locale it was first
 * written in (an item written in nynorsk first is its own source).
 */
export function sourceLocaleOf(localesByAge: readonly Locale[]): Locale | null {
  if (localesByAge.includes(DEFAULT_SOURCE_LOCALE)) return DEFAULT_SOURCE_LOCALE;
  return localesByAge[0] ?? null;
}

export async function getTranslationState(
  db: Db,
  documentId: string,
  locale: Locale,
): Promise<TranslationState | null> {
  const row = (await db(WORKFLOW_TABLES.translationState)
    .where({ doc_id: documentId, locale })
    .first()) as Row | undefined;
  return row ? toState(row) : null;
}

export async function listTranslationStates(
  db: Db,
  documentId: string,
): Promise<TranslationState[]> {
  return ((await db(WORKFLOW_TABLES.translationState).where({ doc_id: documentId })) as Row[]).map(
    toState,
  );
}

/** Every outdated translation, oldest first (what editors must update). */
export async function listOutdatedTranslations(db: Db, limit = 200): Promise<TranslationState[]> {
  const rows = (await db(WORKFLOW_TABLES.translationState)
    .whereNotNull('outdated_since')
    .orderBy('outdated_since', 'asc')
    .limit(limit)) as Row[];
  return rows.map(toState);
}

/** The translation is current with `sourceVersion` of its source (first publish, or updated by an editor). */
export async function recordTranslatedFrom(
  db: Db,
  state: {
    type: DocumentType;
    documentId: string;
    locale: Locale;
    sourceLocale: Locale;
    sourceVersion: number;
    actor: string;
  },
): Promise<void> {
  const row: Row = {
    doc_type: state.type,
    doc_id: state.documentId,
    locale: state.locale,
    source_locale: state.sourceLocale,
    translated_from_version: state.sourceVersion,
    source_version: null,
    outdated_since: null,
    updated_at: new Date().toISOString(),
    updated_by: state.actor,
  };
  await db(WORKFLOW_TABLES.translationState).insert(row).onConflict(['doc_id', 'locale']).merge();
}

/** The source changed: the given translations are outdated against `sourceVersion`. Returns the locales marked. */
export async function markOutdated(
  db: Db,
  input: { documentId: string; locales: readonly Locale[]; sourceVersion: number; actor: string },
): Promise<Locale[]> {
  if (input.locales.length === 0) return [];
  const now = new Date().toISOString();
  const rows = (await db(WORKFLOW_TABLES.translationState)
    .where({ doc_id: input.documentId })
    .whereIn('locale', input.locales)) as Row[];
  const marked: Locale[] = [];
  for (const row of rows) {
    await db(WORKFLOW_TABLES.translationState)
      .where({ doc_id: row.doc_id, locale: row.locale })
      .update({
        source_version: input.sourceVersion,
        outdated_since: row.outdated_since ?? now,
        updated_at: now,
        updated_by: input.actor,
      });
    marked.push(row.locale as Locale);
  }
  return marked;
}

/** What the gate's `outdated-translation` rule needs; null for current translations and sources. */
export function gateTranslationOf(state: TranslationState | null): GateTranslation | null {
  if (!state) return null;
  return {
    sourceLocale: state.sourceLocale,
    sourceVersion: state.sourceVersion ?? state.translatedFromVersion,
    translatedFromVersion: state.translatedFromVersion,
  };
}
