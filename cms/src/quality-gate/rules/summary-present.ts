import type { QualityRule } from '../types';

/** Articles need a summary: it is what search results and partner sites show. */
export const summaryPresent: QualityRule = {
  id: 'summary-present',
  run({ input }) {
    // Questions have no summary field; the question itself plays that part.
    if (input.type !== 'article' || input.summary?.trim()) return [];
    return [
      {
        severity: 'error',
        message: 'Write a summary (plain text, at most 300 characters).',
        messageNb: 'Skriv en ingress (ren tekst, maks 300 tegn).',
      },
    ];
  },
};
