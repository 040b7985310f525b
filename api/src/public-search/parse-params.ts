import { locales, type Locale } from '@kilde/schemas';
import { contractError, type RequestProblem } from '../rest/contract';
import type { PublicSearchType, SearchParams } from './types';

/** One wrong parameter, as listed in `error.details.errors` (the shape every route uses). */
export type ParameterProblem = RequestProblem;

export const SEARCH_TYPES: readonly PublicSearchType[] = ['article', 'question', 'service'];
export const MAX_QUERY_LENGTH = 200;
export const MAX_PAGE = 50;
export const MAX_PAGE_SIZE = 20;
export const DEFAULT_PAGE_SIZE = 10;

const KNOWN = ['q', 'locale', 'types', 'topic', 'page', 'pageSize', 'session', 'key', '_'] as const;
const TOPIC = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
export const SESSION_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

function integer(value: string, parameter: string, min: number, max: number, problems: ParameterProblem[]): number | undefined {
  if (!/^\d{1,6}$/.test(value) || Number(value) < min || Number(value) > max) {
    problems.push({ in: 'query', path: parameter, message: `must be a whole number from ${min} to ${max}` });
    return undefined;
  }
  return Number(value);
}

/** Throws the 400 that lists every problem, or does nothing. */
export function throwIfProblems(problems: ParameterProblem[]): void {
  const error = contractError(problems);
  if (error) throw error;
}

/**
 * Reads and validates the query string of `GET /v1/search`.
 * @throws HttpError 400 `BAD_USER_INPUT` whose `details.errors` name every wrong parameter.
 */
export function parseSearchParams(params: URLSearchParams): SearchParams {
  const problems: ParameterProblem[] = [];
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (!(KNOWN as readonly string[]).includes(name)) {
      problems.push({ in: 'query', path: name, message: `is not a parameter of /v1/search (use ${KNOWN.filter((k) => k !== '_').join(', ')})` });
    } else if (seen.has(name)) {
      if (params.getAll(name).length > 1 && !problems.some((p) => p.path === name)) problems.push({ in: 'query', path: name, message: 'is given more than once' });
    }
    seen.add(name);
  }

  const rawQ = params.get('q');
  const q = (rawQ ?? '').trim();
  if (rawQ === null) problems.push({ in: 'query', path: 'q', message: 'is required: the words to search for' });
  else if (q === '') problems.push({ in: 'query', path: 'q', message: 'must not be empty' });
  else if (q.length > MAX_QUERY_LENGTH) problems.push({ in: 'query', path: 'q', message: `must be at most ${MAX_QUERY_LENGTH} characters` });

  let locale: Locale = 'nb';
  const rawLocale = params.get('locale');
  if (rawLocale !== null) {
    if ((locales as readonly string[]).includes(rawLocale)) locale = rawLocale as Locale;
    else problems.push({ in: 'query', path: 'locale', message: `must be one of ${locales.join(', ')}` });
  }

  let types: PublicSearchType[] | null = null;
  const rawTypes = params.get('types');
  if (rawTypes !== null) {
    const list = rawTypes.split(',').map((t) => t.trim()).filter(Boolean);
    const unknown = list.filter((t) => !(SEARCH_TYPES as readonly string[]).includes(t));
    if (list.length === 0 || unknown.length > 0) {
      problems.push({ in: 'query', path: 'types', message: `must be a comma-separated list of ${SEARCH_TYPES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}` });
    } else types = SEARCH_TYPES.filter((t) => list.includes(t));
  }

  const rawTopic = params.get('topic');
  let topic: string | null = null;
  if (rawTopic !== null) {
    if (TOPIC.test(rawTopic)) topic = rawTopic;
    else problems.push({ in: 'query', path: 'topic', message: 'must be a topic slug or id (letters, digits, "-", at most 100 characters)' });
  }

  const rawPage = params.get('page');
  const page = rawPage === null ? 1 : integer(rawPage, 'page', 1, MAX_PAGE, problems);
  const rawSize = params.get('pageSize');
  const pageSize = rawSize === null ? DEFAULT_PAGE_SIZE : integer(rawSize, 'pageSize', 1, MAX_PAGE_SIZE, problems);

  const rawSession = params.get('session');
  let session: string | null = null;
  if (rawSession !== null) {
    if (SESSION_PATTERN.test(rawSession)) session = rawSession;
    else problems.push({ in: 'query', path: 'session', message: 'must be 16–64 characters of A–Z, a–z, 0–9, "_" or "-" (a random token made by the widget)' });
  }

  throwIfProblems(problems);
  return { q, locale, types, topic, page: page ?? 1, pageSize: pageSize ?? DEFAULT_PAGE_SIZE, session };
}
