// Hand-written aliases over the generated types; the shapes themselves come from the schemas.
import type {
  ArticleDocument,
  QuestionDocument,
  TopicDocument,
  OrganisationDocument,
  ServiceDocument,
  Locale,
  DocumentType,
} from './generated/canonical';

export type {
  ArticleDocument,
  QuestionDocument,
  TopicDocument,
  OrganisationDocument,
  ServiceDocument,
  Locale,
  DocumentType,
};
export type {
  Envelope,
  Attribution,
  Ref,
  Source,
  Image,
  ImageVariant,
  Professional,
  SnomedConcept,
  Audience,
  AgeBand,
  Profession,
  Licence,
  Translations,
} from './generated/canonical';

/** Any published canonical document, discriminated by `type`. */
export type CanonicalDocument =
  | ArticleDocument
  | QuestionDocument
  | TopicDocument
  | OrganisationDocument
  | ServiceDocument;

/** Envelope fields the publication step fills in. */
export type EnvelopeField = 'version' | 'publishedAt' | 'updatedAt' | 'contentHash';

/** A document as built from the CMS, before publication stamps the envelope. */
export type DraftDocument<T extends CanonicalDocument = CanonicalDocument> = T extends unknown
  ? Omit<T, EnvelopeField>
  : never;

/** The locales Kilde serves; `nb` is the default and the usual translation source. */
export const locales: readonly Locale[] = ['nb', 'nn', 'en'];
export const defaultLocale: Locale = 'nb';
