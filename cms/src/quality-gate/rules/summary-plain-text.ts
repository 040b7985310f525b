import type { QualityRule } from '../types';

/**
 * Markdown a summary must not contain, with a name for the message. Partners render the
 * summary as text, so syntax would show up as stray characters.
 */
const MARKDOWN_SYNTAX: readonly { pattern: RegExp; en: string; nb: string }[] = [
  { pattern: /!?\[[^\]]*\]\([^)]*\)/u, en: 'a link or image', nb: 'en lenke eller et bilde' },
  { pattern: /\*\*[^*]+\*\*|__[^_]+__/u, en: 'bold text', nb: 'fet skrift' },
  { pattern: /(?:^|\s)[*_][^\s*_][^*_]*[*_](?=$|[\s.,;:!?])/u, en: 'italics', nb: 'kursiv' },
  { pattern: /`[^`]+`/u, en: 'code', nb: 'kode' },
  { pattern: /^\s{0,3}#{1,6}\s/mu, en: 'a heading', nb: 'en overskrift' },
  { pattern: /^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s/mu, en: 'a list', nb: 'en liste' },
  { pattern: /^\s{0,3}>/mu, en: 'a quote block', nb: 'et sitat' },
  { pattern: /<\/?[a-z][a-z0-9]*(?:\s[^>]*)?\/?>/iu, en: 'HTML', nb: 'HTML' },
];

/** The summary is plain text; Markdown in it is a warning. */
export const summaryPlainText: QualityRule = {
  id: 'summary-plain-text',
  run({ input }) {
    const summary = input.summary ?? '';
    const found = MARKDOWN_SYNTAX.find(({ pattern }) => pattern.test(summary));
    if (!found) return [];
    return [
      {
        severity: 'warning',
        message: `The summary should be plain text, but it contains Markdown (${found.en}).`,
        messageNb: `Ingressen skal være ren tekst, men inneholder Markdown (${found.nb}).`,
      },
    ];
  },
};
