import type { SearchDocument } from '../port/types';

/** A document as the embedded engine keeps it: the document plus its forward-index entry. */
export interface StoredDocument {
  doc: SearchDocument;
  /** Non-stop words as term ids, searchable attributes in ranking order. */
  seq: Int32Array;
  /** End offset in `seq` of each searchable attribute. */
  fieldEnds: Int32Array;
}
