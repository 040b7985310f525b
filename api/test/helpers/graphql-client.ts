/** Response of a GraphQL call over HTTP, with the parts tests look at. */
export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[] };
}

/** POSTs a GraphQL request with a partner key (or none). */
export async function gql<T = Record<string, unknown>>(
  url: string,
  key: string | undefined,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GqlResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GqlResponse<T>['body'] };
}

/** The first error's code, for terse assertions. */
export function codeOf(r: GqlResponse<unknown>): unknown {
  return r.body.errors?.[0]?.extensions?.code;
}
