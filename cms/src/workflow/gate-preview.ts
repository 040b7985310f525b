import type { Core } from '@strapi/strapi';
import type { Locale } from '@kilde/schemas';
import type { GateResult } from '../quality-gate';
import { gateEntry } from './gate';
import { gateTranslationOf, getTranslationState } from './translation-state';
import type { WorkflowType } from './types';

/**
 * The gate on what the editor has typed (unsaved form values), exactly as it will run at publish:
 * same rules, internal links against the read store, and the variant's translation state.
 */
export async function gateNotesFor(
  strapi: Core.Strapi,
  type: WorkflowType,
  locale: Locale,
  documentId: string | null,
  values: Record<string, unknown>,
): Promise<GateResult> {
  const db = strapi.db.connection;
  const state = documentId ? await getTranslationState(db, documentId, locale) : null;
  return gateEntry(db, type, locale, values, gateTranslationOf(state));
}
