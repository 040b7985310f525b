import type { SearchFilters } from '../port/types';

/** Quotes a string for a Meilisearch filter expression. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const list = (values: ReadonlyArray<string | number>): string =>
  `[${values.map((v) => (typeof v === 'number' ? String(v) : quoteFilterValue(v))).join(', ')}]`;

const asArray = <T>(v: T | T[] | undefined): T[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/**
 * Translates structured filters into Meilisearch filter expressions (an array is AND-ed by
 * Meilisearch), or `undefined` when nothing is filtered. Same semantics as the embedded
 * engine: keys AND-ed, values OR-ed (`IN`), empty lists leave the key unconstrained, topics
 * match by id or slug.
 */
export function toFilterExpression(filters: SearchFilters | undefined): string[] | undefined {
  if (!filters) return undefined;
  const clauses: string[] = [];
  const oneOf = (attribute: string, values: ReadonlyArray<string | number>): void => {
    if (values.length > 0) clauses.push(`${attribute} IN ${list(values)}`);
  };
  oneOf('locale', asArray(filters.locale));
  oneOf('type', asArray(filters.type));
  if (filters.topics && filters.topics.length > 0) {
    clauses.push(`(topics IN ${list(filters.topics)} OR topicSlugs IN ${list(filters.topics)})`);
  }
  oneOf('audience', filters.audience ?? []);
  oneOf('provider', filters.provider ?? []);
  oneOf('channel', filters.channel ?? []);
  oneOf('region', filters.region ?? []);
  oneOf('municipality', filters.municipality ?? []);
  oneOf('level', filters.level ?? []);
  if (filters.crisis !== undefined) clauses.push(`crisis = ${filters.crisis ? 'true' : 'false'}`);
  return clauses.length > 0 ? clauses : undefined;
}
