import type { Core } from '@strapi/strapi';
import type { Locale } from '@kilde/schemas';
import { contentTypeUids, documentsOf, populateFor } from '../strapi/content-types';
import type { GateCheck } from '../quality-gate';
import { isLocalEditorOnly } from './access';
import { gateEntry } from './gate';
import { listNotifications, type Notification } from './notifications';
import { addDays, effectiveDueDate, osloToday, REVISION_DUE_DAYS } from './review-dates';
import {
  gateTranslationOf,
  listOutdatedTranslations,
  listTranslationStates,
} from './translation-state';
import type { Actor, EditorialRole, Stage, WorkflowType } from './types';
import { stageOf } from './variant-rows';

/** A variant as widgets list it, with the admin path to edit it. */
export interface DashboardItem {
  type: WorkflowType;
  documentId: string;
  locale: Locale;
  title: string;
  stage: Stage;
  due?: string | null;
  href: string;
}

/** The 25 % minimum for nynorsk in the Norwegian language act (mållova § 9, state bodies). */
export const NYNORSK_TARGET = 0.25;

const TYPES: WorkflowType[] = ['article', 'question'];

export function editHref(type: WorkflowType, documentId: string, locale: Locale): string {
  return `/content-manager/collection-types/${contentTypeUids[type]}/${documentId}?plugins[i18n][locale]=${locale}`;
}

type Row = Record<string, unknown> & {
  documentId: string;
  locale: Locale;
  title?: string | null;
  lastReviewed?: unknown;
  nextReviewDue?: unknown;
};

const item = (type: WorkflowType, row: Row, extra: Partial<DashboardItem> = {}): DashboardItem => ({
  type,
  documentId: row.documentId,
  locale: row.locale,
  title: String(row.title ?? ''),
  stage: stageOf(row),
  href: editHref(type, row.documentId, row.locale),
  ...extra,
});

function providerFilter(actor: Actor): Record<string, unknown> {
  return actor.kind === 'admin' && isLocalEditorOnly(actor)
    ? { provider: { documentId: { $in: [...actor.organisations] } } }
    : {};
}

/** Published variants whose review is overdue or due within 30 days, most urgent first. */
export async function reviewsDue(
  strapi: Core.Strapi,
  actor: Actor,
  today = osloToday(),
): Promise<{ overdue: DashboardItem[]; dueSoon: DashboardItem[] }> {
  const horizon = addDays(today, REVISION_DUE_DAYS);
  const overdue: DashboardItem[] = [];
  const dueSoon: DashboardItem[] = [];
  for (const type of TYPES) {
    const published = (await strapi.db.query(contentTypeUids[type]).findMany({
      where: { publishedAt: { $notNull: true }, ...providerFilter(actor) },
    })) as Row[];
    const drafts = new Map(
      (
        (await strapi.db
          .query(contentTypeUids[type])
          .findMany({
            where: { publishedAt: { $null: true } },
            select: ['documentId', 'locale', 'workflowStage'],
          })) as Row[]
      ).map((r) => [`${r.documentId}:${r.locale}`, r]),
    );
    for (const row of published) {
      const due = effectiveDueDate(row);
      if (!due || due > horizon) continue;
      const draft = drafts.get(`${row.documentId}:${row.locale}`);
      const entry = item(type, { ...row, workflowStage: draft?.workflowStage }, { due });
      (due < today ? overdue : dueSoon).push(entry);
    }
  }
  const byDue = (a: DashboardItem, b: DashboardItem): number =>
    String(a.due).localeCompare(String(b.due));
  return { overdue: overdue.sort(byDue), dueSoon: dueSoon.sort(byDue) };
}

/** The stages where each role has work to do. */
function stagesFor(role: EditorialRole): Stage[] {
  switch (role) {
    case 'writer':
      return ['draft'];
    case 'professional-reviewer':
      return ['professional-review', 'revision-due'];
    case 'editor':
    case 'local-editor':
      return ['editorial-review'];
    case 'publisher':
      return ['ready'];
    default: {
      const unreachable: never = role;
      throw new Error(`Unknown role ${String(unreachable)}`);
    }
  }
}

export interface TaskGroup {
  stage: Stage;
  count: number;
  items: DashboardItem[];
}

/** "My tasks": variants waiting in the stages where the actor's roles act, per stage. */
export async function myTasks(
  strapi: Core.Strapi,
  actor: Actor,
): Promise<{ roles: readonly EditorialRole[]; administrator: boolean; groups: TaskGroup[] }> {
  const roles = actor.kind === 'admin' ? actor.roles : [];
  const administrator = actor.kind === 'admin' && actor.administrator;
  const stages = administrator
    ? (['draft', 'professional-review', 'editorial-review', 'ready', 'revision-due'] as Stage[])
    : [...new Set(roles.flatMap(stagesFor))];
  const groups: TaskGroup[] = [];
  for (const stage of stages) {
    let count = 0;
    const items: DashboardItem[] = [];
    for (const type of TYPES) {
      const where = {
        publishedAt: { $null: true },
        workflowStage: stage,
        ...providerFilter(actor),
      };
      count += Number(await strapi.db.query(contentTypeUids[type]).count({ where }));
      const rows = (await strapi.db.query(contentTypeUids[type]).findMany({
        where,
        select: ['documentId', 'locale', 'title', 'workflowStage', 'updatedAt'],
        orderBy: { updatedAt: 'desc' },
        limit: 8,
      })) as Row[];
      items.push(...rows.map((r) => item(type, r)));
    }
    groups.push({ stage, count, items: items.slice(0, 8) });
  }
  return { roles, administrator, groups };
}

/**
 * Share of published articles in nynorsk (of the Norwegian ones, nb + nn), and how many more nn
 * articles reach the target: the smallest x with (nn + x) / (nb + nn + x) ≥ 25 %.
 */
export async function nynorskShare(
  strapi: Core.Strapi,
): Promise<{ nb: number; nn: number; en: number; share: number; target: number; needed: number }> {
  const count = async (locale: Locale): Promise<number> =>
    Number(
      await strapi.db
        .query(contentTypeUids.article)
        .count({ where: { locale, publishedAt: { $notNull: true } } }),
    );
  const [nb, nn, en] = [await count('nb'), await count('nn'), await count('en')];
  const total = nb + nn;
  return {
    nb,
    nn,
    en,
    share: total === 0 ? 0 : nn / total,
    target: NYNORSK_TARGET,
    needed: nynorskNeeded(nb, nn),
  };
}

/** The smallest x with (nn + x) / (nb + nn + x) ≥ target: new nn articles needed to reach it. */
export function nynorskNeeded(nb: number, nn: number, target = NYNORSK_TARGET): number {
  // The epsilon keeps an exact hit (e.g. 10 of 40) from rounding up to one more.
  return Math.max(0, Math.ceil((target * (nb + nn) - nn) / (1 - target) - 1e-9));
}

export interface TopicGap {
  topicId: string;
  title: string;
  articles: number;
  missing: Record<Locale, number>;
  outdated: number;
}

/** Per topic: published articles, how many lack a published nb/nn/en variant, and outdated translations. */
export async function translationGaps(
  strapi: Core.Strapi,
): Promise<{ topics: TopicGap[]; outdated: DashboardItem[] }> {
  const rows = (await strapi.db.query(contentTypeUids.article).findMany({
    where: { publishedAt: { $notNull: true } },
    select: ['documentId', 'locale', 'title'],
    populate: { topics: { select: ['documentId'] } },
  })) as (Row & { topics?: { documentId: string }[] })[];
  const docs = new Map<string, { locales: Set<Locale>; topics: Set<string>; title: string }>();
  for (const r of rows) {
    const d = docs.get(r.documentId) ?? {
      locales: new Set<Locale>(),
      topics: new Set<string>(),
      title: String(r.title ?? ''),
    };
    d.locales.add(r.locale);
    for (const t of r.topics ?? []) d.topics.add(t.documentId);
    if (r.locale === 'nb') d.title = String(r.title ?? d.title);
    docs.set(r.documentId, d);
  }
  const outdatedStates = await listOutdatedTranslations(strapi.db.connection);
  const outdatedDocs = new Map<string, number>();
  for (const s of outdatedStates)
    outdatedDocs.set(s.documentId, (outdatedDocs.get(s.documentId) ?? 0) + 1);

  const topicRows = (await strapi.db
    .query(contentTypeUids.topic)
    .findMany({ select: ['documentId', 'locale', 'title'] })) as Row[];
  const topicTitle = new Map<string, string>();
  for (const t of topicRows)
    if (t.locale === 'nb' || !topicTitle.has(t.documentId))
      topicTitle.set(t.documentId, String(t.title ?? ''));

  const gaps = new Map<string, TopicGap>();
  for (const [documentId, d] of docs) {
    for (const topicId of d.topics.size > 0 ? d.topics : new Set(['—'])) {
      const g = gaps.get(topicId) ?? {
        topicId,
        title: topicTitle.get(topicId) ?? '(uten tema)',
        articles: 0,
        missing: { nb: 0, nn: 0, en: 0 },
        outdated: 0,
      };
      g.articles += 1;
      for (const locale of ['nb', 'nn', 'en'] as const)
        if (!d.locales.has(locale)) g.missing[locale] += 1;
      g.outdated += outdatedDocs.get(documentId) ?? 0;
      gaps.set(topicId, g);
    }
  }
  const outdated: DashboardItem[] = outdatedStates
    .filter((s) => s.type === 'article' || s.type === 'question')
    .map((s) => ({
      type: s.type as WorkflowType,
      documentId: s.documentId,
      locale: s.locale,
      title: docs.get(s.documentId)?.title ?? s.documentId,
      stage: 'published',
      href: editHref(s.type as WorkflowType, s.documentId, s.locale),
    }));
  return {
    topics: [...gaps.values()].sort(
      (a, b) =>
        b.missing.nn + b.missing.en + b.outdated - (a.missing.nn + a.missing.en + a.outdated) ||
        a.title.localeCompare(b.title),
    ),
    outdated,
  };
}

/** Work in progress whose current draft would not pass the gate, with the blocking findings. */
export async function gateFailures(
  strapi: Core.Strapi,
  actor: Actor,
  limit = 60,
): Promise<{ checked: number; failing: (DashboardItem & { errors: GateCheck[] })[] }> {
  const failing: (DashboardItem & { errors: GateCheck[] })[] = [];
  let checked = 0;
  const db = strapi.db.connection;
  for (const type of TYPES) {
    const drafts = (await documentsOf(strapi, type).findMany({
      status: 'draft',
      locale: '*',
      filters: {
        workflowStage: {
          $in: ['draft', 'professional-review', 'editorial-review', 'ready', 'revision-due'],
        },
        ...providerFilter(actor),
      } as never,
      populate: populateFor[type] as never,
      sort: 'updatedAt:desc',
      limit,
    })) as unknown as Row[];
    const statesByDoc = new Map<string, Awaited<ReturnType<typeof listTranslationStates>>>();
    for (const draft of drafts) {
      checked += 1;
      const states =
        statesByDoc.get(draft.documentId) ?? (await listTranslationStates(db, draft.documentId));
      statesByDoc.set(draft.documentId, states);
      const state = states.find((s) => s.locale === draft.locale) ?? null;
      const result = await gateEntry(db, type, draft.locale, draft, gateTranslationOf(state));
      if (!result.passed)
        failing.push({
          ...item(type, draft),
          errors: result.checks.filter((c) => c.severity === 'error'),
        });
    }
  }
  return { checked, failing };
}

/** The notifications a user sees: their own; administrators see the whole development sink. */
export async function notificationsFor(
  strapi: Core.Strapi,
  actor: Actor,
  limit = 30,
): Promise<Notification[]> {
  const db = strapi.db.connection;
  if (actor.kind === 'admin' && !actor.administrator)
    return listNotifications(db, { recipient: actor.email, limit });
  return listNotifications(db, { limit });
}
