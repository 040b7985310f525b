import type { Knex } from 'knex';
import { getDocument, getDocumentBySlug } from '@kilde/store';
import type { ArticleDocument, Locale } from '@kilde/schemas';

/** Per-request context handed to resolvers. */
export interface ApiContext {
  documents: {
    article(key: { id: string; locale: Locale } | { slug: string; locale: Locale }): Promise<ArticleDocument | null>;
  };
}

/** Builds the resolver context over the read store; never touches Strapi's tables. */
export function createContext(knex: Knex): ApiContext {
  return {
    documents: {
      async article(key) {
        const row =
          'id' in key
            ? await getDocument(knex, { id: key.id, locale: key.locale, type: 'article' })
            : await getDocumentBySlug(knex, { type: 'article', slug: key.slug, locale: key.locale });
        if (!row || row.deleted) return null;
        return JSON.parse(row.json) as ArticleDocument;
      },
    },
  };
}
