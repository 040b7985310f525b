/**
 * @kilde/safety — protects young people who write to Kilde: removes personal data from their
 * questions and search queries, and recognises messages that signal a crisis so they can be
 * answered first and shown where to get help now.
 */
export type { SafetyLocale } from './locale';
export { SAFETY_LOCALES } from './locale';
export * from './scrub';
export * from './crisis';
