import type { Core, UID } from '@strapi/strapi';
import type { DocumentType } from '@kilde/schemas';

/** Strapi content-type uid for each published canonical document type. */
export const contentTypeUids = {
  article: 'api::article.article',
  question: 'api::question-answer.question-answer',
  topic: 'api::topic.topic',
  organisation: 'api::organisation.organisation',
  service: 'api::service.service',
} as const satisfies Record<DocumentType, UID.ContentType>;

export type PublishedUid = (typeof contentTypeUids)[DocumentType];

const typeByUid = new Map<string, DocumentType>(
  Object.entries(contentTypeUids).map(([type, uid]) => [uid, type as DocumentType]),
);

/** The canonical type published from a Strapi uid, or undefined for internal types. */
export function documentTypeOf(uid: string): DocumentType | undefined {
  return typeByUid.get(uid);
}

/**
 * The one typed accessor to Strapi's document service for Kilde's types.
 * @remarks Strapi's generated types are not checked in; this narrows the string lookups to one place.
 */
export function documentsOf(strapi: Core.Strapi, type: DocumentType) {
  return strapi.documents(contentTypeUids[type]);
}

/** What to populate so a canonical document can be built from one query. */
export const populateFor: Record<DocumentType, Record<string, unknown>> = {
  article: {
    topics: { fields: ['title', 'slug'] },
    provider: { fields: ['name'] },
    professionallyResponsible: true,
    sources: true,
    images: { populate: { file: true } },
    snomed: true,
  },
  question: { topics: { fields: ['title', 'slug'] }, provider: { fields: ['name'] } },
  topic: { parent: { fields: ['title', 'slug'] } },
  organisation: { logo: true },
  service: { topics: { fields: ['title', 'slug'] }, provider: { fields: ['name'] } },
};
