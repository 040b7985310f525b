import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { PartnerScope } from '@kilde/store';

/** The scope each root field needs. Introspection and `__typename` need none. */
export const scopeOfRootField: Readonly<Record<string, PartnerScope>> = {
  article: 'read:content',
  articles: 'read:content',
  service: 'read:content',
  services: 'read:content',
  topics: 'read:content',
  organisations: 'read:content',
  changes: 'read:content',
  question: 'read:questions',
  questions: 'read:questions',
  search: 'search',
};

function collect(
  set: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  out: Set<PartnerScope>,
  seen: Set<string>,
): void {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const scope = scopeOfRootField[sel.name.value];
      if (scope) out.add(scope);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      collect(sel.selectionSet, fragments, out, seen);
    } else {
      const name = sel.name.value;
      const def = fragments.get(name);
      if (def && !seen.has(name)) {
        seen.add(name);
        collect(def.selectionSet, fragments, out, seen);
      }
    }
  }
}

const cache = new WeakMap<OperationDefinitionNode, ReadonlySet<PartnerScope>>();

/**
 * The scopes an operation needs: one per root field it selects (fragments included).
 * @remarks Directives are ignored on purpose: `questions @skip(if: $x)` still needs
 * `read:questions`, so the answer depends on the document only and is cached per operation.
 */
export function requiredScopes(document: DocumentNode, operation: OperationDefinitionNode): ReadonlySet<PartnerScope> {
  const cached = cache.get(operation);
  if (cached) return cached;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const out = new Set<PartnerScope>();
  collect(operation.selectionSet, fragments, out, new Set());
  cache.set(operation, out);
  return out;
}
