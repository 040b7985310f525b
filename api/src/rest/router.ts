import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiErrorCode } from '../http/error-codes';
import { HttpError } from '../http/http-error';
import { contractError, createRequestContract } from './contract';
import { restModules } from './index';
import type { RestContext, RestRoute } from './types';

/** The REST side of the API: every module's routes, matched in registration order. */
export interface RestRouter {
  /** Handles the request and returns true, or returns false when no route's pattern matches. */
  dispatch(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> | false;
}

export async function createRestRouter(context: RestContext): Promise<RestRouter> {
  const routes: RestRoute[] = [];
  for (const module of restModules) routes.push(...(await module(context)));
  const documented = createRequestContract();
  return {
    dispatch(req, res, path) {
      for (const route of routes) {
        const match = route.pattern.exec(path);
        if (!match) continue;
        const method = req.method ?? 'GET';
        const allowed =
          route.methods.includes('GET') && !route.methods.includes('HEAD')
            ? [...route.methods, 'HEAD']
            : route.methods;
        if (!allowed.includes(method)) {
          return Promise.reject(
            new HttpError(
              405,
              ApiErrorCode.MethodNotAllowed,
              `${method} is not allowed on ${path}; use ${route.methods.join(', ')}`,
              {
                headers: { allow: allowed.join(', ') },
              },
            ),
          );
        }
        const url = new URL(req.url ?? '/', 'http://kilde.invalid');
        const params = { ...match.groups };
        const contract = method === 'OPTIONS' ? undefined : documented.operation(method, path);
        if (contract && route.checksContract !== 'in-handler') {
          const refusal = contractError(contract.parameterProblems(url, params));
          if (refusal) return Promise.reject(refusal);
        }
        return Promise.resolve(route.handle({ req, res, url, params, contract }));
      }
      return false;
    },
  };
}
