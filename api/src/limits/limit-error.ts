import { GraphQLError, type ASTNode } from 'graphql';
import type { ApiErrorCode } from '../http/error-codes';

/**
 * A GraphQL error for a request that breaks one of the API's limits.
 * @remarks Status 400 is what a client asking for `application/graphql-response+json` gets; the
 * HTTP layer answers 200 under plain `application/json`, as GraphQL over HTTP asks for
 * validation-phase errors.
 */
export function limitError(
  code: ApiErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
  nodes?: readonly ASTNode[],
): GraphQLError {
  return new GraphQLError(message, {
    nodes,
    extensions: { code, ...extensions, http: { status: 400 } },
  });
}
