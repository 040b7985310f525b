import { formatNumber } from '../format';
import { lixLevel } from '../readability';
import type { QualityRule } from '../types';

/**
 * LIX against the audience's target. Never an error: LIX is a rough measure, and a text about
 * "prevensjonsmidler" may need its long words. The editor decides.
 */
export const readabilityLix: QualityRule = {
  id: 'readability-lix',
  run({ readability: { readability }, options }) {
    if (readability.words === 0) {
      return [
        {
          severity: 'info',
          message: 'There is no text to measure readability on.',
          messageNb: 'Det er ingen tekst å måle lesbarhet på.',
        },
      ];
    }
    const en = `LIX ${formatNumber(readability.lix, 1, 'en')} (${lixLevel(readability.lix, 'en').label})`;
    const nb = `LIX ${formatNumber(readability.lix, 1, 'nb')} (${lixLevel(readability.lix, 'nb').label})`;
    if (readability.lix > options.lixTarget) {
      return [
        {
          severity: 'warning',
          message: `${en} is above the target of ${options.lixTarget} for this audience. Use shorter sentences and shorter words.`,
          messageNb: `${nb} er over målet på ${options.lixTarget} for denne målgruppen. Bruk kortere setninger og kortere ord.`,
        },
      ];
    }
    return [
      {
        severity: 'info',
        message: `${en}, within the target of ${options.lixTarget}.`,
        messageNb: `${nb}, innenfor målet på ${options.lixTarget}.`,
      },
    ];
  },
};
