import type { Locale, RelatedTopic } from './types';

/** A place to get help, from `GET /widget/help.json` (national services in the read store). */
export interface HelpService {
  name: string;
  description?: string | null;
  phone?: string | null;
  tel?: string | null;
  url?: string | null;
}

/** What the widget offers when a search finds nothing: help services and topics to browse. */
export interface HelpInfo {
  locale: Locale;
  services: HelpService[];
  topics: RelatedTopic[];
}

export function helpUrl(base: string, locale: Locale): string {
  const url = new URL('/widget/help.json', base);
  url.searchParams.set('locale', locale);
  return url.toString();
}

function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a');
}

/**
 * Topics worth offering for a query that found nothing: those sharing a word stem (first five
 * letters, folded) with the query or its spelling suggestion, then the partner's own topics, then
 * the rest — at most `max`.
 * @remarks Crude on purpose: a query with no hits has nothing better to relate to, and a topic
 * list is a way out, not a search result.
 */
export function relatedTopics(
  topics: readonly RelatedTopic[],
  query: string,
  preferred: readonly string[],
  max = 5,
): RelatedTopic[] {
  const stems = new Set(
    fold(query)
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 4)
      .map((w) => w.slice(0, 5)),
  );
  const score = (t: RelatedTopic): number => {
    const words = fold(`${t.title} ${t.slug}`).split(/[^a-z0-9]+/);
    if (words.some((w) => w.length >= 4 && stems.has(w.slice(0, 5)))) return 0;
    if (preferred.includes(t.slug)) return 1;
    return 2;
  };
  return topics
    .map((t, i) => ({ t, s: score(t), i }))
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .slice(0, max)
    .map((x) => x.t);
}
