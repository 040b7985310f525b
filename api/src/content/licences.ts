import type { Licence, Locale } from '@kilde/schemas';

/** What a licence asks of a partner who republishes the content. */
export interface LicenceTerms {
  name: string;
  url: string | null;
  /** Name the provider (and link the source) wherever the content appears. */
  attributionRequired: boolean;
  /** Adaptations must be shared under the same licence. */
  shareAlike: boolean;
  /** No commercial use. */
  nonCommercial: boolean;
  /** Republish unchanged only (no edits, excerpts or translations). */
  noDerivatives: boolean;
  /** Reuse only under a separate agreement with the provider. */
  agreementRequired: boolean;
}

const cc = (path: string, name: string, extra: Partial<LicenceTerms> = {}): LicenceTerms => ({
  name,
  url: `https://creativecommons.org/${path}`,
  attributionRequired: true,
  shareAlike: false,
  nonCommercial: false,
  noDerivatives: false,
  agreementRequired: false,
  ...extra,
});

/** Terms of every licence the canonical schema allows (SPDX identifiers). */
export const licenceTerms: Readonly<Record<Licence, LicenceTerms>> = {
  'CC-BY-4.0': cc('licenses/by/4.0/', 'CC BY 4.0'),
  'CC-BY-SA-4.0': cc('licenses/by-sa/4.0/', 'CC BY-SA 4.0', { shareAlike: true }),
  'CC-BY-NC-4.0': cc('licenses/by-nc/4.0/', 'CC BY-NC 4.0', { nonCommercial: true }),
  'CC-BY-ND-4.0': cc('licenses/by-nd/4.0/', 'CC BY-ND 4.0', { noDerivatives: true }),
  'CC0-1.0': cc('publicdomain/zero/1.0/', 'CC0 1.0', { attributionRequired: false }),
  'NLOD-2.0': {
    name: 'Norsk lisens for offentlige data (NLOD) 2.0',
    url: 'https://data.norge.no/nlod/no/2.0',
    attributionRequired: true,
    shareAlike: false,
    nonCommercial: false,
    noDerivatives: false,
    agreementRequired: false,
  },
  'LicenseRef-All-Rights-Reserved': {
    name: 'All rights reserved',
    url: null,
    attributionRequired: true,
    shareAlike: false,
    nonCommercial: true,
    noDerivatives: true,
    agreementRequired: true,
  },
};

/** Terms of a licence, treating an unknown identifier as "all rights reserved". */
export function termsOf(licence: string): LicenceTerms {
  return licenceTerms[licence as Licence] ?? licenceTerms['LicenseRef-All-Rights-Reserved'];
}

/**
 * The attribution line a partner can print under the content, in the content's language.
 * @remarks Worded per licence family so the line says what the licence needs and nothing more.
 */
export function attributionNotice(locale: Locale, provider: string | null, licence: string): string {
  const terms = termsOf(licence);
  const who = provider ?? 'Kilde';
  const text = {
    nb: { from: `Innhold fra ${who}`, lic: `lisensiert under ${terms.name}`, arr: 'gjengitt etter avtale', pd: 'fritt til bruk (CC0)' },
    nn: { from: `Innhald frå ${who}`, lic: `lisensiert under ${terms.name}`, arr: 'attgjeve etter avtale', pd: 'fritt til bruk (CC0)' },
    en: { from: `Content from ${who}`, lic: `licensed under ${terms.name}`, arr: 'republished by agreement', pd: 'free to use (CC0)' },
  }[locale];
  if (terms.agreementRequired) return `${text.from}, ${text.arr}.`;
  if (!terms.attributionRequired) return `${text.from}, ${text.pd}.`;
  return `${text.from}, ${text.lic}.`;
}
