import type { Core } from '@strapi/strapi';
import { locales, type DocumentType, type Locale } from '@kilde/schemas';
import { loadSeedLibrary, questionTitle, slugify, type Localized, type SeedLibrary } from '@kilde/content';
import { documentsOf } from '../strapi/content-types';

export interface SeedReport {
  topics: number;
  organisations: number;
  services: number;
  articles: number;
  questions: number;
  seconds: number;
}

type Data = Record<string, unknown>;

/**
 * Loads the seed library through Strapi's document service with `status: 'published'`, so every
 * item takes the same publication path as an editor's publish (validation, read store, outbox).
 */
export async function loadSeed(strapi: Core.Strapi, library: SeedLibrary = loadSeedLibrary()): Promise<SeedReport> {
  const started = Date.now();
  const ids = { topic: new Map<string, string>(), organisation: new Map<string, string>() };

  /**
   * SQLite in WAL mode fails a read-then-write transaction at once (SQLITE_BUSY) when another
   * process wrote in between; the API process may write usage counts while the seed runs. Each
   * publish is its own transaction, so retrying it is safe.
   */
  async function withBusyRetry<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await fn();
      } catch (err) {
        const busy = /database is locked|SQLITE_BUSY/.test(String((err as Error).message));
        if (!busy || attempt >= 8) throw err;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  }

  /** Creates the nb variant, then every other locale given, each published. */
  async function publishVariants(type: DocumentType, perLocale: Partial<Record<Locale, Data>>): Promise<string> {
    let documentId: string | undefined;
    for (const locale of locales) {
      const data = perLocale[locale];
      if (!data) continue;
      const docs = documentsOf(strapi, type);
      if (!documentId) {
        const created = await withBusyRetry(() => docs.create({ locale, data: data as never, status: 'published' }));
        documentId = created.documentId;
      } else {
        const id = documentId;
        await withBusyRetry(() => docs.update({ documentId: id, locale, data: data as never, status: 'published' }));
      }
    }
    if (!documentId) throw new Error(`Seed ${type} has no locale variant`);
    return documentId;
  }

  const each = <T>(l: Localized<T> | null | undefined, fn: (value: T, locale: Locale) => Data): Partial<Record<Locale, Data>> => {
    const out: Partial<Record<Locale, Data>> = {};
    for (const locale of locales) {
      const v = l?.[locale];
      if (v !== undefined) out[locale] = fn(v, locale);
    }
    return out;
  };
  const topicIds = (keys: string[] | undefined): string[] =>
    (keys ?? []).map((k) => ids.topic.get(k)).filter((id): id is string => !!id);

  for (const org of library.organisations) {
    const id = await publishVariants(
      'organisation',
      each(org.name, (name, locale) => ({
        name,
        description: org.description[locale] ?? '',
        orgNumber: org.orgNumber,
        url: org.url,
        defaultLicence: org.defaultLicence ?? 'CC-BY-4.0',
        externalId: org.key,
        sourceSystem: 'kilde-seed',
      })),
    );
    ids.organisation.set(org.key, id);
  }

  // Parents before children so the parent relation can be set on create.
  const topics = [...library.topics].sort((a, b) => Number(!!a.parent) - Number(!!b.parent));
  for (const topic of topics) {
    const parent = topic.parent ? ids.topic.get(topic.parent) : undefined;
    const id = await publishVariants(
      'topic',
      each(topic.title, (title, locale) => ({
        title,
        slug: topic.slug[locale],
        description: topic.description[locale] ?? '',
        reviewIntervalMonths: topic.reviewIntervalMonths ?? 12,
        ...(parent ? { parent } : {}),
        externalId: topic.key,
        sourceSystem: 'kilde-seed',
      })),
    );
    ids.topic.set(topic.key, id);
  }

  for (const s of library.services) {
    await publishVariants(
      'service',
      each(s.title, (title, locale) => ({
        title,
        slug: slugify(title),
        description: s.description[locale] ?? '',
        channel: s.channel,
        url: s.url ?? null,
        phone: s.phone ?? null,
        openingHours: s.openingHours?.[locale] ?? null,
        ageMin: s.ageMin ?? null,
        ageMax: s.ageMax ?? null,
        region: s.region ?? null,
        municipality: s.municipality ?? null,
        level: s.level,
        crisis: s.crisis ?? false,
        topics: topicIds(s.topics),
        provider: s.provider ? ids.organisation.get(s.provider) : undefined,
        externalId: s.key,
        sourceSystem: 'kilde-seed',
      })),
    );
  }

  const groups = new Map<string, Partial<Record<Locale, Data>>>();
  for (const a of library.articles) {
    const group = groups.get(a.key) ?? {};
    group[a.locale] = {
      title: a.title,
      slug: a.slug,
      summary: a.summary,
      body: a.body,
      topics: topicIds(a.topics),
      audience: a.audience,
      provider: ids.organisation.get(a.provider),
      professionallyResponsible: a.professionallyResponsible,
      authors: a.authors ?? [],
      sources: a.sources ?? [],
      snomed: a.snomed ?? [],
      licence: a.licence ?? 'CC-BY-4.0',
      reviewIntervalMonths: a.reviewIntervalMonths ?? 12,
      lastReviewed: a.lastReviewed,
      workflowStage: 'published',
      externalId: a.key,
      sourceSystem: 'kilde-seed',
    };
    groups.set(a.key, group);
  }
  for (const group of groups.values()) await publishVariants('article', group);

  for (const q of library.questions) {
    await publishVariants('question', {
      [q.locale]: {
        title: questionTitle(q.question),
        question: q.question,
        answer: q.answer,
        answererProfession: q.answererProfession,
        topics: topicIds(q.topics),
        askerAgeBand: q.askerAgeBand ? `age-${q.askerAgeBand}` : undefined,
        answeredAt: q.answeredAt,
        provider: ids.organisation.get('kilde'),
        licence: 'CC-BY-4.0',
        workflowStage: 'published',
        externalId: q.key,
        sourceSystem: 'kilde-seed',
      },
    });
  }

  return {
    topics: library.topics.length,
    organisations: library.organisations.length,
    services: library.services.length,
    articles: library.articles.length,
    questions: library.questions.length,
    seconds: (Date.now() - started) / 1000,
  };
}
