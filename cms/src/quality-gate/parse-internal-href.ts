import type { Locale } from '@kilde/schemas';

/** Item types a `kilde:` link may point at. */
export const KILDE_LINK_TYPES = [
  'article',
  'question',
  'topic',
  'organisation',
  'service',
] as const;

/** The type part of a `kilde:<type>/<id>` link. */
export type KildeLinkType = (typeof KILDE_LINK_TYPES)[number];

/** The article path segment per locale: `/artikler/<slug>` (nb), `/artiklar/…` (nn), `/articles/…` (en). */
export const ARTICLE_PATH_SEGMENTS: Readonly<Record<Locale, string>> = {
  nb: 'artikler',
  nn: 'artiklar',
  en: 'articles',
};

/**
 * An internal link, split into its parts.
 *
 * - `kilde`: `kilde:<type>/<id>`, e.g. `kilde:article/klamydia-nb` — survives slug changes, so
 *   it is the form editors should prefer.
 * - `article-path`: `/artikler/<slug>`, `/artiklar/<slug>` or `/articles/<slug>`, optionally
 *   after a locale prefix (`/nn/artiklar/<slug>`); the slug is per locale.
 * - `path`: any other site-relative path (`/tema/pubertet`); only the resolver knows it.
 * - `malformed`: starts with `kilde:` but is not `kilde:<type>/<id>` — never resolvable.
 *
 * Query strings and `#fragments` are ignored when splitting.
 */
export type InternalHref =
  | { kind: 'kilde'; type: KildeLinkType; id: string }
  | { kind: 'article-path'; locale: Locale | undefined; segment: string; slug: string }
  | { kind: 'path'; path: string }
  | { kind: 'malformed'; href: string };

const KILDE = /^kilde:([a-z]+)\/([A-Za-z0-9][A-Za-z0-9._~-]*)$/;
const LOCALE_PREFIX = /^\/(nb|nn|en)(?=\/)/;
const ARTICLE_PATH = /^\/([a-z]+)\/([a-z0-9][a-z0-9-]*)\/?$/;

/**
 * True for hrefs the gate treats as internal: `kilde:` links and site-relative paths.
 *
 * @remarks Protocol-relative `//host/…` is external; `#anchor` and relative paths are neither
 * (`empty-links` deals with a bare `#`).
 */
export function isInternalHref(href: string): boolean {
  const trimmed = href.trim();
  return /^kilde:/i.test(trimmed) || (trimmed.startsWith('/') && !trimmed.startsWith('//'));
}

/** Splits an internal href into its parts; `null` for external links. */
export function parseInternalHref(href: string): InternalHref | null {
  const trimmed = href.trim();
  if (!isInternalHref(trimmed)) return null;
  const target = trimmed.replace(/[?#].*$/s, '');

  if (/^kilde:/i.test(target)) {
    const match = KILDE.exec(target);
    const type = KILDE_LINK_TYPES.find((candidate) => candidate === match?.[1]);
    if (!match?.[2] || type === undefined) return { kind: 'malformed', href: trimmed };
    return { kind: 'kilde', type, id: match[2] };
  }

  const localeMatch = LOCALE_PREFIX.exec(target);
  const locale = localeMatch?.[1] as Locale | undefined;
  const rest = localeMatch ? target.slice(localeMatch[0].length) : target;
  const path = ARTICLE_PATH.exec(rest);
  const segment = path?.[1];
  if (
    path?.[2] &&
    segment !== undefined &&
    Object.values(ARTICLE_PATH_SEGMENTS).includes(segment)
  ) {
    return { kind: 'article-path', locale, segment, slug: path[2] };
  }
  return { kind: 'path', path: target };
}
