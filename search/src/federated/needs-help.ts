import type { Locale } from '@kilde/schemas';
import { fold } from '../norwegian/fold';
import { words } from '../norwegian/tokenize';
import { spellingVariantPairs } from '../norwegian/spelling-variants';

/** Decides whether a query signals that the young person may need help now. */
export type NeedsHelp = (query: string, locale: Locale) => boolean;

/**
 * Phrases that signal a need for help, in bokmål (nynorsk is normalised to bokmål before
 * matching, see {@link defaultNeedsHelp}) and English. A fallback only: `@kilde/safety`'s
 * `detectCrisis` is the real classifier and is passed in as `needsHelp` once it exists.
 * Single words match as words, phrases as consecutive words.
 */
// prettier-ignore -- a word list reads best packed
export const fallbackHelpPhrases: readonly string[] = [
  // suicide and wanting to die
  'vil ikke leve',
  'orker ikke leve',
  'vil ikke være her',
  'orker ikke mer',
  'vil dø',
  'lyst til å dø',
  'ta livet mitt',
  'ta livet av meg',
  'selvmord',
  'selvmordstanker',
  'kms',
  'ingen vits å leve',
  'want to die',
  'kill myself',
  'suicide',
  'suicidal',
  'end my life',
  // self-harm
  'kutter meg',
  'kuttet meg',
  'skader meg selv',
  'skada meg selv',
  'selvskading',
  'skjærer meg',
  'cutting myself',
  'self harm',
  'hurt myself',
  // violence and abuse
  'blir slått',
  'ble slått',
  'slår meg',
  'banker meg',
  'blir truet',
  'voldtatt',
  'voldtekt',
  'overgrep',
  'misbrukt',
  'tafset på',
  'blir mishandlet',
  'tvangsekteskap',
  'being abused',
  'hits me',
  'raped',
  'sexual abuse',
];

const variantMap = new Map(
  spellingVariantPairs.map(([nb, nn]) => [fold(nn), fold(nb)] as const).filter(([a, b]) => a !== b),
);
// Inflections and near-synonyms the pairs do not cover, for the fallback's phrases only.
const extra: Record<string, string> = {
  leva: 'leve',
  doy: 'do',
  sjolvmord: 'selvmord',
  sla: 'slar',
};

function normalise(text: string): string {
  return words(text)
    .map((w) => {
      const f = fold(w);
      return variantMap.get(f) ?? extra[f] ?? f;
    })
    .join(' ');
}

const normalisedPhrases = fallbackHelpPhrases.map(normalise);

/**
 * The built-in fallback: true when the query contains one of {@link fallbackHelpPhrases},
 * comparing folded words with nynorsk spellings mapped to bokmål, so "vil ikkje leve",
 * "Vil IKKE leve!!" and "blir slått heime" all count.
 */
export const defaultNeedsHelp: NeedsHelp = (query) => {
  const text = ` ${normalise(query)} `;
  return normalisedPhrases.some((p) => text.includes(` ${p} `));
};
