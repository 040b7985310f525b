import type { Knex } from 'knex';
import { TABLES } from '@kilde/migrations';
import type { Audience, Locale, Profession, Source } from '@kilde/schemas';
import {
  parseBody,
  parseInternalHref,
  runQualityGate,
  ARTICLE_PATH_SEGMENTS,
  type GateInput,
  type GateResult,
  type GateTranslation,
} from '../quality-gate';
import type { WorkflowType } from './types';

type Row = Record<string, unknown>;
type Db = Knex | Knex.Transaction;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const rows = (v: unknown): Row[] =>
  Array.isArray(v) ? (v as Row[]).filter((r) => r && typeof r === 'object') : [];
const row = (v: unknown): Row | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Row) : null;

/**
 * The gate input for a Strapi entry — a stored variant or the admin form's current values, which
 * have the same shape (components as arrays of objects, media as file objects).
 */
export function entryToGateInput(
  type: WorkflowType,
  locale: Locale,
  e: Row,
  translation: GateTranslation | null,
): GateInput {
  switch (type) {
    case 'article': {
      const pr = row(e.professionallyResponsible);
      return {
        type,
        locale,
        title: text(e.title),
        summary: text(e.summary),
        body: text(e.body),
        sources: rows(e.sources).map((s) => ({
          title: text(s.title),
          url: str(s.url),
          reference: str(s.reference),
          kind: (str(s.kind) ?? 'other') as Source['kind'],
        })),
        professionallyResponsible:
          pr && str(pr.name)
            ? { name: String(pr.name), profession: (str(pr.profession) ?? '') as Profession }
            : null,
        images: rows(e.images).map((i) => {
          const file = row(i.file);
          return { alt: str(i.alt) ?? str(file?.alternativeText), url: str(file?.url) };
        }),
        audience: (Array.isArray(e.audience) ? e.audience : []).filter(
          (a): a is Audience => typeof a === 'string',
        ),
        translation,
      };
    }
    case 'question': {
      const band = str(e.askerAgeBand)?.replace(/^age-/, '');
      return {
        type,
        locale,
        title: text(e.title),
        body: text(e.answer),
        sources: [],
        professionallyResponsible: null,
        images: [],
        audience: band ? [band as Audience] : [],
        translation,
      };
    }
    default: {
      const unreachable: never = type;
      throw new Error(`Not a workflow type: ${String(unreachable)}`);
    }
  }
}

/**
 * Looks up, in the read store, whether each internal link of a body points at published content,
 * so the (synchronous) gate can ask a map.
 * @remarks The read store is what partners see, so "published" means "live there".
 */
export async function resolveInternalLinks(
  db: Db,
  body: string,
): Promise<Map<string, boolean | undefined>> {
  const out = new Map<string, boolean | undefined>();
  // Most bodies have no internal link at all: skip the Markdown parse unless one may be there
  // (inline `](kilde:…)`/`](/…)`, reference definitions, or HTML `href`).
  if (!/(\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?|href\s*=\s*["']?)(kilde:|\/(?!\/))/im.test(body)) return out;
  for (const link of parseBody(body).links) {
    const href = link.href.trim();
    if (out.has(href)) continue;
    const parsed = parseInternalHref(href);
    if (!parsed) continue;
    switch (parsed.kind) {
      case 'kilde': {
        const type = parsed.type;
        const hit: unknown = await db(TABLES.documents)
          .where({ doc_id: parsed.id, type })
          .where('deleted', false)
          .first('doc_id');
        out.set(href, hit !== undefined);
        break;
      }
      case 'article-path': {
        const locale =
          parsed.locale ??
          (Object.entries(ARTICLE_PATH_SEGMENTS).find(([, seg]) => seg === parsed.segment)?.[0] as
            | Locale
            | undefined);
        const q = db(TABLES.documents)
          .where({ type: 'article', slug: parsed.slug })
          .where('deleted', false);
        if (locale) void q.where({ locale });
        out.set(href, (await q.first('doc_id')) !== undefined);
        break;
      }
      case 'path':
        out.set(href, undefined);
        break;
      case 'malformed':
        break;
      default: {
        const unreachable: never = parsed;
        throw new Error(`Unknown href kind ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return out;
}

/** Runs the quality gate on an entry, with internal links checked against the read store. */
export async function gateEntry(
  db: Db,
  type: WorkflowType,
  locale: Locale,
  entry: Row,
  translation: GateTranslation | null,
): Promise<GateResult> {
  const input = entryToGateInput(type, locale, entry, translation);
  const links = await resolveInternalLinks(db, input.body);
  return runQualityGate(input, { isPublishedLink: (href) => links.get(href.trim()) });
}
