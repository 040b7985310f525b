import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { IMPORT_EXPORT_TABLES } from '@kilde/migrations';
import type { DocumentType, Locale } from '@kilde/schemas';
import { ImportErrorCode, type ImportIssue } from '@kilde/api';
import { contentTypeUids } from '../strapi/content-types';

type Data = Record<string, unknown>;
type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null;
const list = (v: unknown): Obj[] =>
  Array.isArray(v) ? v.map(obj).filter((o): o is Obj => o !== null) : [];

/** A reference the record makes that Kilde must find: a topic, provider, parent or stored image. */
export class UnresolvedReference extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }

  toIssue(file: string, line: number): ImportIssue {
    return {
      file,
      line,
      path: this.path,
      message: this.message,
      code: ImportErrorCode.UnresolvedReference,
    };
  }
}

/**
 * Finds the Strapi documents that canonical references point at: by document id (an export from
 * this or another Kilde keeps ids), else by an earlier import's identity, else by slug.
 * @remarks Answers are remembered for the batch: a batch of 10,000 articles over 20 topics asks
 * the database about each topic once.
 */
export class RefResolver {
  private readonly cache = new Map<string, string | null>();

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly db: () => Knex | Knex.Transaction,
    private readonly provider: string,
  ) {}

  async documentId(type: DocumentType, ref: Obj): Promise<string | null> {
    const id = typeof ref.id === 'string' ? ref.id : '';
    const slug = typeof ref.slug === 'string' ? ref.slug : '';
    const cacheKey = `${type}\u0000${id}\u0000${slug}`;
    if (this.cache.has(cacheKey)) return this.cache.get(cacheKey) ?? null;
    const uid = contentTypeUids[type];
    let found: string | null = null;
    if (id) {
      const row = (await this.strapi.db
        .query(uid)
        .findOne({ select: ['documentId'], where: { documentId: id } })) as {
        documentId?: string;
      } | null;
      found = row?.documentId ?? null;
      if (!found) {
        const identity = (await this.db()(IMPORT_EXPORT_TABLES.identities)
          .select('document_id')
          .where({ type, external_id: id })
          .whereIn('provider', [...new Set([this.provider, ''])])
          .first()) as { document_id?: string } | undefined;
        found = identity?.document_id ?? null;
      }
    }
    if (!found && slug && type !== 'organisation') {
      const row = (await this.strapi.db
        .query(uid)
        .findOne({ select: ['documentId'], where: { slug } })) as { documentId?: string } | null;
      found = row?.documentId ?? null;
    }
    // Only hits are remembered: a topic created later in the same batch must be found then.
    if (found) this.cache.set(cacheKey, found);
    return found;
  }

  /** Remembers a document the batch just created (so later records find it without a query). */
  remember(type: DocumentType, id: string | null, documentId: string): void {
    if (id) this.cache.set(`${type}\u0000${id}\u0000`, documentId);
  }

  async require(type: DocumentType, ref: unknown, path: string): Promise<string> {
    const r = obj(ref);
    const found = r ? await this.documentId(type, r) : null;
    if (!found) {
      const what = typeof r?.id === 'string' ? r.id : typeof r?.slug === 'string' ? r.slug : '?';
      throw new UnresolvedReference(
        path,
        `refers to ${type} "${what}", which is neither in Kilde nor earlier in this batch`,
      );
    }
    return found;
  }

  private readonly localesOf = new Map<string, string[]>();

  /**
   * A relation target for Strapi. Relations are shared by an item's locales and Strapi links each
   * locale to the target's variant in the same locale, so the target must have that locale.
   */
  async relation(type: DocumentType, ref: unknown, path: string, locale: Locale): Promise<string> {
    const documentId = await this.require(type, ref, path);
    const key = `${type}\u0000${documentId}`;
    let have = this.localesOf.get(key);
    if (!have || !have.includes(locale)) {
      const rows = (await this.strapi.db
        .query(contentTypeUids[type])
        .findMany({ select: ['locale'], where: { documentId } })) as { locale: string }[];
      have = [...new Set(rows.map((r) => r.locale))];
      this.localesOf.set(key, have);
    }
    if (!have.includes(locale)) {
      throw new UnresolvedReference(
        path,
        `refers to ${type} "${documentId}", which has no ${locale} variant (it has ${have.join(', ') || 'none'}); import or write that variant first`,
      );
    }
    return documentId;
  }

  async fileId(url: string, path: string): Promise<number> {
    const row = (await this.strapi.db
      .query('plugin::upload.file')
      .findOne({ select: ['id'], where: { url } })) as { id?: number } | null;
    if (!row?.id)
      throw new UnresolvedReference(
        path,
        `refers to the image ${url}, which Kilde does not have; put the file in the batch (a zip) and refer to it by its path`,
      );
    return row.id;
  }
}

/** Stored image files of a record, by JSON pointer (`/images/0`), from the image step. */
export type StoredImages = ReadonlyMap<string, number>;

async function image(
  img: Obj,
  pointer: string,
  resolver: RefResolver,
  stored: StoredImages,
): Promise<Data> {
  const file = stored.get(pointer) ?? (await resolver.fileId(String(img.url), `${pointer}/url`));
  return { file, alt: img.alt, caption: img.caption ?? null, credit: img.credit ?? null };
}

async function topicIds(doc: Obj, resolver: RefResolver, locale: Locale): Promise<string[]> {
  const out: string[] = [];
  const topics = list(doc.topics);
  for (let i = 0; i < topics.length; i += 1)
    out.push(await resolver.relation('topic', topics[i], `/topics/${i}`, locale));
  return out;
}

const external = (doc: Obj): Data => ({
  externalId: doc.externalId ?? null,
  sourceSystem: doc.sourceSystem ?? null,
});

/**
 * Maps a canonical document (an import record) to the data Strapi's document service takes —
 * the inverse of `buildDraftDocument`, so a record imported and published gives back the same
 * canonical content (and content hash).
 */
export async function toEntryData(
  type: DocumentType,
  doc: Obj,
  locale: Locale,
  resolver: RefResolver,
  stored: StoredImages,
): Promise<Data> {
  const provider = async (): Promise<string | null> =>
    doc.provider ? resolver.relation('organisation', doc.provider, '/provider', locale) : null;
  switch (type) {
    case 'article': {
      const images: Data[] = [];
      const imgs = list(doc.images);
      for (let i = 0; i < imgs.length; i += 1)
        images.push(await image(imgs[i] as Obj, `/images/${i}`, resolver, stored));
      return {
        title: doc.title,
        slug: doc.slug,
        summary: doc.summary,
        body: doc.body,
        topics: await topicIds(doc, resolver, locale),
        audience: doc.audience,
        provider: await provider(),
        professionallyResponsible: doc.professionallyResponsible ?? null,
        authors: doc.authors,
        sources: list(doc.sources).map((s) => ({
          title: s.title,
          publisher: s.publisher ?? null,
          year: s.year ?? null,
          url: s.url ?? null,
          reference: s.reference ?? null,
          kind: s.kind,
        })),
        images,
        snomed: list(doc.snomed).map((s) => ({ code: s.code, term: s.term })),
        licence: doc.licence,
        canonicalUrl: doc.canonicalUrl ?? null,
        reviewIntervalMonths: doc.reviewIntervalMonths,
        lastReviewed: doc.lastReviewed ?? null,
        nextReviewDue: doc.nextReviewDue ?? null,
        ...external(doc),
      };
    }
    case 'question':
      return {
        title: doc.title,
        question: doc.question,
        answer: doc.answer,
        answererProfession: doc.answererProfession,
        topics: await topicIds(doc, resolver, locale),
        askerAgeBand: typeof doc.askerAgeBand === 'string' ? `age-${doc.askerAgeBand}` : null,
        answeredAt: doc.answeredAt,
        provider: await provider(),
        licence: doc.licence,
        lastReviewed: doc.lastReviewed ?? null,
        nextReviewDue: doc.nextReviewDue ?? null,
        ...external(doc),
      };
    case 'topic':
      return {
        title: doc.title,
        slug: doc.slug,
        description: doc.description,
        parent: doc.parent ? await resolver.relation('topic', doc.parent, '/parent', locale) : null,
        reviewIntervalMonths: doc.reviewIntervalMonths,
      };
    case 'organisation':
      return {
        name: doc.name,
        description: doc.description,
        orgNumber: doc.orgNumber ?? null,
        url: doc.url ?? null,
        logo: obj(doc.logo)
          ? (stored.get('/logo') ??
            (await resolver.fileId(String((doc.logo as Obj).url), '/logo/url')))
          : null,
        defaultLicence: doc.defaultLicence,
      };
    case 'service':
      return {
        title: doc.title,
        slug: doc.slug,
        description: doc.description,
        channel: doc.channel,
        url: doc.url ?? null,
        phone: doc.phone ?? null,
        openingHours: doc.openingHours ?? null,
        ageMin: doc.ageMin ?? null,
        ageMax: doc.ageMax ?? null,
        region: doc.region ?? null,
        municipality: doc.municipality ?? null,
        level: doc.level,
        crisis: doc.crisis,
        topics: await topicIds(doc, resolver, locale),
        provider: await provider(),
      };
    default: {
      const unreachable: never = type;
      throw new Error(`Unknown type ${String(unreachable)}`);
    }
  }
}
