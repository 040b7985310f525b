import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import type { DocumentType, Locale } from '@kilde/schemas';
import { getDocument } from '@kilde/store';
import { documentTypeOf } from '../strapi/content-types';
import type { GateResult } from '../quality-gate';
import {
  admitDraftWrite,
  assertMayDelete,
  assertOwnOrganisation,
  stripWorkflowOwned,
} from './access';
import { actorLabel, actorName, resolveActor, scopedChangeNote } from './actor';
import { formatChangeNote, readChangeNote } from './change-note';
import { hasProfessionalApproval, recordEvent } from './events';
import { gateEntry } from './gate';
import { editorRecipients, notify } from './notifications';
import { withPublicationMeta } from './publication-scope';
import { addMonths, osloToday, reviewIntervalFor } from './review-dates';
import { PUBLISHING_ROLES, checkPublish, mayTake } from './stages';
import {
  gateTranslationOf,
  getTranslationState,
  markOutdated,
  recordTranslatedFrom,
  sourceLocaleOf,
} from './translation-state';
import {
  isWorkflowType,
  type Actor,
  type ChangeNote,
  type Stage,
  type WorkflowType,
} from './types';
import {
  findDraftForPlanning,
  findVariant,
  findVariantRow,
  localesOf,
  stageOf,
  writeWorkflowFields,
} from './variant-rows';
import { inTransaction } from './transaction';

type Params = Record<string, unknown> & {
  documentId?: string;
  locale?: unknown;
  status?: unknown;
  data?: Record<string, unknown>;
};
interface MiddlewareContext {
  uid: string;
  action: string;
  params: Params;
}

/** What an action does to a document, from the workflow's point of view. */
type Operation = 'read' | 'write' | 'publish' | 'unpublish' | 'delete';

function classify(ctx: MiddlewareContext): Operation {
  switch (ctx.action) {
    case 'findOne':
    case 'findFirst':
    case 'findMany':
    case 'count':
      return 'read';
    case 'create':
    case 'update':
      return ctx.params.status === 'published' ? 'publish' : 'write';
    case 'publish':
      return 'publish';
    case 'unpublish':
      return 'unpublish';
    case 'delete':
      return 'delete';
    default:
      // clone, discardDraft and anything Strapi adds later change drafts: treat as writes.
      return 'write';
  }
}

interface Hooks {
  onCommitted: () => void;
}

async function defaultLocale(strapi: Core.Strapi): Promise<Locale> {
  const service = strapi.plugin('i18n')?.service('locales') as
    | { getDefaultLocale(): Promise<string> }
    | undefined;
  return ((await service?.getDefaultLocale()) ?? 'nb') as Locale;
}

/** The locales an action names: one, several, or `*` (every locale the document has). */
async function localesOfAction(
  strapi: Core.Strapi,
  type: DocumentType,
  documentId: string | undefined,
  locale: unknown,
): Promise<Locale[]> {
  if (Array.isArray(locale)) return locale.filter((l): l is Locale => typeof l === 'string');
  if (locale === '*') return documentId ? localesOf(strapi, type, documentId) : [];
  if (typeof locale === 'string' && locale !== '') return [locale as Locale];
  return [await defaultLocale(strapi)];
}

function gateError(locale: Locale, gate: GateResult): errors.ValidationError {
  const blocking = gate.checks.filter((c) => c.severity === 'error');
  const list = blocking
    .map((c) => `${c.rule}${c.line ? ` (line ${c.line})` : ''}: ${c.message}`)
    .join('; ');
  return new errors.ValidationError(
    `The ${locale} variant did not pass the quality gate: ${list}`,
    {
      errors: blocking.map((c) => ({
        path: [locale, c.rule],
        message: c.line ? `line ${c.line}: ${c.message}` : c.message,
        name: 'ValidationError',
      })),
      gate: gate.checks,
    },
  );
}

function refusal(check: Exclude<ReturnType<typeof checkPublish>, { ok: true }>): Error {
  return check.reason === 'role'
    ? new errors.ForbiddenError(check.message)
    : new errors.ValidationError(check.message);
}

/** The text a translation follows; a change to it makes the translations outdated. */
function sourceText(json: string | undefined): string | null {
  if (!json) return null;
  const doc = JSON.parse(json) as Record<string, unknown>;
  return JSON.stringify([doc.title, doc.summary, doc.body, doc.question, doc.answer]);
}

interface PlannedVariant {
  locale: Locale;
  stage: Stage;
  sourceBefore: { version: number; text: string | null } | null;
}

/**
 * Registers the editorial workflow on Strapi's document service, outside (before) the
 * publication hook, so every path — admin, Content API, import, seed, scripts — goes through it:
 * - writes: the actor's role may edit; local editors only their organisation's content;
 *   workflow-owned fields (stage, review dates) are dropped from editors' input;
 * - publish: publisher (or administrator/system) only, a change note, the right stage, and the
 *   quality gate on the content as published (errors roll the whole publish back);
 * - afterwards, in the same transaction: stage and review dates, the workflow log, translation
 *   state, and "translation outdated" notices to editors.
 */
export function registerWorkflowMiddleware(strapi: Core.Strapi, hooks: Hooks): void {
  const middleware = async (rawCtx: unknown, next: () => Promise<unknown>): Promise<unknown> => {
    const ctx = rawCtx as MiddlewareContext;
    const type = documentTypeOf(ctx.uid);
    if (!type) return next();
    const operation = classify(ctx);
    if (operation === 'read') return next();

    const actor = await resolveActor(strapi);
    const params = ctx.params;
    const label = actorLabel(actor);
    switch (operation) {
      case 'write': {
        params.data = await admitDraftWrite(strapi, actor, type, params.documentId, params.data);
        return next();
      }
      case 'delete': {
        assertMayDelete(actor);
        await assertOwnOrganisation(strapi, actor, type, params.documentId, undefined);
        return withPublicationMeta({ actor: label }, next);
      }
      case 'unpublish': {
        if (!mayTake(actor, { roles: PUBLISHING_ROLES }))
          throw new errors.ForbiddenError('Only publishers may publish or unpublish content.');
        if (!isWorkflowType(type) || !params.documentId)
          return withPublicationMeta({ actor: label }, next);
        return unpublishVariants(strapi, actor, type, params, next);
      }
      case 'publish': {
        if (!mayTake(actor, { roles: PUBLISHING_ROLES }))
          throw new errors.ForbiddenError('Only publishers may publish or unpublish content.');
        if (!isWorkflowType(type)) {
          // Topics, organisations and services have no stages or gate: publishing them is the publisher's call.
          const note = scopedChangeNote() ?? readChangeNote(params.data);
          return withPublicationMeta(
            { actor: label, changeNote: note ? formatChangeNote(note) : null },
            next,
          );
        }
        return publishVariants(strapi, actor, type, ctx, next, hooks);
      }
      default: {
        const unreachable: never = operation;
        throw new Error(`Unknown operation ${String(unreachable)}`);
      }
    }
  };
  // Strapi types `next` per action; the workflow only passes results through.
  strapi.documents.use(middleware as never);
}

async function unpublishVariants(
  strapi: Core.Strapi,
  actor: Actor,
  type: WorkflowType,
  params: Params,
  next: () => Promise<unknown>,
): Promise<unknown> {
  const documentId = params.documentId as string;
  return inTransaction(strapi, async ({ trx }) => {
    const locales = await localesOfAction(strapi, type, documentId, params.locale);
    const before = new Map<Locale, Stage>();
    for (const locale of locales)
      before.set(locale, stageOf(await findVariantRow(strapi, type, documentId, locale, 'draft')));
    const result = await withPublicationMeta({ actor: actorLabel(actor) }, next);
    for (const locale of locales) {
      // Withdrawn content goes back to the start: it was withdrawn for a reason.
      await writeWorkflowFields(strapi, trx, type, documentId, locale, 'draft', {
        workflowStage: 'draft',
      });
      await recordEvent(trx, {
        type,
        documentId,
        locale,
        kind: 'unpublish',
        fromStage: before.get(locale) ?? null,
        toStage: 'draft',
        actor: actorLabel(actor),
        actorName: actorName(actor),
      });
    }
    return result;
  });
}

/** The change note for this publish: the caller's scope, the request data, else the draft's pending note. */
function changeNoteFor(
  actor: Actor,
  data: Record<string, unknown> | undefined,
  draft: Record<string, unknown> | null,
): ChangeNote | null {
  const note = scopedChangeNote() ?? readChangeNote(data) ?? readChangeNote(draft);
  if (note) return note;
  // Server code that names no note (a script, a test fixture) is recorded as such rather than refused.
  return actor.kind === 'system'
    ? { kind: 'content-update', text: `Published by ${actorLabel(actor)}` }
    : null;
}

async function publishVariants(
  strapi: Core.Strapi,
  actor: Actor,
  type: WorkflowType,
  ctx: MiddlewareContext,
  next: () => Promise<unknown>,
  hooks: Hooks,
): Promise<unknown> {
  const params = ctx.params;
  return inTransaction(strapi, async ({ trx, onCommit }) => {
    const label = actorLabel(actor);
    const today = osloToday();
    const isCreate = ctx.action === 'create';
    let documentId = isCreate ? undefined : params.documentId;
    const locales = await localesOfAction(strapi, type, documentId, params.locale);
    if (actor.kind !== 'system' && params.data) params.data = stripWorkflowOwned(params.data);

    // 1. Decide, per variant, before anything is written.
    let note: ChangeNote | null = null;
    const planned: PlannedVariant[] = [];
    const allLocales = documentId ? await localesOf(strapi, type, documentId) : [];
    const sourceLocale = sourceLocaleOf(allLocales);
    for (const locale of locales) {
      const draft = documentId
        ? await findDraftForPlanning(strapi, type, documentId, locale)
        : null;
      if (ctx.action === 'publish' && !draft) continue; // Strapi publishes nothing for a missing locale.
      const stage = stageOf(draft);
      const variantNote = changeNoteFor(actor, params.data, draft);
      note = note ?? variantNote;
      const approval =
        documentId && note?.kind === 'professional-review'
          ? await hasProfessionalApproval(trx, { documentId, locale })
          : false;
      const check = checkPublish({
        actor,
        stage,
        note: variantNote,
        professionalApproval: approval,
      });
      if (!check.ok) throw refusal(check);

      // Stage and review dates go into the draft, so Strapi's publish copies them into the published row.
      const content = { ...(draft ?? {}), ...(params.data ?? {}) };
      const fields: Record<string, unknown> = { workflowStage: 'published' };
      const interval = await reviewIntervalFor(strapi, type, locale, content);
      if (variantNote?.kind === 'professional-review') {
        fields.lastReviewed = today;
        fields.nextReviewDue = addMonths(today, interval);
      } else if (
        typeof content.lastReviewed === 'string' &&
        content.lastReviewed &&
        !content.nextReviewDue
      ) {
        fields.nextReviewDue = addMonths(content.lastReviewed, interval);
      }
      if (ctx.action === 'publish' && documentId) {
        await writeWorkflowFields(strapi, trx, type, documentId, locale, 'draft', fields);
      } else {
        params.data = { ...(params.data ?? {}), ...fields };
      }

      let sourceBefore: PlannedVariant['sourceBefore'] = null;
      if (documentId && locale === sourceLocale) {
        const stored = await getDocument(trx, { id: documentId, locale });
        if (stored && !stored.deleted)
          sourceBefore = { version: stored.version, text: sourceText(stored.json) };
      }
      planned.push({ locale, stage, sourceBefore });
    }
    if (!note) throw new errors.ValidationError('Publishing needs a change note.');

    // 2. Strapi publishes; the publication hook (inside) writes the read store and the outbox.
    const result = await withPublicationMeta(
      { actor: label, changeNote: formatChangeNote(note) },
      next,
    );
    documentId =
      documentId ??
      (result && typeof result === 'object' && 'documentId' in result
        ? String(result.documentId)
        : undefined);
    if (!documentId) return result;

    // 3. Check what was published, then record it. Any error rolls back Strapi's publish too.
    const localesNow = await localesOf(strapi, type, documentId);
    const source = sourceLocaleOf(localesNow);
    const sourceStored = source ? await getDocument(trx, { id: documentId, locale: source }) : null;
    for (const { locale, stage, sourceBefore } of planned) {
      const entry = await findVariant(strapi, type, documentId, locale, 'published');
      if (!entry) continue;
      const isTranslation = source !== null && locale !== source;
      const state = isTranslation ? await getTranslationState(trx, documentId, locale) : null;
      const gate = await gateEntry(trx, type, locale, entry, gateTranslationOf(state));
      if (!gate.passed) throw gateError(locale, gate);

      const stored = await getDocument(trx, { id: documentId, locale });
      await writeWorkflowFields(strapi, trx, type, documentId, locale, 'both', {
        changeNoteKind: null,
        changeNote: null,
      });
      await recordEvent(trx, {
        type,
        documentId,
        locale,
        kind: 'publish',
        fromStage: stage,
        toStage: 'published',
        actor: label,
        actorName: actorName(actor),
        changeNote: note,
        version: stored?.version ?? null,
      });

      if (isTranslation && !state && sourceStored && !sourceStored.deleted) {
        // First publish of a translation: it follows the source as published now.
        await recordTranslatedFrom(trx, {
          type,
          documentId,
          locale,
          sourceLocale: source,
          sourceVersion: sourceStored.version,
          actor: label,
        });
      }
      if (!isTranslation && sourceBefore && stored && stored.version !== sourceBefore.version) {
        const textChanged = sourceText(stored.json) !== sourceBefore.text;
        const outdates =
          note.kind === 'content-update' || (note.kind !== 'minor-correction' && textChanged);
        if (outdates) {
          await outdateTranslations(strapi, trx, onCommit, {
            type,
            documentId,
            sourceLocale: locale,
            sourceVersion: stored.version,
            previousVersion: sourceBefore.version,
            translations: localesNow.filter((l) => l !== locale),
            actor,
            title: typeof entry.title === 'string' ? entry.title : '',
            provider: (entry.provider as { documentId?: string } | null)?.documentId ?? null,
          });
        }
      }
    }
    onCommit(hooks.onCommitted);
    return result;
  });
}

/** The source changed in substance: its translations are outdated until an editor updates them. */
async function outdateTranslations(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  onCommit: (fn: () => void) => void,
  input: {
    type: WorkflowType;
    documentId: string;
    sourceLocale: Locale;
    sourceVersion: number;
    previousVersion: number;
    translations: Locale[];
    actor: Actor;
    title: string;
    provider: string | null;
  },
): Promise<void> {
  const label = actorLabel(input.actor);
  // Published translations made before translation state was tracked get a row now.
  for (const locale of input.translations) {
    if (await getTranslationState(trx, input.documentId, locale)) continue;
    const published = await getDocument(trx, { id: input.documentId, locale });
    if (published && !published.deleted) {
      await recordTranslatedFrom(trx, {
        type: input.type,
        documentId: input.documentId,
        locale,
        sourceLocale: input.sourceLocale,
        sourceVersion: input.previousVersion,
        actor: label,
      });
    }
  }
  const marked = await markOutdated(trx, {
    documentId: input.documentId,
    locales: input.translations,
    sourceVersion: input.sourceVersion,
    actor: label,
  });
  if (marked.length === 0) return;
  for (const locale of marked) {
    await recordEvent(trx, {
      type: input.type,
      documentId: input.documentId,
      locale,
      kind: 'translation-outdated',
      actor: label,
      actorName: actorName(input.actor),
      comment: `${input.sourceLocale} version ${input.sourceVersion} changed the text`,
      version: input.sourceVersion,
    });
  }
  const recipients = await editorRecipients(strapi, input.provider);
  await notify(
    strapi,
    trx,
    {
      recipients,
      kind: 'translation-outdated',
      subject: `Oversettelse utdatert / translation outdated: «${input.title}» (${marked.join(', ')})`,
      text:
        `Kildeteksten (${input.sourceLocale}) til «${input.title}» er endret (versjon ${input.sourceVersion}). ` +
        `Oversettelsene ${marked.join(', ')} må oppdateres før de kan publiseres igjen.\n\n` +
        `The ${input.sourceLocale} source of "${input.title}" changed (version ${input.sourceVersion}). ` +
        `The ${marked.join(', ')} translations must be updated before they can be published again.`,
      variant: { type: input.type, documentId: input.documentId, locale: input.sourceLocale },
    },
    onCommit,
  );
}
