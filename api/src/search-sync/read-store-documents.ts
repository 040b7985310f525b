import type { Knex } from 'knex';
import { countDocuments, listDocuments } from '@kilde/store';
import { locales, type CanonicalDocument, type DocumentType } from '@kilde/schemas';
import { toSearchDocument, type SearchDocument } from '@kilde/search';

const searchedTypes: readonly DocumentType[] = ['article', 'question', 'service'];

/**
 * Every live, searchable document in the read store as search documents, streamed page by page
 * so a 110k-document rebuild keeps memory flat.
 */
export async function* searchDocumentsFromReadStore(
  knex: Knex,
  onProgress: (done: number) => void = () => undefined,
): AsyncGenerator<SearchDocument> {
  let done = 0;
  for (const type of searchedTypes) {
    for (const locale of locales) {
      let after: string | null = null;
      do {
        const page = await listDocuments(knex, { type, locale, after, limit: 1000 });
        for (const item of page.items) {
          const doc = toSearchDocument(JSON.parse(item.json) as CanonicalDocument);
          done += 1;
          if (doc) yield doc;
        }
        onProgress(done);
        after = page.nextCursor;
      } while (after);
    }
  }
}

/** How many live documents {@link searchDocumentsFromReadStore} reads (for a progress bar). */
export async function countSearchableDocuments(knex: Knex): Promise<number> {
  let total = 0;
  for (const type of searchedTypes) total += await countDocuments(knex, { type });
  return total;
}
