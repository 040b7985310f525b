import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { requiredScopes } from '../required-scopes';

function scopes(source: string, name?: string): string[] {
  const doc = parse(source);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!name || d.name?.value === name));
  return [...requiredScopes(doc, op!)].sort();
}

describe('requiredScopes', () => {
  it('maps root fields to scopes', () => {
    expect(scopes('{ articles(locale: nb) { nodes { id } } topics(locale: nb) { id } }')).toEqual(['read:content']);
    expect(scopes('{ questions(locale: nb) { nodes { id } } }')).toEqual(['read:questions']);
    expect(scopes('{ search(query: "x", locale: nb) { totalHits } changes { nodes { id } } }')).toEqual(['read:content', 'search']);
    expect(scopes('{ __typename __schema { queryType { name } } }')).toEqual([]);
  });

  it('looks through fragments and ignores directives', () => {
    expect(scopes('fragment Q on Query { question(id: "1") { id } } { ...Q }')).toEqual(['read:questions']);
    expect(scopes('query($x: Boolean!) { ... on Query { questions(locale: nb) @skip(if: $x) { nodes { id } } } }')).toEqual(['read:questions']);
  });

  it('looks only at the chosen operation', () => {
    expect(scopes('query A { articles(locale: nb) { nodes { id } } } query B { search(query: "x", locale: nb) { totalHits } }', 'A')).toEqual(['read:content']);
  });
});
