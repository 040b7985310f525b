import { buildSchema, parse, validate, specifiedRules, type FragmentDefinitionNode, Kind, type OperationDefinitionNode } from 'graphql';
import { createDepthAndAliasRule, measureSelectionSet } from '../depth-and-alias-rule';

const schema = buildSchema(`
  type Node { id: ID! child: Node name: String }
  type Query { node: Node }
`);

function measure(source: string) {
  const doc = parse(source);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return measureSelectionSet(op!.selectionSet, (n) => fragments.get(n));
}

/** `{ node { child { … id } } }` with `levels` levels of fields. */
const nested = (levels: number): string => `{ node { ${'child { '.repeat(levels - 2)}id ${'} '.repeat(levels - 2)}} }`;

describe('measureSelectionSet', () => {
  it('counts field nesting, not inline fragments', () => {
    expect(measure('{ node { id } }').depth).toBe(2);
    expect(measure('{ node { ... on Node { child { id } } } }').depth).toBe(3);
    expect(measure(nested(11)).depth).toBe(11);
  });

  it('expands fragments and counts each spread’s aliases', () => {
    const m = measure('fragment F on Node { a: id b: name } { node { ...F child { ...F } } x: node { id } }');
    expect(m.aliases).toBe(5);
    expect(m.depth).toBe(3);
  });

  it('stays linear on fragments that spread each other twice per level', () => {
    const levels = 40;
    const defs = Array.from({ length: levels }, (_, i) => `fragment F${i} on Node { ${i + 1 < levels ? `...F${i + 1} ...F${i + 1}` : 'a: id'} }`).join('\n');
    const started = Date.now();
    const m = measure(`${defs}\n{ node { ...F0 } }`);
    expect(Date.now() - started).toBeLessThan(500);
    expect(m.aliases).toBe(1_000_000);
  });

  it('ignores introspection and survives fragment cycles', () => {
    expect(measure('{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }').depth).toBe(0);
    expect(measure('fragment A on Node { ...B } fragment B on Node { ...A } { node { ...A } }').depth).toBe(1);
  });
});

describe('createDepthAndAliasRule', () => {
  const rule = createDepthAndAliasRule({ maxDepth: 10, maxAliases: 30 });
  const codes = (source: string): unknown[] => validate(schema, parse(source), [...specifiedRules, rule]).map((e) => e.extensions.code);

  it('accepts the limits exactly', () => {
    expect(codes(nested(10))).toEqual([]);
    expect(codes(`{ ${Array.from({ length: 30 }, (_, i) => `a${i}: node { id }`).join(' ')} }`)).toEqual([]);
  });

  it('reports QUERY_TOO_DEEP and TOO_MANY_ALIASES', () => {
    expect(codes(nested(11))).toEqual(['QUERY_TOO_DEEP']);
    expect(codes(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: node { id }`).join(' ')} }`)).toEqual(['TOO_MANY_ALIASES']);
  });
});
