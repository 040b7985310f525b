import { ValidationError } from '@kilde/schemas';

/** The languages Kilde publishes in: bokmål, nynorsk and English. */
export type SafetyLocale = 'nb' | 'nn' | 'en';

/** Every supported locale, in Kilde's default order. */
export const SAFETY_LOCALES: readonly SafetyLocale[] = ['nb', 'nn', 'en'];

/**
 * Returns `locale` (defaulting to `nb`) when it is one Kilde supports.
 * @remarks The TypeScript types already rule out other values; this guards plain-JavaScript
 * callers (Strapi lifecycle hooks, scripts), where a typo would otherwise silently pick a default.
 */
export function resolveLocale(locale: unknown, path = '/locale'): SafetyLocale {
  if (locale === undefined) return 'nb';
  if (typeof locale === 'string' && (SAFETY_LOCALES as readonly string[]).includes(locale)) {
    return locale as SafetyLocale;
  }
  throw new ValidationError(`Unsupported locale ${JSON.stringify(locale)}`, [
    { path, message: `must be one of ${SAFETY_LOCALES.join(', ')}` },
  ]);
}

/** Throws a ValidationError unless `text` is a string (guards plain-JavaScript callers). */
export function assertText(text: unknown, path = '/text'): asserts text is string {
  if (typeof text !== 'string') {
    throw new ValidationError('Text to check must be a string', [
      { path, message: 'must be a string' },
    ]);
  }
}
