import {
  getNamedType,
  isLeafType,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { LruCache } from '../cache/lru-cache';
import { ApiErrorCode } from '../http/error-codes';
import { limitError } from './limit-error';

/** Paginated fields: their cost is `first` times the cost of one item. */
const paginated = new Set(['Query.articles', 'Query.questions', 'Query.services', 'Query.search', 'Query.changes']);
/** Unpaginated lists whose size is bounded by the data; estimated at this many items. */
const estimatedListSizes: Record<string, number> = { 'Query.topics': 50, 'Query.organisations': 50 };
/** Leaves that compute something (render Markdown, build JSON-LD); other leaves are free. */
const computedLeaves: Record<string, number> = {
  'RichText.html': 1,
  'RichText.text': 1,
  'Article.jsonLd': 1,
  'Question.jsonLd': 1,
  'ContentItem.jsonLd': 1,
};

/** Default page size of paginated fields (the schema's `first` default). */
export const DEFAULT_PAGE_SIZE = 20;

export interface CostOptions {
  maxCost: number;
  maxPageSize: number;
}

interface PageSizeViolation {
  field: string;
  first: number;
}

/**
 * Estimates what an operation costs and checks `first` on every paginated field.
 * @remarks Cost model: an object field costs 1 plus its children, a paginated field
 * 1 + first × (cost of one edge), scalars 0 except rendered ones. "20 articles with attribution,
 * topics and translations" costs about 160; the same at `first: 100` about 800.
 * Returns the error to send, or null when the operation is within limits.
 */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  options: CostOptions,
): GraphQLError | null {
  const violations: PageSizeViolation[] = [];
  const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
    if (field.name.startsWith('__')) return 0;
    const key = `${type.name}.${field.name}`;
    if (paginated.has(key)) {
      const first: unknown = args.first;
      const n = typeof first === 'number' ? first : DEFAULT_PAGE_SIZE;
      if (n > options.maxPageSize || n < 1) violations.push({ field: field.name, first: n });
      return 1 + Math.min(Math.max(n, 0), options.maxPageSize) * childComplexity;
    }
    const listSize = estimatedListSizes[key];
    if (listSize !== undefined) return 1 + listSize * childComplexity;
    if (isLeafType(getNamedType(field.type))) return computedLeaves[key] ?? 0;
    return 1 + childComplexity;
  };

  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, operationName, variables: variables ?? {}, estimators: [estimator], maxQueryNodes: 5_000 });
  } catch (err) {
    const message = (err as Error).message;
    if (/maximum allowed number of nodes/.test(message)) {
      return limitError(ApiErrorCode.QueryTooComplex, 'The query has too many fields to estimate its cost.', {
        maximumCost: options.maxCost,
      });
    }
    // Invalid variables: execution reports them with the standard coercion error.
    return null;
  }
  const tooLarge = violations.find((v) => v.first > options.maxPageSize);
  if (tooLarge) {
    return limitError(
      ApiErrorCode.PageSizeTooLarge,
      `\`first\` on \`${tooLarge.field}\` is ${tooLarge.first}; at most ${options.maxPageSize} items fit on a page. Page with \`after\`.`,
      { argumentName: 'first', field: tooLarge.field, maximum: options.maxPageSize },
    );
  }
  const tooSmall = violations[0];
  if (tooSmall) {
    return limitError(ApiErrorCode.BadUserInput, `\`first\` on \`${tooSmall.field}\` must be at least 1.`, {
      argumentName: 'first',
      field: tooSmall.field,
    });
  }
  if (cost > options.maxCost) {
    return limitError(
      ApiErrorCode.QueryTooComplex,
      `The query's estimated cost is ${cost}; at most ${options.maxCost} is allowed. Ask for fewer items or fields.`,
      { cost, maximumCost: options.maxCost },
    );
  }
  return null;
}

/**
 * `checkCost` remembered per parsed document and variables.
 * @remarks Apollo Server hands out the same `DocumentNode` for the same query string (its
 * document store), so a `WeakMap` on it caches the analysis for as long as the document lives.
 * Variables are part of the key because `first: $n` changes the cost.
 */
export class CostChecker {
  private readonly byDocument = new WeakMap<DocumentNode, LruCache<string, GraphQLError | null>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly options: CostOptions,
  ) {}

  check(document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined): GraphQLError | null {
    let cache = this.byDocument.get(document);
    if (!cache) {
      cache = new LruCache(64);
      this.byDocument.set(document, cache);
    }
    const key = `${operationName ?? ''}\u0000${variables ? JSON.stringify(variables) : ''}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const result = checkCost(this.schema, document, operationName, variables, this.options);
    cache.set(key, result);
    return result;
  }
}
