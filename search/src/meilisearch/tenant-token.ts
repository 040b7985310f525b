import type { Locale } from '@kilde/schemas';
import type { TokenSearchRules } from './client';
import { loadMeilisearchToken } from './client';
import { quoteFilterValue } from './filter-expression';
import { wrapMeilisearchError } from './wrap-meilisearch-error';

/** What a widget token may search. */
export interface WidgetTokenScope {
  /** The search index (the alias `replaceAll` swaps into place). */
  indexUid: string;
  /** Locales the widget may see; all when omitted. */
  locales?: readonly Locale[];
}

/**
 * Search rules for the embeddable widget: only published documents, optionally only some
 * locales. Meilisearch adds the rule's filter to every search made with the token, so a
 * widget cannot lift it by sending its own filter.
 */
export function widgetSearchRules(scope: WidgetTokenScope): TokenSearchRules {
  const clauses = ['published = true'];
  if (scope.locales && scope.locales.length > 0) {
    clauses.push(`locale IN [${scope.locales.map(quoteFilterValue).join(', ')}]`);
  }
  return { [scope.indexUid]: { filter: clauses.join(' AND ') } };
}

/** Options for {@link createWidgetTenantToken}. */
export interface WidgetTokenOptions extends WidgetTokenScope {
  /** A search API key (never the master key); the token is signed with it. */
  apiKey: string;
  /** The uid of that API key. */
  apiKeyUid: string;
  /** Expiry; defaults to one hour from now. Widgets fetch a fresh token from the API. */
  expiresAt?: Date;
}

/**
 * Signs a Meilisearch tenant token for the widget with `generateTenantToken` from the official
 * client: the token carries {@link widgetSearchRules} and an expiry, and is generated on the
 * server (it embeds nothing secret, but signing needs the API key).
 */
export async function createWidgetTenantToken(options: WidgetTokenOptions): Promise<string> {
  try {
    const { generateTenantToken } = await loadMeilisearchToken();
    return await generateTenantToken({
      apiKey: options.apiKey,
      apiKeyUid: options.apiKeyUid,
      searchRules: widgetSearchRules(options),
      expiresAt: options.expiresAt ?? new Date(Date.now() + 60 * 60 * 1000),
      algorithm: 'HS256',
    });
  } catch (error) {
    throw wrapMeilisearchError(error, 'tenant token generation');
  }
}
