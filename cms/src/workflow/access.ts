import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { DocumentType } from '@kilde/schemas';
import { contentTypeUids } from '../strapi/content-types';
import { DELETING_ROLES, WRITING_ROLES, mayTake } from './stages';
import type { Actor, EditorialRole } from './types';

/** Roles that are not limited to one organisation. */
const UNRESTRICTED: readonly EditorialRole[] = [
  'writer',
  'professional-reviewer',
  'editor',
  'publisher',
];

/** True when the actor works only as local editor, so everything they touch must be their organisation's. */
export function isLocalEditorOnly(actor: Actor): boolean {
  return (
    actor.kind === 'admin' &&
    !actor.administrator &&
    actor.roles.includes('local-editor') &&
    !actor.roles.some((r) => UNRESTRICTED.includes(r))
  );
}

type Relation = unknown;

/** documentIds (or numeric ids) named by a relation input in any of the forms Strapi accepts. */
function relationTargets(value: Relation): (string | number)[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string' || typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(relationTargets);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('connect' in v || 'set' in v)
      return [...relationTargets(v.connect), ...relationTargets(v.set)];
    if (typeof v.documentId === 'string') return [v.documentId];
    if (typeof v.id === 'number' || typeof v.id === 'string') return [v.id];
  }
  return [];
}

async function toDocumentIds(strapi: Core.Strapi, targets: (string | number)[]): Promise<string[]> {
  const out: string[] = [];
  for (const t of targets) {
    if (typeof t === 'string' && !/^\d+$/.test(t)) {
      out.push(t);
      continue;
    }
    const row = (await strapi.db
      .query(contentTypeUids.organisation)
      .findOne({ where: { id: Number(t) }, select: ['documentId'] })) as {
      documentId?: string;
    } | null;
    if (row?.documentId) out.push(row.documentId);
  }
  return out;
}

async function currentProvider(
  strapi: Core.Strapi,
  type: DocumentType,
  documentId: string,
): Promise<string | null> {
  const row = (await strapi.db.query(contentTypeUids[type]).findOne({
    where: { documentId },
    populate: { provider: { select: ['documentId'] } },
  })) as { provider?: { documentId?: string } | null } | null;
  return row?.provider?.documentId ?? null;
}

/**
 * Local editors work only on content whose provider is their own organisation: the existing
 * document's provider and any provider they set must be one of theirs.
 */
export async function assertOwnOrganisation(
  strapi: Core.Strapi,
  actor: Actor,
  type: DocumentType,
  documentId: string | undefined,
  data: Record<string, unknown> | undefined,
): Promise<void> {
  if (actor.kind !== 'admin' || !isLocalEditorOnly(actor)) return;
  const own = new Set(actor.organisations);
  const refuse = (why: string): never => {
    throw new errors.ForbiddenError(
      `Local editors work only on their own organisation's content: ${why}`,
    );
  };
  switch (type) {
    case 'topic':
      return refuse('topics are shared by everyone.');
    case 'organisation':
      if (!documentId || !own.has(documentId)) refuse('this is another organisation.');
      return;
    case 'article':
    case 'question':
    case 'service': {
      if (documentId) {
        const provider = await currentProvider(strapi, type, documentId);
        if (provider !== null && !own.has(provider))
          refuse('its provider is another organisation.');
        if (provider === null && !(data && 'provider' in data))
          refuse('it has no provider; set your organisation as provider.');
      }
      if (data && 'provider' in data) {
        const ids = await toDocumentIds(strapi, relationTargets(data.provider));
        if (ids.length === 0 && !documentId) refuse('set your organisation as provider.');
        if (ids.some((id) => !own.has(id))) refuse('the provider must be your organisation.');
      } else if (!documentId) {
        refuse('set your organisation as provider.');
      }
      return;
    }
    default: {
      const unreachable: never = type;
      throw new Error(`Unknown type ${String(unreachable)}`);
    }
  }
}

/** Fields only the workflow writes (an editor's form or an API call cannot set them). */
const WORKFLOW_OWNED = ['workflowStage', 'lastReviewed', 'nextReviewDue'] as const;

/** `data` without the workflow-owned fields. */
export function stripWorkflowOwned(data: Record<string, unknown>): Record<string, unknown> {
  const out = { ...data };
  for (const field of WORKFLOW_OWNED) delete out[field];
  return out;
}

/**
 * The workflow's rule for writing a draft (create or update, not publish): the actor's role may
 * edit, a local editor only their organisation's content, and only trusted server code sets the
 * workflow-owned fields. Returns the data as the write may go ahead with; throws
 * `ForbiddenError` otherwise.
 * @remarks The document-service middleware applies it to every draft write, and the import's bulk
 * draft path (`import/bulk-drafts.ts`) calls the same function for each record it writes, so the
 * two paths cannot disagree about who may write what.
 */
export async function admitDraftWrite<T extends Record<string, unknown> | undefined>(
  strapi: Core.Strapi,
  actor: Actor,
  type: DocumentType,
  documentId: string | undefined,
  data: T,
): Promise<T> {
  assertMayWrite(actor);
  await assertOwnOrganisation(strapi, actor, type, documentId, data);
  return actor.kind !== 'system' && data ? (stripWorkflowOwned(data) as T) : data;
}

/** Creating and editing drafts. */
export function assertMayWrite(actor: Actor): void {
  if (actor.kind === 'integration') return; // Content API callers may keep drafts; they never publish.
  if (!mayTake(actor, { roles: WRITING_ROLES }))
    throw new errors.ForbiddenError('Your role may not edit content.');
}

export function assertMayDelete(actor: Actor): void {
  if (!mayTake(actor, { roles: DELETING_ROLES }))
    throw new errors.ForbiddenError('Only editors and publishers may delete content.');
}
