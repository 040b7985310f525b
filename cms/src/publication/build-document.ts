import type {
  ArticleDocument,
  DocumentType,
  DraftDocument,
  Image,
  ImageVariant,
  Locale,
  OrganisationDocument,
  Professional,
  QuestionDocument,
  Ref,
  ServiceDocument,
  Source,
  TopicDocument,
  Translations,
} from '@kilde/schemas';

/** A Strapi entry as returned by the document service with `populateFor` (loosely typed on purpose). */
export type Entry = Record<string, unknown> & { documentId: string; locale: string };

type Row = Record<string, unknown>;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v : undefined;
/** A string field, or '' when Strapi returned nothing (required fields are then caught by validation). */
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const int = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : undefined;
const rows = (v: unknown): Row[] => (Array.isArray(v) ? (v as Row[]).filter((r) => r && typeof r === 'object') : []);
const row = (v: unknown): Row | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Row) : undefined);

/** Drops undefined properties so optional schema fields are absent rather than null. */
function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

function ref(v: unknown, titleField = 'title'): Ref | null {
  const r = row(v);
  const id = r && str(r.documentId);
  if (!r || !id) return null;
  return compact({ id, slug: str(r.slug), title: str(r[titleField]) });
}

const refs = (v: unknown): Ref[] => rows(v).map((r) => ref(r)).filter((r): r is Ref => r !== null);

const formatOf = (ext: unknown, mime: unknown): ImageVariant['format'] => {
  const e = `${text(ext)}${text(mime)}`.toLowerCase();
  if (e.includes('webp')) return 'webp';
  if (e.includes('avif')) return 'avif';
  if (e.includes('png')) return 'png';
  if (e.includes('gif')) return 'gif';
  return 'jpeg';
};

function image(file: Row | undefined, meta: Row): Image | null {
  if (!file || !str(file.url)) return null;
  const formats = row(file.formats) ?? {};
  const variants: ImageVariant[] = Object.values(formats)
    .map((f) => row(f))
    .filter((f): f is Row => !!f && !!str(f.url) && !!int(f.width))
    .map((f) => compact({ url: text(f.url), width: int(f.width) ?? 1, height: int(f.height), format: formatOf(f.ext, f.mime) }))
    .sort((a, b) => a.width - b.width);
  return compact({
    url: text(file.url),
    alt: str(meta.alt) ?? str(file.alternativeText) ?? '',
    caption: str(meta.caption) ?? str(file.caption),
    credit: str(meta.credit),
    width: int(file.width),
    height: int(file.height),
    mime: str(file.mime),
    variants,
  });
}

/** Adds whole months to an ISO date, clamping to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

const date = (v: unknown): string | null => (str(v) ? String(v).slice(0, 10) : null);

function reviewDates(e: Row, intervalMonths: number): { lastReviewed: string | null; nextReviewDue: string | null } {
  const lastReviewed = date(e.lastReviewed);
  const nextReviewDue = date(e.nextReviewDue) ?? (lastReviewed ? addMonths(lastReviewed, intervalMonths) : null);
  return { lastReviewed, nextReviewDue };
}

const ageBand = (v: unknown): QuestionDocument['askerAgeBand'] => {
  const s = str(v)?.replace(/^age-/, '');
  return s === '13-15' || s === '16-17' || s === '18-20' ? s : null;
};

function envelope(type: DocumentType, e: Entry, translations: Translations) {
  return { id: e.documentId, type, locale: e.locale as Locale, translations };
}

function external(e: Row): { externalId?: string; sourceSystem?: string } {
  return compact({ externalId: str(e.externalId), sourceSystem: str(e.sourceSystem) });
}

/**
 * Maps a published Strapi entry to its canonical document (without the publication envelope
 * fields, which the store stamps). Validation happens in the store, against the JSON Schema.
 */
export function buildDraftDocument(type: DocumentType, e: Entry, translations: Translations): DraftDocument {
  switch (type) {
    case 'article': {
      const interval = int(e.reviewIntervalMonths) ?? 12;
      const pr = row(e.professionallyResponsible);
      const doc: DraftDocument<ArticleDocument> = {
        ...envelope(type, e, translations),
        type,
        title: text(e.title),
        slug: text(e.slug),
        summary: text(e.summary),
        body: text(e.body),
        topics: refs(e.topics),
        audience: (Array.isArray(e.audience) ? e.audience : []) as ArticleDocument['audience'],
        provider: ref(e.provider, 'name'),
        professionallyResponsible:
          pr && str(pr.name)
            ? { name: text(pr.name), profession: (str(pr.profession) ?? 'other') as Professional['profession'] }
            : null,
        authors: (Array.isArray(e.authors) ? e.authors : []).filter((a): a is string => typeof a === 'string'),
        sources: rows(e.sources).map((s) =>
          compact({
            title: text(s.title),
            publisher: str(s.publisher),
            year: int(s.year),
            url: str(s.url),
            reference: str(s.reference),
            kind: (str(s.kind) ?? 'other') as Source['kind'],
          }),
        ),
        images: rows(e.images)
          .map((i) => image(row(i.file), i))
          .filter((i): i is Image => i !== null),
        snomed: rows(e.snomed).map((s) => ({ code: text(s.code), term: text(s.term) })),
        licence: (str(e.licence) ?? 'CC-BY-4.0') as ArticleDocument['licence'],
        ...compact({ canonicalUrl: str(e.canonicalUrl) }),
        reviewIntervalMonths: interval,
        ...reviewDates(e, interval),
        ...external(e),
      };
      return doc;
    }
    case 'question': {
      const doc: DraftDocument<QuestionDocument> = {
        ...envelope(type, e, translations),
        type,
        title: text(e.title),
        question: text(e.question),
        answer: text(e.answer),
        answererProfession: (str(e.answererProfession) ?? 'other') as QuestionDocument['answererProfession'],
        topics: refs(e.topics),
        askerAgeBand: ageBand(e.askerAgeBand),
        answeredAt: date(e.answeredAt) ?? '',
        provider: ref(e.provider, 'name'),
        licence: (str(e.licence) ?? 'CC-BY-4.0') as QuestionDocument['licence'],
        ...reviewDates(e, 12),
        ...external(e),
      };
      return doc;
    }
    case 'topic': {
      const doc: DraftDocument<TopicDocument> = {
        ...envelope(type, e, translations),
        type,
        title: text(e.title),
        slug: text(e.slug),
        description: str(e.description) ?? '',
        parent: ref(e.parent),
        reviewIntervalMonths: int(e.reviewIntervalMonths) ?? 12,
      };
      return doc;
    }
    case 'organisation': {
      const doc: DraftDocument<OrganisationDocument> = {
        ...envelope(type, e, translations),
        type,
        name: text(e.name),
        description: str(e.description) ?? '',
        orgNumber: str(e.orgNumber) ?? null,
        url: str(e.url) ?? null,
        logo: image(row(e.logo), { alt: str(e.name) ?? '' }),
        defaultLicence: (str(e.defaultLicence) ?? 'CC-BY-4.0') as OrganisationDocument['defaultLicence'],
      };
      return doc;
    }
    case 'service': {
      const doc: DraftDocument<ServiceDocument> = {
        ...envelope(type, e, translations),
        type,
        title: text(e.title),
        slug: text(e.slug),
        description: str(e.description) ?? '',
        channel: (str(e.channel) ?? 'web') as ServiceDocument['channel'],
        url: str(e.url) ?? null,
        phone: str(e.phone) ?? null,
        openingHours: str(e.openingHours) ?? null,
        ageMin: int(e.ageMin) ?? null,
        ageMax: int(e.ageMax) ?? null,
        region: str(e.region) ?? null,
        municipality: str(e.municipality) ?? null,
        level: int(e.level) === 3 ? 3 : 2,
        crisis: e.crisis === true,
        topics: refs(e.topics),
        provider: ref(e.provider, 'name'),
      };
      return doc;
    }
    default: {
      const unreachable: never = type;
      throw new Error(`Unknown document type ${String(unreachable)}`);
    }
  }
}
