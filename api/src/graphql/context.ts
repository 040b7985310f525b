import type { Logger } from 'pino';
import type { PartnerScope } from '@kilde/store';
import type { AuthenticatedPartner } from '../auth/types';
import type { ChangeService } from '../changes/change-service';
import type { ContentService } from '../content/content-service';
import { Loaders } from '../content/loaders';
import type { MarkdownRenderer } from '../content/markdown-renderer';
import type { SearchProvider } from '../search/search-provider';
import { ServedItems } from '../usage/served-items';

/** Flags the request pipeline's plugins leave for the HTTP layer. */
export interface RequestFlags {
  /** Every error so far is a validation-phase error (parse, validation, limits, variables). */
  onlyRequestErrors: boolean;
  /** At least one error was seen. */
  sawErrors: boolean;
  /** An error came from an unavailable database: the HTTP layer answers 503. */
  unavailable?: boolean;
}

/** Per-request context handed to resolvers. Reads only the read store and the outbox. */
export interface ApiContext {
  partner: AuthenticatedPartner;
  content: ContentService;
  changes: ChangeService;
  loaders: Loaders;
  markdown: MarkdownRenderer;
  search: SearchProvider | undefined;
  served: ServedItems;
  flags: RequestFlags;
  /**
   * Scopes the request's operations needed (set by the plugin, read when caching a GET).
   * @remarks A shared object, like `flags` and `served`: Apollo Server shallow-copies the
   * context for each operation, so plain properties set during a request would be lost.
   */
  neededScopes: Set<PartnerScope>;
  logger: Logger;
  maxPageSize: number;
  /** Origin that relative media URLs (`/uploads/…`) resolve against; none leaves them relative. */
  mediaBaseUrl?: string;
}

/** Process-wide services the context is built from. */
export interface ContextServices {
  content: ContentService;
  changes: ChangeService;
  markdown: MarkdownRenderer;
  search: SearchProvider | undefined;
  logger: Logger;
  maxPageSize: number;
  mediaBaseUrl?: string;
}

/** Builds the context of one HTTP request (shared by the operations of a batch). */
export function createContext(services: ContextServices, partner: AuthenticatedPartner): ApiContext {
  return {
    ...services,
    partner,
    loaders: new Loaders(services.content.repo),
    served: new ServedItems(),
    flags: { onlyRequestErrors: true, sawErrors: false },
    neededScopes: new Set(),
  };
}
