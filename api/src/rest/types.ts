import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { PartnerKeyService } from '../auth/partner-key-service';
import type { ContextServices } from '../graphql/context';
import type { RateLimiter } from '../rate-limit/types';
import type { SearchProvider } from '../search/search-provider';
import type { UsageRecorder } from '../usage/usage-recorder';
import type { CmsClient } from '../internal/cms-client';
import type { PublicSearchOptions } from '../public-search/types';
import type { QuestionsOptions } from '../questions/types';
import type { OperationContract } from './contract';

/** What every REST module gets from the server: the same services GraphQL uses. */
export interface RestContext {
  knex: Knex;
  logger: Logger;
  keys: PartnerKeyService;
  rateLimiter: RateLimiter;
  defaultRateLimitPerMinute: number;
  usage: UsageRecorder;
  services: ContextServices;
  search: SearchProvider | undefined;
  /** Directory for files the API keeps (`.data` in development). */
  dataDir: string | undefined;
  /** The internal channel to the CMS for writes that belong to it; absent when not configured. */
  cms: CmsClient | undefined;
  /** Settings of `/v1/search` (limits, proxy trust, analytics); defaults when absent. */
  publicSearch: PublicSearchOptions | undefined;
  /** Limits of the answer service's public endpoints; defaults when absent. */
  questions?: QuestionsOptions;
}

/** A matched request: the parsed URL and the named groups of the route's pattern. */
export interface RestRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** What `/openapi.json` documents for this method and path; absent for undocumented routes (pages). */
  contract?: OperationContract;
}

/**
 * One REST route. `pattern` matches the path only (`/v1/search`, `/v1/import/jobs/(?<id>[^/]+)`);
 * `methods` lists what it answers — other methods get 405, and `OPTIONS` goes to the handler
 * when it lists `OPTIONS` (CORS preflight), otherwise 405 too.
 */
export interface RestRoute {
  pattern: RegExp;
  methods: readonly string[];
  handle(request: RestRequest): Promise<void> | void;
  /**
   * The router refuses requests whose parameters break the OpenAPI document before the handler
   * runs. A route that must answer refusals itself (with CORS headers a browser can read) sets
   * this and calls `assertParameters` first thing instead.
   */
  checksContract?: 'in-handler';
}

/** A feature (search, import, questions, widget…) contributes routes built from the context. */
export type RestModule = (context: RestContext) => RestRoute[] | Promise<RestRoute[]>;
