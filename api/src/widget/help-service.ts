import type { Locale, ServiceDocument, TopicDocument } from '@kilde/schemas';
import type { ContentService } from '../content/content-service';

/** Help services and topics the widget and `/sok` offer when a search finds nothing. */
export interface HelpInfo {
  locale: Locale;
  services: {
    id: string;
    slug: string;
    name: string;
    description: string;
    phone: string | null;
    tel: string | null;
    url: string;
  }[];
  topics: { slug: string; title: string; url: string }[];
}

const MAX_SERVICES = 4;
const CACHE_MS = 60_000;

/**
 * Reads from the read store which national, low-threshold help services (level 2, no
 * municipality) and which top-level topics exist in a locale; cached for a minute per locale.
 * @remarks Crisis-only emergency numbers are left to the search answer's `help`, shown when the
 * query signals a crisis; an empty search gets the services a young person can just contact.
 */
export class HelpService {
  private readonly cache = new Map<Locale, { at: number; value: Promise<HelpInfo> }>();

  constructor(private readonly content: ContentService) {}

  get(locale: Locale, now = Date.now()): Promise<HelpInfo> {
    const hit = this.cache.get(locale);
    if (hit && now - hit.at < CACHE_MS) return hit.value;
    const value = this.load(locale);
    this.cache.set(locale, { at: now, value });
    value.catch(() => this.cache.delete(locale));
    return value;
  }

  private async load(locale: Locale): Promise<HelpInfo> {
    const [services, topics] = await Promise.all([
      this.content.list<ServiceDocument>({ type: 'service', locale, first: 100 }),
      this.content.list<TopicDocument>({ type: 'topic', locale, first: 100 }),
    ]);
    const national = services.edges
      .map((e) => e.node)
      .filter((s) => s.level === 2 && !s.municipality)
      // Crisis lines first: a young person who found nothing may still be struggling.
      .sort(
        (a, b) => Number(b.crisis) - Number(a.crisis) || a.title.localeCompare(b.title, locale),
      );
    return {
      locale,
      services: national.slice(0, MAX_SERVICES).map((s) => ({
        id: s.id,
        slug: s.slug,
        name: s.title,
        description: s.description,
        phone: s.phone ?? null,
        tel: s.phone ? `tel:${s.phone.replace(/[^\d+]/g, '')}` : null,
        url: `/sok/tjeneste/${locale}/${encodeURIComponent(s.slug)}`,
      })),
      topics: topics.edges
        .map((e) => e.node)
        .filter((t) => !t.parent)
        .sort((a, b) => a.title.localeCompare(b.title, locale))
        .map((t) => ({
          slug: t.slug,
          title: t.title,
          url: `/sok?${new URLSearchParams({ q: t.title, locale }).toString()}`,
        })),
    };
  }
}
