import { buildSchema, parse } from 'graphql';
import { typeDefs } from '../../graphql/type-defs';
import { checkCost, CostChecker } from '../cost-analysis';

const schema = buildSchema(typeDefs);
const options = { maxCost: 1000, maxPageSize: 100 };
const benchQuery = `query($first: Int) { articles(locale: nb, first: $first) { edges { cursor node { id title attribution { licence provider { name url } professionallyResponsible { name } } topics { id title } translations { locale id slug } } } pageInfo { hasNextPage endCursor } } }`;

describe('checkCost', () => {
  it('lets the usual listing through at every page size up to 100', () => {
    expect(checkCost(schema, parse(benchQuery), undefined, { first: 20 }, options)).toBeNull();
    expect(checkCost(schema, parse(benchQuery), undefined, { first: 100 }, options)).toBeNull();
  });

  it('refuses first above 100 with PAGE_SIZE_TOO_LARGE, and below 1 as bad input', () => {
    const tooLarge = checkCost(schema, parse(benchQuery), undefined, { first: 101 }, options);
    expect(tooLarge?.extensions).toMatchObject({ code: 'PAGE_SIZE_TOO_LARGE', maximum: 100, field: 'articles' });
    expect(checkCost(schema, parse('{ changes(first: 0) { nodes { id } } }'), undefined, {}, options)?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses an expensive query with QUERY_TOO_COMPLEX and says the cost', () => {
    const page = 'articles(locale: nb, first: 100) { nodes { body { html } jsonLd attribution { provider { name } } } }';
    const err = checkCost(schema, parse(`{ a: ${page} b: ${page} }`), undefined, {}, options);
    expect(err?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maximumCost: 1000 });
    expect(err?.extensions.cost).toBeGreaterThan(1000);
  });

  it('does not count introspection', () => {
    expect(checkCost(schema, parse('{ __schema { types { name fields { name type { name ofType { name } } } } } }'), undefined, {}, options)).toBeNull();
  });
});

describe('CostChecker', () => {
  it('remembers the verdict per document and variables', () => {
    const checker = new CostChecker(schema, options);
    const doc = parse(benchQuery);
    const a = checker.check(doc, undefined, { first: 500 });
    expect(checker.check(doc, undefined, { first: 500 })).toBe(a);
    expect(checker.check(doc, undefined, { first: 5 })).toBeNull();
  });
});
