import type { Core } from '@strapi/strapi';
import type { Locale } from '@kilde/schemas';
import { addMonths } from '../publication/build-document';
import { contentTypeUids } from '../strapi/content-types';
import type { WorkflowType } from './types';

/** Review interval when neither the article nor its topics set one. */
export const DEFAULT_REVIEW_INTERVAL_MONTHS = 12;

/** How long before the review date a variant becomes `revision-due`. */
export const REVISION_DUE_DAYS = 30;

const osloDate = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Norway (YYYY-MM-DD): review dates are calendar dates where the editors are. */
export function osloToday(now: Date = new Date()): string {
  return osloDate.format(now);
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export { addMonths };

const positiveInt = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;

/**
 * The review interval of a variant: its own (articles), else the strictest of its topics'
 * defaults, else 12 months.
 */
export async function reviewIntervalFor(
  strapi: Core.Strapi,
  type: WorkflowType,
  locale: Locale,
  entry: Record<string, unknown>,
): Promise<number> {
  const own = type === 'article' ? positiveInt(entry.reviewIntervalMonths) : undefined;
  if (own) return own;
  // Populated topics, or the documentIds a create/update call passes.
  const topicIds = (Array.isArray(entry.topics) ? entry.topics : [])
    .map((t: unknown) =>
      t && typeof t === 'object' ? (t as { documentId?: unknown }).documentId : t,
    )
    .filter((id): id is string => typeof id === 'string' && !/^\d+$/.test(id));
  if (topicIds.length > 0) {
    const topics = (await strapi.db.query(contentTypeUids.topic).findMany({
      where: { documentId: { $in: topicIds } },
      select: ['reviewIntervalMonths', 'locale'],
    })) as { reviewIntervalMonths?: unknown; locale?: string }[];
    const preferred = topics.filter((t) => t.locale === locale);
    const intervals = (preferred.length > 0 ? preferred : topics)
      .map((t) => positiveInt(t.reviewIntervalMonths))
      .filter((n): n is number => !!n);
    if (intervals.length > 0) return Math.min(...intervals);
  }
  return DEFAULT_REVIEW_INTERVAL_MONTHS;
}

/** The effective review date: the stored one, else last reviewed + interval. */
export function effectiveDueDate(row: {
  lastReviewed?: unknown;
  nextReviewDue?: unknown;
  reviewIntervalMonths?: unknown;
}): string | null {
  if (typeof row.nextReviewDue === 'string' && row.nextReviewDue)
    return row.nextReviewDue.slice(0, 10);
  if (typeof row.lastReviewed === 'string' && row.lastReviewed) {
    return addMonths(
      row.lastReviewed,
      positiveInt(row.reviewIntervalMonths) ?? DEFAULT_REVIEW_INTERVAL_MONTHS,
    );
  }
  return null;
}
