import type { Core } from '@strapi/strapi';
import type { Locale } from '@kilde/schemas';
import { contentTypeUids } from '../strapi/content-types';
import { actorLabel, systemActor } from './actor';
import { recordEvent } from './events';
import { editorRecipients, notify } from './notifications';
import { addDays, effectiveDueDate, osloToday, REVISION_DUE_DAYS } from './review-dates';
import type { WorkflowType } from './types';
import { findVariantRow, stageOf, writeWorkflowFields } from './variant-rows';
import { inTransaction } from './transaction';

/** One variant the job acted on. */
export interface ReviewCycleItem {
  type: WorkflowType;
  documentId: string;
  locale: Locale;
  title: string;
  due: string;
}

export interface ReviewCycleReport {
  today: string;
  /** Variants that became revision-due in this run. */
  revisionDue: ReviewCycleItem[];
  /** Variants flagged overdue in this run. */
  overdue: ReviewCycleItem[];
  notifications: number;
}

interface PublishedRow {
  documentId: string;
  locale: Locale;
  title?: string | null;
  lastReviewed?: string | null;
  nextReviewDue?: string | null;
  reviewIntervalMonths?: number | null;
  professionallyResponsible?: { name?: string | null; email?: string | null } | null;
  provider?: { documentId?: string } | null;
}

const JOB = systemActor('review-cycle');

/**
 * The daily revision job: published variants whose review date is within 30 days become
 * `revision-due`; once the date has passed they are flagged overdue. Each happens once per review
 * cycle (the workflow log's dedupe key is the variant and its due date), and each notifies the
 * professionally responsible person and the editors.
 * @remarks `today` is injectable so tests can run the job on any date; a run is idempotent, so two
 * CMS instances running it on the same day notify once.
 */
export async function runReviewCycle(
  strapi: Core.Strapi,
  options: { today?: string } = {},
): Promise<ReviewCycleReport> {
  const today = options.today ?? osloToday();
  const horizon = addDays(today, REVISION_DUE_DAYS);
  const report: ReviewCycleReport = { today, revisionDue: [], overdue: [], notifications: 0 };
  const types: WorkflowType[] = ['article', 'question'];
  for (const type of types) {
    const rows = (await strapi.db.query(contentTypeUids[type]).findMany({
      where: { publishedAt: { $notNull: true } },
      populate:
        type === 'article'
          ? { professionallyResponsible: true, provider: { select: ['documentId'] } }
          : { provider: { select: ['documentId'] } },
    })) as PublishedRow[];
    for (const row of rows) {
      const due = effectiveDueDate(row);
      if (!due || due > horizon) continue;
      const item: ReviewCycleItem = {
        type,
        documentId: row.documentId,
        locale: row.locale,
        title: String(row.title ?? ''),
        due,
      };
      await inTransaction(strapi, async ({ trx, onCommit }) => {
        const draft = await findVariantRow(strapi, type, row.documentId, row.locale, 'draft');
        const stage = stageOf(draft);
        if (stage === 'published') {
          await writeWorkflowFields(strapi, trx, type, row.documentId, row.locale, 'draft', {
            workflowStage: 'revision-due',
          });
        }
        const overdue = due < today;
        const kind = overdue ? 'overdue' : 'revision-due';
        const fresh = await recordEvent(trx, {
          type,
          documentId: row.documentId,
          locale: row.locale,
          kind,
          fromStage: stage,
          toStage: stage === 'published' ? 'revision-due' : stage,
          actor: actorLabel(JOB),
          actorName: 'Revisjonsjobben',
          comment: overdue ? `Review was due ${due}` : `Review due ${due}`,
          dedupeKey: `${kind}:${row.documentId}:${row.locale}:${due}`,
          at: options.today ? new Date(`${today}T06:00:00Z`) : undefined,
        });
        if (!fresh) return;
        (overdue ? report.overdue : report.revisionDue).push(item);
        const recipients = [
          ...(row.professionallyResponsible?.email ? [row.professionallyResponsible.email] : []),
          ...(await editorRecipients(strapi, row.provider?.documentId ?? null)),
        ];
        report.notifications += await notify(
          strapi,
          trx,
          {
            recipients,
            kind,
            subject: overdue
              ? `Revisjon forfalt / review overdue: «${item.title}» (${row.locale})`
              : `Revisjon nærmer seg / review due: «${item.title}» (${row.locale}) innen ${due}`,
            text: overdue
              ? `«${item.title}» (${row.locale}) skulle vært faglig gjennomgått innen ${due}. Gå gjennom innholdet, ` +
                `og bekreft at det fortsatt er riktig eller start en revisjon.\n\n` +
                `"${item.title}" (${row.locale}) was due for professional review on ${due}. Review it and confirm it is still correct, or start a revision.`
              : `«${item.title}» (${row.locale}) skal gjennomgås faglig innen ${due}.\n\n"${item.title}" (${row.locale}) is due for professional review by ${due}.`,
            variant: { type, documentId: row.documentId, locale: row.locale },
          },
          onCommit,
        );
      });
    }
  }
  return report;
}

/** Schedules the job daily at 06:00 Norwegian time (Strapi cron; runs only where cron is enabled). */
export function scheduleReviewCycle(strapi: Core.Strapi): void {
  strapi.cron.add({
    kildeReviewCycle: {
      task: async ({ strapi: s }: { strapi: Core.Strapi }) => {
        const report = await runReviewCycle(s);
        if (report.revisionDue.length + report.overdue.length > 0) {
          s.log.info(
            `Kilde review cycle: ${report.revisionDue.length} revision due, ${report.overdue.length} overdue, ${report.notifications} notifications`,
          );
        }
      },
      options: { rule: '0 0 6 * * *', tz: 'Europe/Oslo' },
    },
  });
}
