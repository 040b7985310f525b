import type { ArticleDocument, QuestionDocument } from '@kilde/schemas';
import type { GateInput, GateTranslation } from './types';

/**
 * The gate input for a canonical article, e.g. one arriving through the import API.
 *
 * @remarks Canonical documents do not say which source version a translation was made from;
 * pass it when the caller knows.
 */
export function articleToGateInput(
  doc: ArticleDocument,
  translation: GateTranslation | null = null,
): GateInput {
  return {
    type: 'article',
    locale: doc.locale,
    title: doc.title,
    summary: doc.summary,
    body: doc.body,
    sources: doc.sources,
    professionallyResponsible: doc.professionallyResponsible,
    images: doc.images.map((image) => ({ alt: image.alt, url: image.url })),
    audience: doc.audience,
    translation,
  };
}

/** The gate input for a canonical question: the professional's answer is the body. */
export function questionToGateInput(doc: QuestionDocument): GateInput {
  return {
    type: 'question',
    locale: doc.locale,
    title: doc.title,
    body: doc.answer,
    // Questions carry no sources in the canonical model; the gate warns on fact-stating answers.
    sources: [],
    professionallyResponsible: null,
    images: [],
    audience: doc.askerAgeBand ? [doc.askerAgeBand] : [],
    translation: null,
  };
}
