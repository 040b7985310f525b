import type { Finding, QualityRule } from '../types';

/**
 * Link texts that say nothing about where the link goes. Screen-reader users often list the
 * links on a page, and "here, here, read more" is useless there.
 */
export const VAGUE_LINK_TEXTS: ReadonlySet<string> = new Set([
  'klikk her',
  'her',
  'les mer',
  'les meir',
  'trykk her',
  'lenke',
  'lenkje',
  'click here',
  'here',
  'read more',
  'link',
]);

/** Lower case, punctuation and symbols dropped, spaces collapsed: "Les mer …" → "les mer". */
export function normaliseLinkText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Link text must describe the target. */
export const linkText: QualityRule = {
  id: 'link-text',
  run({ body }) {
    const findings: Finding[] = [];
    for (const link of body.links) {
      if (!VAGUE_LINK_TEXTS.has(normaliseLinkText(link.text))) continue;
      const text = link.text.trim();
      findings.push({
        severity: 'error',
        message: `The link text "${text}" does not say where the link goes; describe the target.`,
        messageNb: `Lenketeksten «${text}» sier ikke hvor lenken går; beskriv målet.`,
        line: link.line,
      });
    }
    return findings;
  },
};
