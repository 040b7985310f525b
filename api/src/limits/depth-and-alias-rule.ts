import {
  Kind,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { ApiErrorCode } from '../http/error-codes';
import { limitError } from './limit-error';

interface Measure {
  depth: number;
  aliases: number;
}

/**
 * Measures one selection set: how deep fields nest below it and how many aliased fields it holds,
 * with fragment spreads expanded (each spread counts again).
 * @remarks Fragments are measured once and memoised, so a document of fragments spreading each
 * other twice per level costs O(size) rather than O(2^levels). A fragment cycle measures as
 * empty here; `NoFragmentCyclesRule` reports it. Introspection (`__schema`, `__type`) is not
 * counted: its shape is fixed by the spec and cheap to answer.
 */
export function measureSelectionSet(
  set: SelectionSetNode,
  fragment: (name: string) => FragmentDefinitionNode | undefined,
  memo: Map<string, Measure> = new Map(),
  visiting: Set<string> = new Set(),
): Measure {
  let depth = 0;
  let aliases = 0;
  for (const sel of set.selections) {
    switch (sel.kind) {
      case Kind.FIELD: {
        if (sel.name.value === '__schema' || sel.name.value === '__type') break;
        if (sel.alias) aliases += 1;
        const inner = sel.selectionSet ? measureSelectionSet(sel.selectionSet, fragment, memo, visiting) : { depth: 0, aliases: 0 };
        depth = Math.max(depth, 1 + inner.depth);
        aliases += inner.aliases;
        break;
      }
      case Kind.INLINE_FRAGMENT: {
        const inner = measureSelectionSet(sel.selectionSet, fragment, memo, visiting);
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
        break;
      }
      case Kind.FRAGMENT_SPREAD: {
        const name = sel.name.value;
        let inner = memo.get(name);
        if (!inner) {
          const def = fragment(name);
          if (!def || visiting.has(name)) break;
          visiting.add(name);
          inner = measureSelectionSet(def.selectionSet, fragment, memo, visiting);
          visiting.delete(name);
          memo.set(name, inner);
        }
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
        break;
      }
      default: {
        const unreachable: never = sel;
        throw new TypeError(`Unknown selection ${String(unreachable)}`);
      }
    }
    // Numbers only grow; past any sane limit there is nothing left to learn.
    if (aliases > 1_000_000) aliases = 1_000_000;
  }
  return { depth, aliases };
}

/**
 * Validation rule for the depth and alias limits.
 * @remarks It runs in Apollo Server's validation phase, whose result is cached with the parsed
 * document, so a query string pays for it once, not on every request.
 */
export function createDepthAndAliasRule(limits: { maxDepth: number; maxAliases: number }): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(node) {
      const { depth, aliases } = measureSelectionSet(node.selectionSet, (name) => context.getFragment(name) ?? undefined);
      if (depth > limits.maxDepth) {
        context.reportError(
          limitError(
            ApiErrorCode.QueryTooDeep,
            `The query nests ${depth} levels deep; at most ${limits.maxDepth} are allowed.`,
            { depth, maximumDepth: limits.maxDepth },
            [node],
          ),
        );
      }
      if (aliases > limits.maxAliases) {
        context.reportError(
          limitError(
            ApiErrorCode.TooManyAliases,
            `The query uses ${aliases} aliases; at most ${limits.maxAliases} are allowed.`,
            { aliases, maximumAliases: limits.maxAliases },
            [node],
          ),
        );
      }
    },
  });
}
