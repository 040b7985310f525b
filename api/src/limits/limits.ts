/** Abuse limits of the partner API (issue #5). Partners see them in `docs/partners.md`. */
export interface ApiLimits {
  /** Deepest nesting of field selections; introspection fields are not counted. */
  maxDepth: number;
  /** Highest estimated cost (see `cost-analysis.ts`). */
  maxCost: number;
  /** Most aliased fields in one operation (fragments expanded). */
  maxAliases: number;
  /** Largest `first` of a paginated field. */
  maxPageSize: number;
  /** Largest GraphQL document, in UTF-8 bytes. */
  maxDocumentBytes: number;
  /** Most operations in one batched request. */
  maxBatchSize: number;
  /** Largest request body, in bytes (a full batch of maximal documents plus variables). */
  maxBodyBytes: number;
}

export const defaultLimits: ApiLimits = {
  maxDepth: 10,
  maxCost: 1000,
  maxAliases: 30,
  maxPageSize: 100,
  maxDocumentBytes: 16 * 1024,
  maxBatchSize: 10,
  maxBodyBytes: 256 * 1024,
};
