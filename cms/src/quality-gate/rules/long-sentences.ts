import { formatLines, formatPercent } from '../format';
import type { QualityRule } from '../types';

/** More than this share of long sentences gives a warning. */
export const LONG_SENTENCE_SHARE_LIMIT = 0.2;

/** How many long sentences a message points at; the rest are counted, not listed. */
const LINES_LISTED = 5;

/** Long sentences are the main cause of hard text; point the editor at them. */
export const longSentences: QualityRule = {
  id: 'long-sentences',
  run({ readability: { readability, sentences }, options }) {
    if (readability.longSentenceShare <= LONG_SENTENCE_SHARE_LIMIT) return [];
    const long = sentences.filter((sentence) => sentence.words > options.longSentenceWords);
    const lines = [...new Set(long.map((s) => s.line).filter((l): l is number => l !== undefined))];
    const listed = lines.slice(0, LINES_LISTED);
    const more = Math.max(0, lines.length - LINES_LISTED);
    const where = (language: 'en' | 'nb'): string =>
      listed.length === 0 ? '' : ` (${formatLines(listed, language, more)})`;
    const share = (language: 'en' | 'nb'): string =>
      formatPercent(readability.longSentenceShare, language);
    return [
      {
        severity: 'warning',
        message: `${long.length} of ${readability.sentences} sentences (${share('en')}) have more than ${options.longSentenceWords} words${where('en')}. Split them up.`,
        messageNb: `${long.length} av ${readability.sentences} setninger (${share('nb')}) har mer enn ${options.longSentenceWords} ord${where('nb')}. Del dem opp.`,
        line: listed[0],
      },
    ];
  },
};
