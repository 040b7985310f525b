import { KildeError } from '@kilde/schemas';

/**
 * A document was published under an id and locale that already belong to a document of another
 * type. Ids are shared by the language variants of one item, never across types.
 */
export class DocumentTypeConflictError extends KildeError {
  constructor(details: { id: string; locale: string; existingType: string; type: string }) {
    super(
      'DOCUMENT_TYPE_CONFLICT',
      `Document ${details.id} (${details.locale}) is a ${details.existingType}, not a ${details.type}`,
      { status: 409, details },
    );
  }
}
