export const JSON_TYPE = 'application/json; charset=utf-8';
export const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json; charset=utf-8';

/**
 * The response media type for an `Accept` header, as Apollo Server picks it: `application/json`
 * unless the client prefers `application/graphql-response+json` (higher q). Null when neither is
 * acceptable.
 */
export function responseMediaType(accept: string | undefined): string | null {
  if (!accept) return JSON_TYPE;
  let json = -1;
  let gql = -1;
  for (const part of accept.split(',')) {
    const [rawType, ...params] = part.trim().split(';');
    const type = (rawType ?? '').trim().toLowerCase();
    let q = 1;
    for (const p of params) {
      const [k, v] = p.split('=');
      if (k?.trim() === 'q') q = Number(v);
    }
    if (!Number.isFinite(q)) q = 0;
    if (type === 'application/json') json = Math.max(json, q);
    else if (type === 'application/graphql-response+json') gql = Math.max(gql, q);
    else if (type === '*/*' || type === 'application/*') {
      json = Math.max(json, q);
      gql = Math.max(gql, q);
    }
  }
  if (json <= 0 && gql <= 0) return null;
  return gql > json ? GRAPHQL_RESPONSE_TYPE : JSON_TYPE;
}
