import { formatDate, type Strings } from './i18n';
import { resultsPageUrl } from './search-client';
import { relatedTopics, type HelpInfo } from './help';
import type { HitType, Locale, SearchHit, SearchResponse } from './types';

/** What choosing an option does. */
export type OptionAction =
  | { kind: 'open'; href: string; hit: SearchHit }
  | { kind: 'show-all'; href: string }
  | { kind: 'suggestion'; href: string; query: string }
  | { kind: 'link'; href: string };

export interface ResultOption {
  /** Suffix of the element id, unique within one rendering. */
  key: string;
  action: OptionAction;
  /** Plain-text label (the option's accessible name). */
  label: string;
  /** `<mark>`-highlighted HTML of the label, already made safe. */
  labelHtml?: string;
  /** Language of the label when it differs from the UI (fallback hits). */
  lang?: Locale;
  /** Shown under the label. */
  description?: string;
  descriptionHtml?: string;
  meta?: string;
  /** "På bokmål": the hit is from another locale. */
  badge?: string;
  tone?: 'crisis';
}

export interface ResultGroup {
  key: string;
  label: string;
  options: ResultOption[];
  tone?: 'crisis';
}

export interface ResultView {
  /** A line above the list (no results). */
  message?: string;
  groups: ResultGroup[];
  /** Options outside any group, after the groups ("Show all results"). */
  trailing: ResultOption[];
  /** What the live region says. */
  announcement: string;
}

export interface ViewContext {
  /** The Kilde API's origin (results page, topic links). */
  base: string;
  /** What hit URLs (`/sok/artikkel/…`) resolve against; the API's origin unless a partner maps them. */
  resultBase?: string;
  locale: Locale;
  strings: Strings;
  topics: readonly string[];
  /** Where "ask a question" leads. */
  askUrl: string;
}

const GROUP_ORDER: HitType[] = ['article', 'question', 'service'];

/** An http(s) URL resolved against `base`, or null (no `javascript:` from any field). */
function safeHref(target: string, base: string): string | null {
  try {
    const url = new URL(target, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** A hit's URL on the API origin (relative URLs resolve there, never on the partner's page). */
function hitHref(base: string, hit: SearchHit): string | null {
  const target = hit.url ?? hit.website;
  const href = target ? safeHref(target, base) : null;
  if (href) return href;
  if (hit.phone) return telHref(hit.phone);
  return null;
}

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

function hitMeta(hit: SearchHit, ctx: ViewContext): string | undefined {
  const parts: string[] = [];
  if (hit.type === 'service' && hit.phone) parts.push(ctx.strings.call(hit.phone));
  if (hit.provider?.name) parts.push(`${ctx.strings.from} ${hit.provider.name}`);
  if (hit.lastReviewed) parts.push(`${ctx.strings.reviewed} ${formatDate(hit.lastReviewed, ctx.locale)}`);
  return parts.length ? parts.join(' · ') : undefined;
}

/**
 * Turns a search answer into what the popup shows: labelled groups of options in display order,
 * the "show all" option, and the sentence the live region announces.
 * @remarks Every entry a young person can act on is an option — including the spelling suggestion,
 * the ask-a-question entry point and crisis numbers — so one keyboard model (arrows, Home/End,
 * Enter) reaches all of it.
 */
export function buildResultView(
  response: SearchResponse,
  query: string,
  ctx: ViewContext,
  help?: HelpInfo | null,
): ResultView {
  const { strings } = ctx;
  const groups: ResultGroup[] = [];
  let shown = 0;
  const numbers = response.help?.crisis ? (response.help.numbers ?? []) : [];
  if (numbers.length > 0) {
    groups.push({
      key: 'crisis',
      label: strings.crisisTitle,
      tone: 'crisis',
      options: numbers.map((n, i) => ({
        key: `crisis-${i}`,
        action: {
          kind: 'link',
          href: n.tel && /^tel:\+?\d+$/.test(n.tel) ? n.tel : telHref(n.phone),
        },
        label: `${strings.call(n.phone)} – ${n.name}`,
        description: n.description ?? undefined,
        tone: 'crisis',
      })),
    });
  }

  const byType = new Map(response.groups.map((g) => [g.type, g] as const));
  // Services first when the query signals a need for help.
  const order: HitType[] = numbers.length > 0 ? ['service', 'article', 'question'] : GROUP_ORDER;
  for (const type of order) {
    const group = byType.get(type);
    if (!group || group.hits.length === 0) continue;
    const options: ResultOption[] = [];
    for (const hit of group.hits) {
      const href = hitHref(ctx.resultBase ?? ctx.base, hit);
      if (!href) continue;
      shown += 1;
      const description = hit.summary ?? undefined;
      options.push({
        key: `${type}-${options.length}`,
        action: { kind: 'open', href, hit },
        label: hit.title,
        labelHtml: hit.titleHtml ?? undefined,
        lang: hit.locale !== ctx.locale ? hit.locale : undefined,
        description,
        descriptionHtml:
          hit.snippetHtml && hit.snippetHtml.trim() !== '' ? hit.snippetHtml : undefined,
        meta: hitMeta(hit, ctx),
        badge:
          hit.fallbackLocale || hit.locale !== ctx.locale
            ? strings.otherLanguage[hit.locale]
            : undefined,
      });
    }
    if (options.length) groups.push({ key: type, label: strings.groups[type], options });
  }

  const found = shown > 0;
  const trailing: ResultOption[] = [];
  let message: string | undefined;
  if (found) {
    trailing.push({
      key: 'show-all',
      action: { kind: 'show-all', href: resultsPageUrl(ctx.base, query, ctx.locale, ctx.topics) },
      label: strings.showAll(Math.max(response.totalHits, shown)),
    });
  } else {
    message = strings.noResults(query);
  }
  if (response.suggestion && response.suggestion !== query) {
    groups.splice(numbers.length > 0 ? 1 : 0, 0, {
      key: 'suggestion',
      label: strings.didYouMean,
      options: [
        {
          key: 'suggestion-0',
          action: {
            kind: 'suggestion',
            href: resultsPageUrl(ctx.base, response.suggestion, ctx.locale, ctx.topics),
            query: response.suggestion,
          },
          label: strings.suggestion(response.suggestion),
        },
      ],
    });
  }
  if (!found) {
    const fromApi = (response.relatedTopics ?? []).filter((t) => t.slug && t.title);
    const topics = fromApi.length
      ? fromApi
      : relatedTopics(help?.topics ?? [], `${query} ${response.suggestion ?? ''}`, ctx.topics);
    if (topics.length) {
      groups.push({
        key: 'topics',
        label: strings.topicsTitle,
        options: topics.map((t, i) => ({
          key: `topic-${i}`,
          action: {
            kind: 'link',
            href:
              safeHref(
                t.url ?? `/sok?q=${encodeURIComponent(t.title)}&locale=${ctx.locale}`,
                ctx.base,
              ) ?? ctx.base,
          },
          label: t.title,
        })),
      });
    }
    const services = groups.some((g) => g.key === 'service') ? [] : (help?.services ?? []);
    const serviceOptions: ResultOption[] = [];
    for (const service of services) {
      const href = service.url
        ? safeHref(service.url, ctx.resultBase ?? ctx.base)
        : service.tel || (service.phone ? telHref(service.phone) : null);
      if (!href) continue;
      serviceOptions.push({
        key: `help-${serviceOptions.length}`,
        action: { kind: 'link', href },
        label: service.name,
        description: service.description ?? undefined,
        meta: service.phone ? strings.call(service.phone) : undefined,
      });
    }
    if (serviceOptions.length)
      groups.push({ key: 'help', label: strings.helpTitle, options: serviceOptions });
    groups.push({
      key: 'ask',
      label: strings.askTitle,
      options: [{ key: 'ask-0', action: { kind: 'link', href: ctx.askUrl }, label: strings.ask }],
    });
  }
  const announcement = found
    ? strings.results(Math.max(response.totalHits, shown))
    : `${strings.noResults(query)}${numbers.length ? ` ${strings.crisisTitle}` : ''}`;
  return { message, groups, trailing, announcement };
}

/** Every option in display order (what the arrow keys walk through). */
export function flatOptions(view: ResultView): ResultOption[] {
  return [...view.groups.flatMap((g) => g.options), ...view.trailing];
}
