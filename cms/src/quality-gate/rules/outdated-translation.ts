import type { QualityRule } from '../types';

/** A translation made from an older version of its source may say something the source no longer does. */
export const outdatedTranslation: QualityRule = {
  id: 'outdated-translation',
  run({ input }) {
    const translation = input.translation;
    if (!translation || translation.translatedFromVersion >= translation.sourceVersion) return [];
    const { sourceLocale, sourceVersion, translatedFromVersion } = translation;
    return [
      {
        severity: 'error',
        message: `The ${sourceLocale} source has changed since this translation was made (translated from version ${translatedFromVersion}, now version ${sourceVersion}). Update the translation.`,
        messageNb: `Kildeteksten (${sourceLocale}) er endret siden denne oversettelsen ble laget (oversatt fra versjon ${translatedFromVersion}, nå versjon ${sourceVersion}). Oppdater oversettelsen.`,
      },
    ];
  },
};
