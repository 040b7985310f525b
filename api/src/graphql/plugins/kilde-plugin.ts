import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLRequestListener } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { PartnerScope } from '@kilde/store';
import { requiredScopes } from '../../auth/required-scopes';
import { ApiErrorCode, requestErrorCodes } from '../../http/error-codes';
import { CostChecker, type CostOptions } from '../../limits/cost-analysis';
import { isDatabaseUnavailable } from '../../http/unavailable';
import type { ApiContext } from '../context';
import { executeFast, type FastExecutorOptions } from '../execution/fast-executor';

export interface KildePluginOptions extends CostOptions {
  /** Use the plan-caching executor (graphql-js remains the fallback). Default true. */
  fastExecution?: boolean;
  /** Fields the fast executor may serialize once per parent object. */
  pureFields: FastExecutorOptions['pureFields'];
}

/** Whether an error belongs to the validation phase (its code says so). */
function isRequestError(err: GraphQLError): boolean {
  const own = err.originalError instanceof GraphQLError ? err.originalError.extensions.code : undefined;
  const code = (typeof own === 'string' ? own : undefined) ?? err.extensions.code;
  return typeof code === 'string' && requestErrorCodes.has(code);
}

/**
 * Kilde's request pipeline inside Apollo Server, one listener per operation:
 * - scopes: the key must hold every scope the operation's root fields need (403);
 * - cost and `first`: checked once per (document, variables) and cached (400/200);
 * - execution: the plan-caching executor, falling back to graphql-js;
 * - flags for the HTTP layer (were all errors validation-phase errors?).
 * @remarks Depth and alias limits are validation rules instead (see `createDepthAndAliasRule`),
 * so Apollo caches their verdict with the parsed document.
 */
export function kildePlugin(options: KildePluginOptions): ApolloServerPlugin<ApiContext> {
  let costChecker: CostChecker | undefined;
  const fast = options.fastExecution !== false;
  const fastOptions: FastExecutorOptions = { pureFields: options.pureFields };

  const listener: GraphQLRequestListener<ApiContext> = {
    async didResolveOperation(rc) {
      const { document, operation, contextValue: ctx } = rc;
      // No such operation: Apollo Server answers that itself.
      if (!operation) return;
      const needed = requiredScopes(document, operation);
      for (const scope of needed) ctx.neededScopes.add(scope);
      const missing: PartnerScope[] = [];
      for (const scope of needed) if (!ctx.partner.scopes.has(scope)) missing.push(scope);
      if (missing.length > 0) {
        missing.sort();
        throw new GraphQLError(`This key lacks the scope${missing.length > 1 ? 's' : ''} ${missing.map((s) => `\`${s}\``).join(', ')} this operation needs.`, {
          extensions: { code: ApiErrorCode.InsufficientScope, requiredScopes: missing, http: { status: 403 } },
        });
      }
      costChecker ??= new CostChecker(rc.schema, options);
      const error = costChecker.check(document, rc.operationName ?? undefined, rc.request.variables);
      if (error) throw error;
      return Promise.resolve();
    },

    async responseForOperation(rc: GraphQLRequestContext<ApiContext>) {
      if (!fast || !rc.document) return null;
      const result = await executeFast({
        schema: rc.schema,
        document: rc.document,
        operationName: rc.request.operationName,
        variables: rc.request.variables,
        context: rc.contextValue,
        options: fastOptions,
      });
      if (!result) return null;
      // `data` is already JSON; `stringifyResult` splices it in (see raw-json.ts).
      const data = result.data as unknown as Record<string, unknown>;
      return { http: rc.response.http, body: { kind: 'single', singleResult: { data } } };
    },

    didEncounterErrors(rc) {
      const flags = rc.contextValue.flags;
      flags.sawErrors = true;
      if (!rc.errors.every(isRequestError)) flags.onlyRequestErrors = false;
      if (rc.errors.some(isDatabaseUnavailable)) flags.unavailable = true;
      return Promise.resolve();
    },
  };

  return {
    requestDidStart() {
      return Promise.resolve(listener);
    },
  };
}
