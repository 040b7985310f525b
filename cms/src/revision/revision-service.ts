import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ArticleDocument, QuestionDocument } from '@kilde/schemas';
import { getRevision, listRevisions } from '@kilde/store';
import { documentsOf } from '../strapi/content-types';
import { actorLabel, actorName, runAs } from '../workflow/actor';
import { parseChangeNote } from '../workflow/change-note';
import { publishEventsByVersion, recordEvent } from '../workflow/events';
import type { Actor, ChangeNote, WorkflowType } from '../workflow/types';
import { findVariantRow, stageOf, writeWorkflowFields } from '../workflow/variant-rows';
import type { WorkflowKey } from '../workflow/workflow-service';
import { diffStats, diffText, type DiffOp } from './diff';
import { inTransaction } from '../workflow/transaction';

/** One published version (or withdrawal) in a variant's history. */
export interface VersionEntry {
  version: number;
  event: 'published' | 'updated' | 'unpublished' | 'deleted';
  createdAt: string;
  actor: string | null;
  actorName: string | null;
  changeNote: ChangeNote | null;
  contentHash: string | null;
  title: string | null;
}

export interface FieldDiff {
  field: string;
  changed: boolean;
  ops: DiffOp[];
  inserted: number;
  deleted: number;
}

export interface VersionDiff {
  from: number;
  to: number;
  fields: FieldDiff[];
}

async function adminNames(
  strapi: Core.Strapi,
  labels: (string | null)[],
): Promise<Map<string, string>> {
  const ids = [
    ...new Set(
      labels
        .map((l) => /^admin:(\d+)$/.exec(l ?? '')?.[1])
        .filter((id): id is string => !!id)
        .map(Number),
    ),
  ];
  if (ids.length === 0) return new Map();
  const users = (await strapi.db
    .query('admin::user')
    .findMany({
      where: { id: { $in: ids } },
      select: ['id', 'firstname', 'lastname', 'email'],
    })) as {
    id: number;
    firstname?: string | null;
    lastname?: string | null;
    email?: string | null;
  }[];
  return new Map(
    users.map((u) => [
      `admin:${u.id}`,
      [u.firstname, u.lastname].filter(Boolean).join(' ') || u.email || `admin:${u.id}`,
    ]),
  );
}

/**
 * A variant's published versions, newest first, from the immutable revision history, with who
 * published each and their change note.
 */
export async function listVersions(strapi: Core.Strapi, key: WorkflowKey): Promise<VersionEntry[]> {
  const db = strapi.db.connection;
  const revisions = await listRevisions(db, { id: key.documentId, locale: key.locale });
  const events = await publishEventsByVersion(db, key);
  const names = await adminNames(
    strapi,
    revisions.map((r) => r.actor),
  );
  const out: VersionEntry[] = [];
  for (const r of revisions) {
    const event = events.get(r.version);
    let title: string | null = null;
    if (r.op === 'upsert') {
      const full = await getRevision(db, {
        id: key.documentId,
        locale: key.locale,
        version: r.version,
      });
      title = full ? textOf((JSON.parse(full.json) as { title?: unknown }).title) : null;
    }
    out.push({
      version: r.version,
      event: r.event,
      createdAt: r.createdAt,
      actor: r.actor,
      actorName: event?.actorName ?? (r.actor ? (names.get(r.actor) ?? r.actor) : null),
      changeNote: event?.changeNote ?? parseChangeNote(r.changeNote),
      contentHash: r.contentHash,
      title,
    });
  }
  // Versions published a moment ago may not have reached history yet (the outbox delivers
  // asynchronously); show them from the workflow log until they do.
  const known = new Set(out.map((v) => v.version));
  for (const [version, e] of events) {
    if (known.has(version) || e.kind !== 'publish') continue;
    out.push({
      version,
      event: 'updated',
      createdAt: e.createdAt,
      actor: e.actor,
      actorName: e.actorName,
      changeNote: e.changeNote,
      contentHash: null,
      title: null,
    });
  }
  return out.sort((a, b) => b.version - a.version);
}

async function snapshot(
  strapi: Core.Strapi,
  key: WorkflowKey,
  version: number,
): Promise<Record<string, unknown>> {
  const revision = await getRevision(strapi.db.connection, {
    id: key.documentId,
    locale: key.locale,
    version,
  });
  if (!revision)
    throw new errors.NotFoundError(
      `Version ${version} of the ${key.locale} variant does not exist`,
    );
  if (revision.op !== 'upsert')
    throw new errors.ValidationError(`Version ${version} is a withdrawal and has no content`);
  return JSON.parse(revision.json) as Record<string, unknown>;
}

/** A snapshot field as text (snapshots are validated canonical documents: text fields are strings). */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function sourcesText(doc: Record<string, unknown>): string {
  const sources = Array.isArray(doc.sources) ? (doc.sources as Record<string, unknown>[]) : [];
  return sources
    .map((s) => `${textOf(s.title)} — ${textOf(s.url) || textOf(s.reference)}\n`)
    .join('');
}

const DIFF_FIELDS: Record<WorkflowType, readonly string[]> = {
  article: ['title', 'summary', 'body', 'sources'],
  question: ['title', 'question', 'answer'],
};

/** A readable word-level diff of title, summary, body (and sources) between two versions. */
export async function diffVersions(
  strapi: Core.Strapi,
  key: WorkflowKey,
  from: number,
  to: number,
): Promise<VersionDiff> {
  const [a, b] = await Promise.all([snapshot(strapi, key, from), snapshot(strapi, key, to)]);
  const text = (doc: Record<string, unknown>, field: string): string =>
    field === 'sources' ? sourcesText(doc) : textOf(doc[field]);
  return {
    from,
    to,
    fields: DIFF_FIELDS[key.type].map((field) => {
      const ops = diffText(text(a, field), text(b, field));
      return { field, changed: ops.some((o) => o.op !== 'equal'), ops, ...diffStats(ops) };
    }),
  };
}

/** Strapi input for a variant from its canonical snapshot (images stay as they are: snapshots carry URLs, not media ids). */
function toStrapiData(
  type: WorkflowType,
  doc: Record<string, unknown>,
  current: Record<string, unknown> | null,
): Record<string, unknown> {
  switch (type) {
    case 'article': {
      const a = doc as unknown as ArticleDocument;
      const pr: unknown = current?.professionallyResponsible;
      const currentPr =
        pr && typeof pr === 'object' ? (pr as { name?: string; email?: string }) : null;
      return {
        title: a.title,
        slug: a.slug,
        summary: a.summary,
        body: a.body,
        audience: a.audience,
        authors: a.authors,
        sources: a.sources.map((s) => ({ ...s })),
        snomed: a.snomed.map((s) => ({ ...s })),
        professionallyResponsible: a.professionallyResponsible
          ? {
              ...a.professionallyResponsible,
              ...(currentPr?.name === a.professionallyResponsible.name && currentPr.email
                ? { email: currentPr.email }
                : {}),
            }
          : null,
        licence: a.licence,
        canonicalUrl: a.canonicalUrl ?? null,
        reviewIntervalMonths: a.reviewIntervalMonths,
        topics: a.topics.map((t) => t.id),
        provider: a.provider?.id ?? null,
      };
    }
    case 'question': {
      const q = doc as unknown as QuestionDocument;
      return {
        title: q.title,
        question: q.question,
        answer: q.answer,
        answererProfession: q.answererProfession,
        topics: q.topics.map((t) => t.id),
        askerAgeBand: q.askerAgeBand ? `age-${q.askerAgeBand}` : null,
        answeredAt: q.answeredAt,
        provider: q.provider?.id ?? null,
        licence: q.licence,
      };
    }
    default: {
      const unreachable: never = type;
      throw new Error(`Not a workflow type: ${String(unreachable)}`);
    }
  }
}

/**
 * Restores an old version as a new draft of the variant — history is never rewritten: the old
 * version stays where it is, and the restored text is published (as a new version) only through
 * the normal workflow.
 */
export async function restoreVersion(
  strapi: Core.Strapi,
  actor: Actor,
  key: WorkflowKey,
  version: number,
): Promise<void> {
  const doc = await snapshot(strapi, key, version);
  const current: Record<string, unknown> | null = await documentsOf(strapi, key.type).findOne({
    documentId: key.documentId,
    locale: key.locale,
    status: 'draft',
    populate: { professionallyResponsible: true } as never,
  });
  // As the actor, so the workflow middleware applies their rights like any other edit.
  await runAs(actor, () =>
    documentsOf(strapi, key.type).update({
      documentId: key.documentId,
      locale: key.locale,
      data: toStrapiData(key.type, doc, current) as never,
    }),
  );
  await inTransaction(strapi, async ({ trx }) => {
    const from = stageOf(
      await findVariantRow(strapi, key.type, key.documentId, key.locale, 'draft'),
    );
    await writeWorkflowFields(strapi, trx, key.type, key.documentId, key.locale, 'draft', {
      workflowStage: 'draft',
    });
    await recordEvent(trx, {
      ...key,
      kind: 'restore',
      fromStage: from,
      toStage: 'draft',
      actor: actorLabel(actor),
      actorName: actorName(actor),
      comment: `Restored version ${version} as a new draft`,
      version,
    });
  });
}
