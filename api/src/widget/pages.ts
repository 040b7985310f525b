import type { ArticleDocument, Locale, QuestionDocument, ServiceDocument } from '@kilde/schemas';
import type { PublicHit, PublicSearchResponse } from '../public-search/types';
import { formatDate, pageStrings, professionNames, type PageStrings } from './page-strings';
import { escapeHtml, markedHtml } from './ui';

export const LOCALES: readonly Locale[] = ['nb', 'nn', 'en'];
const LANGUAGE_NAMES: Record<Locale, string> = { nb: 'Bokmål', nn: 'Nynorsk', en: 'English' };

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** Only http(s) links from content reach an `href`. */
function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

export interface PageAssets {
  /** URL of the page stylesheet. */
  css: string;
  /** URL of the versioned widget bundle, when built. */
  widget: string | null;
}

interface LayoutInput {
  locale: Locale;
  title: string;
  body: string;
  assets: PageAssets;
  /** Links to this page in each locale (language switcher); omitted when there is none. */
  alternates?: Partial<Record<Locale, string>>;
  scripts?: string[];
}

/** The HTML document around every page: skip link, header with language switcher, footer. */
export function layout(input: LayoutInput): string {
  const t = pageStrings[input.locale];
  const alternates = input.alternates
    ? `<nav aria-label="${escapeHtml(t.languages)}"><ul>${LOCALES.map((l) => {
        const href = input.alternates?.[l];
        if (!href) return '';
        const current = l === input.locale ? ' aria-current="page"' : '';
        return `<li><a href="${escapeHtml(href)}" lang="${l}" hreflang="${l}"${current}>${LANGUAGE_NAMES[l]}</a></li>`;
      }).join('')}</ul></nav>`
    : '';
  const scripts = (input.scripts ?? [])
    .map((src) => `<script type="module" src="${escapeHtml(src)}"></script>`)
    .join('');
  return (
    `<!doctype html><html lang="${input.locale}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">` +
    `<title>${escapeHtml(input.title)}</title><link rel="stylesheet" href="${escapeHtml(input.assets.css)}">${scripts}</head>` +
    `<body><a class="skip" href="#main">${escapeHtml(t.skip)}</a>` +
    `<header><a class="brand" href="/sok?locale=${input.locale}">Kilde</a>${alternates}</header>` +
    `<main id="main">${input.body}</main>` +
    `<footer><p>${escapeHtml(t.footer)}</p></footer></body></html>`
  );
}

export function searchUrl(
  q: string,
  locale: Locale,
  extra: Record<string, string | number | undefined> = {},
): string {
  const params = new URLSearchParams({ q, locale });
  for (const [k, v] of Object.entries(extra))
    if (v !== undefined && v !== '') params.set(k, String(v));
  return `/sok?${params.toString()}`;
}

function searchForm(t: PageStrings, locale: Locale, q: string, topic: string | null): string {
  return (
    `<form class="search" role="search" action="/sok" method="get">` +
    `<label for="q">${escapeHtml(t.searchLabel)}</label>` +
    `<input id="q" name="q" type="search" value="${escapeHtml(q)}" maxlength="200" autocomplete="off">` +
    `<input type="hidden" name="locale" value="${locale}">` +
    (topic ? `<input type="hidden" name="topic" value="${escapeHtml(topic)}">` : '') +
    `<button type="submit">${escapeHtml(t.submit)}</button></form>`
  );
}

/** The crisis box: every number with a call link, shown first. */
export function crisisBox(
  t: PageStrings,
  numbers: readonly { name: string; phone: string; tel?: string; description?: string }[],
): string {
  if (numbers.length === 0) return '';
  return (
    `<section class="crisis" aria-labelledby="crisis-h"><h2 id="crisis-h">${escapeHtml(t.crisisTitle)}</h2><ul>` +
    numbers
      .map(
        (n) =>
          `<li><a href="${escapeHtml(n.tel && /^tel:\+?\d+$/.test(n.tel) ? n.tel : telHref(n.phone))}">${escapeHtml(t.call(n.phone))}</a> – ${escapeHtml(n.name)}` +
          (n.description ? `<br>${escapeHtml(n.description)}` : '') +
          `</li>`,
      )
      .join('') +
    `</ul></section>`
  );
}

function hitItem(t: PageStrings, hit: PublicHit, pageLocale: Locale): string {
  const lang = hit.locale !== pageLocale ? ` lang="${hit.locale}"` : '';
  const badge =
    hit.fallbackLocale || hit.locale !== pageLocale
      ? `<span class="badge">${escapeHtml(t.otherLanguage[hit.locale])}</span>`
      : '';
  const passage = hit.snippetHtml?.trim()
    ? markedHtml(hit.snippetHtml)
    : escapeHtml(hit.summary ?? '');
  const meta: string[] = [];
  if (hit.type === 'service' && hit.phone)
    meta.push(`<a href="${escapeHtml(telHref(hit.phone))}">${escapeHtml(t.call(hit.phone))}</a>`);
  if (hit.provider?.name) meta.push(`${escapeHtml(t.from)} ${escapeHtml(hit.provider.name)}`);
  if (hit.lastReviewed)
    meta.push(
      `${escapeHtml(t.reviewed)} <time datetime="${escapeHtml(hit.lastReviewed)}">${escapeHtml(formatDate(hit.lastReviewed, pageLocale))}</time>`,
    );
  return (
    `<li><h3${lang}><a href="${escapeHtml(hit.url)}">${hit.titleHtml ? markedHtml(hit.titleHtml) : escapeHtml(hit.title)}</a>${badge}</h3>` +
    (passage ? `<p${lang}>${passage}</p>` : '') +
    (meta.length ? `<p class="meta">${meta.join(' · ')}</p>` : '') +
    `</li>`
  );
}

/** What a zero-result page offers besides the message. */
export interface HelpContent {
  services: {
    name: string;
    description?: string | null;
    phone?: string | null;
    url?: string | null;
  }[];
  topics: { slug: string; title: string; url: string }[];
  askUrl: string;
}

function helpSections(t: PageStrings, help: HelpContent): string {
  let html = '';
  if (help.topics.length) {
    html += `<section aria-labelledby="topics-h"><h2 id="topics-h">${escapeHtml(t.topicsTitle)}</h2><ul>${help.topics
      .map((topic) => `<li><a href="${escapeHtml(topic.url)}">${escapeHtml(topic.title)}</a></li>`)
      .join('')}</ul></section>`;
  }
  html += `<section aria-labelledby="ask-h"><h2 id="ask-h">${escapeHtml(t.askTitle)}</h2><p>${escapeHtml(t.askText)}</p><p><a href="${escapeHtml(help.askUrl)}">${escapeHtml(t.askLink)}</a></p></section>`;
  html += helpServices(t, help.services);
  return html;
}

export function helpServices(t: PageStrings, services: HelpContent['services']): string {
  if (!services.length) return '';
  return `<section class="help" aria-labelledby="help-h"><h2 id="help-h">${escapeHtml(t.helpTitle)}</h2><ul>${services
    .map((s) => {
      const url = safeUrl(s.url);
      const name = url
        ? `<a href="${escapeHtml(url)}">${escapeHtml(s.name)}</a>`
        : escapeHtml(s.name);
      const phone = s.phone
        ? ` – <a href="${escapeHtml(telHref(s.phone))}">${escapeHtml(t.call(s.phone))}</a>`
        : '';
      return `<li>${name}${phone}${s.description ? `<br>${escapeHtml(s.description)}` : ''}</li>`;
    })
    .join('')}</ul></section>`;
}

export interface ResultsPageInput {
  locale: Locale;
  q: string;
  topic: string | null;
  assets: PageAssets;
  /** The search answer; `null` before anything was searched. */
  result: PublicSearchResponse | null;
  /** Shown on zero results. */
  help: HelpContent;
  /** The search failed (engine starting, bad input): say so. */
  error?: string;
}

/** `GET /sok`: the results page that works without JavaScript. */
export function renderResultsPage(input: ResultsPageInput): string {
  const { locale, q, result } = input;
  const t = pageStrings[locale];
  const alternates = Object.fromEntries(
    LOCALES.map((l) => [
      l,
      q ? searchUrl(q, l, { topic: input.topic ?? undefined }) : `/sok?locale=${l}`,
    ]),
  );
  let body = `<h1>${escapeHtml(t.searchTitle)}</h1>${searchForm(t, locale, q, input.topic)}`;
  if (input.error) body += `<p role="alert">${escapeHtml(input.error)}</p>`;
  if (result) {
    body += crisisBox(t, result.help?.numbers ?? []);
    const shown = result.groups.reduce((n, g) => n + g.hits.length, 0);
    body += `<p role="status">${escapeHtml(shown > 0 ? t.resultsFor(Math.max(result.totalHits, shown), q) : t.noResults(q))}</p>`;
    if (result.suggestion) {
      body += `<p>${escapeHtml(t.didYouMean)} <a href="${escapeHtml(searchUrl(result.suggestion, locale, { topic: input.topic ?? undefined }))}">${escapeHtml(result.suggestion)}</a>?</p>`;
    }
    for (const group of result.groups) {
      if (!group.hits.length) continue;
      const count = Math.max(group.totalHits, group.hits.length);
      body += `<section aria-labelledby="g-${group.type}"><h2 id="g-${group.type}">${escapeHtml(t.groups[group.type])} (${count})</h2><ol class="hits">${group.hits
        .map((h) => hitItem(t, h, locale))
        .join('')}</ol></section>`;
    }
    const more = result.groups.some(
      (g) => g.type !== 'service' && g.totalHits > result.page * result.pageSize,
    );
    if (result.page > 1 || more) {
      body += `<nav class="pager" aria-label="${escapeHtml(t.pageOf(result.page))}">`;
      body +=
        result.page > 1
          ? `<a href="${escapeHtml(searchUrl(q, locale, { topic: input.topic ?? undefined, page: result.page - 1 }))}" rel="prev">${escapeHtml(t.previous)}</a>`
          : '<span></span>';
      body += more
        ? `<a href="${escapeHtml(searchUrl(q, locale, { topic: input.topic ?? undefined, page: result.page + 1 }))}" rel="next">${escapeHtml(t.next)}</a>`
        : '';
      body += `</nav>`;
    }
    if (shown === 0) body += helpSections(t, input.help);
  }
  return layout({
    locale,
    title: q ? `${q} – ${t.searchTitle} – Kilde` : `${t.searchTitle} – Kilde`,
    body,
    assets: input.assets,
    alternates,
  });
}

function backLink(t: PageStrings, locale: Locale): string {
  return `<p><a href="/sok?locale=${locale}">${escapeHtml(t.backToSearch)}</a></p>`;
}

function translationLinks(
  translations: Record<string, { id: string; slug?: string } | undefined>,
  segment: string,
  self: Locale,
  byId: boolean,
): Partial<Record<Locale, string>> {
  const out: Partial<Record<Locale, string>> = {};
  for (const l of LOCALES) {
    const tr = translations[l];
    if (!tr || l === self) continue;
    const address = byId ? tr.id : tr.slug;
    if (address) out[l] = `/sok/${segment}/${l}/${encodeURIComponent(address)}`;
  }
  return out;
}

/** `GET /sok/artikkel/:locale/:slug`: the article with its Markdown body rendered (sanitized). */
export function renderArticlePage(
  doc: ArticleDocument,
  bodyHtml: string,
  assets: PageAssets,
  providerName: string | null,
): string {
  const locale = doc.locale;
  const t = pageStrings[locale];
  const meta: string[] = [];
  if (providerName) meta.push(`${escapeHtml(t.from)} ${escapeHtml(providerName)}`);
  if (doc.lastReviewed)
    meta.push(
      `${escapeHtml(t.reviewed)} <time datetime="${doc.lastReviewed}">${escapeHtml(formatDate(doc.lastReviewed, locale))}</time>`,
    );
  if (doc.professionallyResponsible) {
    meta.push(
      `${escapeHtml(t.professionallyResponsible)}: ${escapeHtml(doc.professionallyResponsible.name)}, ${escapeHtml(professionNames[locale][doc.professionallyResponsible.profession] ?? doc.professionallyResponsible.profession)}`,
    );
  }
  const sources = doc.sources.length
    ? `<section aria-labelledby="sources-h"><h2 id="sources-h">${escapeHtml(t.sources)}</h2><ul>${doc.sources
        .map((s) => {
          const url = safeUrl(s.url);
          return `<li>${url ? `<a href="${escapeHtml(url)}">${escapeHtml(s.title)}</a>` : escapeHtml(s.title)}</li>`;
        })
        .join('')}</ul></section>`
    : '';
  const body =
    `<article><h1>${escapeHtml(doc.title)}</h1><p class="summary">${escapeHtml(doc.summary)}</p>` +
    (meta.length ? `<p class="meta">${meta.join(' · ')}</p>` : '') +
    // The body comes from the API's Markdown renderer: sanitized with GitHub's allow-list.
    `<div class="body">${demoteHeadings(bodyHtml)}</div>${sources}</article>${backLink(t, locale)}`;
  return layout({
    locale,
    title: `${doc.title} – Kilde`,
    body,
    assets,
    alternates: {
      [locale]: `/sok/artikkel/${locale}/${encodeURIComponent(doc.slug)}`,
      ...translationLinks(doc.translations, 'artikkel', locale, false),
    },
  });
}

/** `GET /sok/sporsmal/:locale/:id`: an answered question. */
export function renderQuestionPage(
  doc: QuestionDocument,
  questionHtml: string,
  answerHtml: string,
  assets: PageAssets,
): string {
  const locale = doc.locale;
  const t = pageStrings[locale];
  const meta = [
    `${escapeHtml(t.answeredBy)} ${escapeHtml(professionNames[locale][doc.answererProfession] ?? doc.answererProfession)}`,
  ];
  if (doc.answeredAt)
    meta.push(
      `${escapeHtml(t.answeredAt)} <time datetime="${doc.answeredAt}">${escapeHtml(formatDate(doc.answeredAt, locale))}</time>`,
    );
  const body =
    `<article><h1>${escapeHtml(doc.title)}</h1>` +
    `<section aria-labelledby="q-h"><h2 id="q-h">${escapeHtml(t.question)}</h2>${questionHtml}</section>` +
    `<section aria-labelledby="a-h"><h2 id="a-h">${escapeHtml(t.answer)}</h2>${demoteHeadings(answerHtml, 3)}<p class="meta">${meta.join(' · ')}</p></section>` +
    `</article>${backLink(t, locale)}`;
  return layout({
    locale,
    title: `${doc.title} – Kilde`,
    body,
    assets,
    alternates: {
      [locale]: `/sok/sporsmal/${locale}/${encodeURIComponent(doc.id)}`,
      ...translationLinks(doc.translations, 'sporsmal', locale, true),
    },
  });
}

/** `GET /sok/tjeneste/:locale/:slug`: a help service. */
export function renderServicePage(doc: ServiceDocument, assets: PageAssets): string {
  const locale = doc.locale;
  const t = pageStrings[locale];
  const url = safeUrl(doc.url);
  const rows: string[] = [];
  if (doc.phone)
    rows.push(
      `<dt>${escapeHtml(t.phone)}</dt><dd><a href="${escapeHtml(telHref(doc.phone))}">${escapeHtml(doc.phone)}</a></dd>`,
    );
  if (url)
    rows.push(
      `<dt>${escapeHtml(t.website)}</dt><dd><a href="${escapeHtml(url)}">${escapeHtml(url.replace(/^https?:\/\//, '').replace(/\/$/, ''))}</a></dd>`,
    );
  if (doc.openingHours)
    rows.push(`<dt>${escapeHtml(t.openingHours)}</dt><dd>${escapeHtml(doc.openingHours)}</dd>`);
  const body =
    `<article><h1>${escapeHtml(doc.title)}</h1><p class="summary">${escapeHtml(doc.description)}</p>` +
    (rows.length ? `<dl>${rows.join('')}</dl>` : '') +
    `</article>${backLink(t, locale)}`;
  return layout({
    locale,
    title: `${doc.title} – Kilde`,
    body,
    assets,
    alternates: {
      [locale]: `/sok/tjeneste/${locale}/${encodeURIComponent(doc.slug)}`,
      ...translationLinks(doc.translations, 'tjeneste', locale, false),
    },
  });
}

/** A 404 page in the visitor's language. */
export function renderNotFoundPage(locale: Locale, assets: PageAssets): string {
  const t = pageStrings[locale];
  return layout({
    locale,
    title: `${t.notFound} – Kilde`,
    body: `<h1>${escapeHtml(t.notFound)}</h1><p>${escapeHtml(t.notFoundText)}</p>${backLink(t, locale)}`,
    assets,
  });
}

/**
 * Headings inside a body start at `h2` under the page's `h1`; Markdown bodies may use `#` too.
 * `min` shifts so the body's top level becomes that level.
 */
export function demoteHeadings(html: string, min = 2): string {
  const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
  if (levels.length === 0) return html;
  const shift = Math.max(0, min - Math.min(...levels));
  if (shift === 0) return html;
  return html.replace(
    /<(\/?)h([1-6])([\s>])/g,
    (_, slash: string, level: string, after: string) =>
      `<${slash}h${Math.min(6, Number(level) + shift)}${after}`,
  );
}
