import { formatPercent } from '../format';
import type { QualityRule } from '../types';

/** The share of long words, the other half of LIX: information only. */
export const longWords: QualityRule = {
  id: 'long-words',
  run({ readability: { readability }, options }) {
    if (readability.words === 0) return [];
    return [
      {
        severity: 'info',
        message: `${formatPercent(readability.longWordShare, 'en')} of the words (${readability.longWords} of ${readability.words}) have ${options.longWordChars} or more letters.`,
        messageNb: `${formatPercent(readability.longWordShare, 'nb')} av ordene (${readability.longWords} av ${readability.words}) har ${options.longWordChars} eller flere bokstaver.`,
      },
    ];
  },
};
