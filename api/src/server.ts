import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { migrationStatus } from '@kilde/store';
import { typeDefs } from './graphql/type-defs';
import { resolvers } from './graphql/resolvers';
import { createContext, type ApiContext } from './graphql/context';
import { readBody } from './http/read-body';
import { HttpError } from './http/http-error';
import { ApiErrorCode } from './http/error-codes';

export interface ApiServerOptions {
  knex: Knex;
  logger: Logger;
}

export interface ApiServer {
  server: Server;
  /** Listens and resolves with the base URL (`http://127.0.0.1:PORT`). */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const GRAPHQL_BODY_LIMIT = 1024 * 1024;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * Creates the partner API: a plain `node:http` server with Apollo Server executing GraphQL.
 * @remarks No web framework sits in between: every request pays only for what it uses, which
 * matters for the throughput target in issue #5.
 */
export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { knex, logger } = options;
  const apollo = new ApolloServer<ApiContext>({
    typeDefs,
    resolvers,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    logger: {
      debug: (m) => logger.debug(m),
      info: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
    formatError(formatted, error) {
      const code = formatted.extensions?.code;
      if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
        logger.error({ err: error }, 'GraphQL internal error');
        return { message: 'Internal server error', extensions: { code: ApiErrorCode.Internal } };
      }
      return formatted;
    },
  });
  await apollo.start();

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const text = await readBody(req, GRAPHQL_BODY_LIMIT);
      try {
        body = text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        throw new HttpError(400, ApiErrorCode.BadRequest, 'Request body is not valid JSON');
      }
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => Promise.resolve(createContext(knex)),
    });
    const outHeaders: Record<string, string> = {};
    for (const [k, v] of result.headers) outHeaders[k] = v;
    res.writeHead(result.status ?? 200, outHeaders);
    if (result.body.kind === 'complete') res.end(result.body.string);
    else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  async function ready(res: ServerResponse): Promise<void> {
    try {
      await knex.raw('select 1');
      const status = await migrationStatus(knex);
      if (!status.current) {
        sendJson(res, 503, { status: 'unavailable', database: 'ok', migrations: { current: false, pending: status.pending } });
        return;
      }
      sendJson(res, 200, { status: 'ok', database: 'ok', migrations: { current: true } });
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'readiness check failed');
      sendJson(res, 503, { status: 'unavailable', database: 'unreachable' });
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = async (): Promise<void> => {
      switch (url.pathname) {
        case '/healthz':
          return sendJson(res, 200, { status: 'ok' });
        case '/readyz':
          return ready(res);
        case '/graphql':
          return graphql(req, res, url);
        default:
          throw new HttpError(404, ApiErrorCode.NotFound, `No route for ${url.pathname}`);
      }
    };
    route().catch((err: unknown) => {
      if (err instanceof HttpError) {
        sendJson(res, err.status, { error: { code: err.code, message: err.message } });
        return;
      }
      logger.error({ err }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: { code: ApiErrorCode.Internal, message: 'Internal server error' } });
      else res.destroy();
    });
  });

  return {
    server,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolveListen, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          resolveListen(`http://${host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`);
        });
      });
    },
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await apollo.stop();
    },
  };
}
