import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { locales as allLocales, type Locale } from '@kilde/schemas';
import { getDocument } from '@kilde/store';
import { reconcileDocument } from '../publication/publication-service';
import { assertOwnOrganisation } from './access';
import { actorLabel, actorName } from './actor';
import { formatChangeNote, readChangeNote } from './change-note';
import { listEvents, recordEvent } from './events';
import {
  addDays,
  addMonths,
  effectiveDueDate,
  osloToday,
  reviewIntervalFor,
  REVISION_DUE_DAYS,
} from './review-dates';
import { availableSteps, findTransition, mayTake, type StepId } from './stages';
import {
  getTranslationState,
  listTranslationStates,
  recordTranslatedFrom,
  sourceLocaleOf,
  type TranslationState,
} from './translation-state';
import type { Actor, ChangeNote, Stage, WorkflowEvent, WorkflowType } from './types';
import {
  findVariant,
  findVariantRow,
  localesOf,
  stageOf,
  writeWorkflowFields,
} from './variant-rows';
import { inTransaction } from './transaction';

export interface WorkflowKey {
  type: WorkflowType;
  documentId: string;
  locale: Locale;
}

export type ReviewState = 'none' | 'ok' | 'due-soon' | 'overdue';

export type TranslationVariantState = 'source' | 'current' | 'outdated' | 'untracked' | 'missing';

export interface VariantTranslation {
  locale: Locale;
  exists: boolean;
  published: boolean;
  stage: Stage | null;
  state: TranslationVariantState;
  translatedFromVersion: number | null;
  sourceVersion: number | null;
  outdatedSince: string | null;
}

/** Everything the edit-view side panel shows about one variant. */
export interface VariantStatus {
  key: WorkflowKey;
  stage: Stage;
  steps: { id: StepId; to: Stage; via: 'transition' | 'publish' | 'confirm' }[];
  published: { version: number | null; publishedAt: string | null } | null;
  review: {
    lastReviewed: string | null;
    nextReviewDue: string | null;
    intervalMonths: number;
    state: ReviewState;
  };
  pendingChangeNote: ChangeNote | null;
  translation: { sourceLocale: Locale | null; variants: VariantTranslation[] };
  history: WorkflowEvent[];
}

let onCommitted: () => void = () => undefined;

/** Lets workflow actions that republish (review confirmation) wake the outbox dispatcher. */
export function setWorkflowCommitHook(fn: () => void): void {
  onCommitted = fn;
}

export function reviewState(due: string | null, today: string): ReviewState {
  if (!due) return 'none';
  if (due < today) return 'overdue';
  if (due <= addDays(today, REVISION_DUE_DAYS)) return 'due-soon';
  return 'ok';
}

function translationVariantState(
  locale: Locale,
  sourceLocale: Locale | null,
  exists: boolean,
  state: TranslationState | undefined,
): TranslationVariantState {
  if (!exists) return 'missing';
  if (locale === sourceLocale) return 'source';
  if (!state) return 'untracked';
  return state.outdatedSince ? 'outdated' : 'current';
}

/** The side panel's view of a variant, with the steps this actor may take. */
export async function variantStatus(
  strapi: Core.Strapi,
  actor: Actor,
  key: WorkflowKey,
  today = osloToday(),
): Promise<VariantStatus> {
  const db = strapi.db.connection;
  const draft = await findVariant(strapi, key.type, key.documentId, key.locale, 'draft');
  if (!draft) throw new errors.NotFoundError(`No ${key.locale} variant of ${key.documentId}`);
  const publishedRow = await findVariantRow(
    strapi,
    key.type,
    key.documentId,
    key.locale,
    'published',
  );
  const stored = await getDocument(db, { id: key.documentId, locale: key.locale });
  const stage = stageOf(draft);
  const source = publishedRow ?? draft;
  const interval = await reviewIntervalFor(strapi, key.type, key.locale, draft);
  const due = effectiveDueDate({ ...source, reviewIntervalMonths: interval });

  const present = await localesOf(strapi, key.type, key.documentId);
  const sourceLocale = sourceLocaleOf(present);
  const states = new Map(
    (await listTranslationStates(db, key.documentId)).map((s) => [s.locale, s]),
  );
  const variants: VariantTranslation[] = [];
  for (const locale of allLocales) {
    const exists = present.includes(locale);
    const row = exists
      ? await findVariantRow(strapi, key.type, key.documentId, locale, 'draft')
      : null;
    const published = exists
      ? (await findVariantRow(strapi, key.type, key.documentId, locale, 'published')) !== null
      : false;
    const state = states.get(locale);
    variants.push({
      locale,
      exists,
      published,
      stage: row ? stageOf(row) : null,
      state: translationVariantState(locale, sourceLocale, exists, state),
      translatedFromVersion: state?.translatedFromVersion ?? null,
      sourceVersion: state ? (state.sourceVersion ?? state.translatedFromVersion) : null,
      outdatedSince: state?.outdatedSince ?? null,
    });
  }

  return {
    key,
    stage,
    steps: availableSteps(stage, actor).map((s) => ({ id: s.id, to: s.to, via: s.via })),
    published: publishedRow
      ? {
          version: stored && !stored.deleted ? stored.version : null,
          publishedAt: String(publishedRow.publishedAt ?? '') || null,
        }
      : null,
    review: {
      lastReviewed: typeof source.lastReviewed === 'string' ? source.lastReviewed : null,
      nextReviewDue: due,
      intervalMonths: interval,
      state: publishedRow ? reviewState(due, today) : 'none',
    },
    pendingChangeNote: readChangeNote(draft),
    translation: { sourceLocale, variants },
    history: await listEvents(db, key, 30),
  };
}

/** Moves a variant to another stage, if this actor may take that step; records who, when and why. */
export async function transition(
  strapi: Core.Strapi,
  actor: Actor,
  key: WorkflowKey,
  to: Stage,
  comment: string | null,
): Promise<void> {
  await inTransaction(strapi, async ({ trx }) => {
    const draft = await findVariantRow(strapi, key.type, key.documentId, key.locale, 'draft');
    if (!draft) throw new errors.NotFoundError(`No ${key.locale} variant of ${key.documentId}`);
    const from = stageOf(draft);
    const step = findTransition(from, to);
    if (!step) {
      throw new errors.ValidationError(
        to === 'published'
          ? 'Publishing is done with Publish (it needs a change note and the quality gate).'
          : `A variant in ${from} cannot move to ${to}.`,
      );
    }
    if (!mayTake(actor, step))
      throw new errors.ForbiddenError(`Your role may not move content from ${from} to ${to}.`);
    await assertOwnOrganisation(strapi, actor, key.type, key.documentId, undefined);
    await writeWorkflowFields(strapi, trx, key.type, key.documentId, key.locale, 'draft', {
      workflowStage: to,
    });
    await recordEvent(trx, {
      ...key,
      kind: 'transition',
      fromStage: from,
      toStage: to,
      actor: actorLabel(actor),
      actorName: actorName(actor),
      comment,
    });
  });
}

/**
 * "Confirmed still correct": the professional reviewer vouches for the published text as it is.
 * Records a review and starts a new cycle without touching the content or any pending draft.
 * @remarks Writes the review dates onto the published row directly and republishes the canonical
 * document from it, rather than through Strapi's publish, which would publish the draft — and with
 * it any unfinished edits.
 */
export async function confirmStillCorrect(
  strapi: Core.Strapi,
  actor: Actor,
  key: WorkflowKey,
  comment: string | null,
  today = osloToday(),
): Promise<{ lastReviewed: string; nextReviewDue: string; version: number | null }> {
  const result = await inTransaction(strapi, async ({ trx }) => {
    if (!mayTake(actor, { roles: ['professional-reviewer'] })) {
      throw new errors.ForbiddenError(
        'Only a professional reviewer can confirm that content is still correct.',
      );
    }
    await assertOwnOrganisation(strapi, actor, key.type, key.documentId, undefined);
    const published = await findVariant(strapi, key.type, key.documentId, key.locale, 'published');
    if (!published)
      throw new errors.ValidationError('Only published content can be confirmed as still correct.');
    const draftRow = await findVariantRow(strapi, key.type, key.documentId, key.locale, 'draft');
    const from = stageOf(draftRow);
    if (from !== 'published' && from !== 'revision-due') {
      throw new errors.ValidationError(
        `This variant is being revised (${from}); publish the revision instead.`,
      );
    }
    const state = await getTranslationState(trx, key.documentId, key.locale);
    if (state?.outdatedSince)
      throw new errors.ValidationError(
        'This translation is outdated: its source has changed. Update it instead.',
      );

    const interval = await reviewIntervalFor(strapi, key.type, key.locale, published);
    const nextReviewDue = addMonths(today, interval);
    await writeWorkflowFields(strapi, trx, key.type, key.documentId, key.locale, 'both', {
      lastReviewed: today,
      nextReviewDue,
      workflowStage: 'published',
    });
    const note: ChangeNote = {
      kind: 'professional-review',
      text: comment?.trim() || 'Confirmed still correct without content changes',
    };
    const label = actorLabel(actor);
    const reconciled = await reconcileDocument(
      strapi,
      trx,
      key.type,
      key.documentId,
      'unpublished',
      {
        actor: label,
        changeNote: formatChangeNote(note),
      },
    );
    const version = reconciled.published.find((p) => p.locale === key.locale)?.version ?? null;
    await recordEvent(trx, {
      ...key,
      kind: 'review-confirmed',
      fromStage: from,
      toStage: 'published',
      actor: label,
      actorName: actorName(actor),
      comment,
      changeNote: note,
      version,
    });
    return { lastReviewed: today, nextReviewDue, version };
  });
  onCommitted();
  return result;
}

/** An editor has brought an outdated translation up to date with the current source. */
export async function markTranslationCurrent(
  strapi: Core.Strapi,
  actor: Actor,
  key: WorkflowKey,
  comment: string | null,
): Promise<void> {
  await inTransaction(strapi, async ({ trx }) => {
    if (!mayTake(actor, { roles: ['writer', 'editor', 'local-editor'] })) {
      throw new errors.ForbiddenError('Only writers and editors can update translations.');
    }
    await assertOwnOrganisation(strapi, actor, key.type, key.documentId, undefined);
    const state = await getTranslationState(trx, key.documentId, key.locale);
    if (!state?.outdatedSince)
      throw new errors.ValidationError('This translation is not outdated.');
    const source = await getDocument(trx, { id: key.documentId, locale: state.sourceLocale });
    if (!source || source.deleted)
      throw new errors.ValidationError(`The ${state.sourceLocale} source is not published.`);
    await recordTranslatedFrom(trx, {
      type: key.type,
      documentId: key.documentId,
      locale: key.locale,
      sourceLocale: state.sourceLocale,
      sourceVersion: source.version,
      actor: actorLabel(actor),
    });
    await recordEvent(trx, {
      ...key,
      kind: 'translation-updated',
      actor: actorLabel(actor),
      actorName: actorName(actor),
      comment: comment ?? `Updated to ${state.sourceLocale} version ${source.version}`,
      version: source.version,
    });
  });
}
