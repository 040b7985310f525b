import type { QualityRule } from '../types';

/** The canonical schema's limit (`summary`: at most 300 characters). */
export const SUMMARY_MAX_CHARS = 300;

/** Summaries are shown in full in lists and previews, so they must stay short. */
export const summaryLength: QualityRule = {
  id: 'summary-length',
  run({ input }) {
    const summary = input.summary?.trim() ?? '';
    // Code points, as JSON Schema's maxLength counts them: "æ" and an emoji are one each.
    const length = [...summary].length;
    if (length <= SUMMARY_MAX_CHARS) return [];
    return [
      {
        severity: 'error',
        message: `The summary is ${length} characters; the limit is ${SUMMARY_MAX_CHARS}.`,
        messageNb: `Ingressen er ${length} tegn; grensen er ${SUMMARY_MAX_CHARS}.`,
      },
    ];
  },
};
