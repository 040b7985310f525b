import { execute, parse, type GraphQLSchema } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { executeFast } from '../fast-executor';
import { RawJson, stringifyResult } from '../raw-json';

const typeDefs = `
  interface Thing { id: ID! }
  type Book implements Thing { id: ID! title: String! author: Person tags: [String!]! shout: String! }
  type Person implements Thing { id: ID! name: String pages: Int }
  enum Kind { paper_back hard_cover }
  type Query { things: [Thing!]! book(id: ID!): Book person: Person slow: Book broken: Book kind: Kind count: Int }
`;

const books = [
  { id: 'b1', title: 'Søvn', authorId: 'p1', tags: ['a', 'b'] },
  { id: 'b2', title: '"Sitat"\n', authorId: null, tags: [] },
];
const people = [{ id: 'p1', name: 'Kari', pages: 3 }];
let shoutCalls = 0;

const resolvers = {
  Thing: { __resolveType: (t: { title?: string }) => (t.title !== undefined ? 'Book' : 'Person') },
  Book: {
    author: (b: { authorId: string | null }) => Promise.resolve(people.find((p) => p.id === b.authorId) ?? null),
    shout: (b: { title: string }) => {
      shoutCalls += 1;
      return b.title.toUpperCase();
    },
  },
  Kind: { paper_back: 'paper-back', hard_cover: 'hard-cover' },
  Query: {
    things: () => [...books, ...people],
    book: (_: unknown, a: { id: string }) => books.find((b) => b.id === a.id) ?? null,
    person: () => people[0],
    slow: () => new Promise((r) => setTimeout(() => r(books[0]), 5)),
    broken: () => ({ id: 'x', title: null, tags: [] }),
    kind: () => 'hard-cover',
    count: () => 2,
  },
};

let schema: GraphQLSchema;
beforeAll(async () => {
  const apollo = new ApolloServer({ typeDefs, resolvers });
  await apollo.start();
  // The executable schema Apollo Server built from the SDL and resolvers (same as in production).
  type Internals = { _ensureStarted(): Promise<{ schemaManager: { getSchemaDerivedData(): { schema: GraphQLSchema } } }> };
  schema = (await (apollo as unknown as Internals)._ensureStarted()).schemaManager.getSchemaDerivedData().schema;
  await apollo.stop();
});

const options = { pureFields: new Set(['Book.shout']) };

async function both(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  const fast = await executeFast({ schema, document, variables, context: {}, options });
  const slow = await execute({ schema, document, variableValues: variables, contextValue: {} });
  return { fast: fast ? `{"data":${fast.data.json}}` : null, slow: JSON.stringify({ data: slow.data }), errors: slow.errors };
}

describe('executeFast', () => {
  it('writes exactly what graphql-js returns: aliases, fragments, interfaces, enums, escapes, async fields', async () => {
    const r = await both(`
      fragment P on Person { name pages }
      query Q($id: ID!) {
        things { __typename id ... on Book { title t: tags author { ...P } } ...P }
        b: book(id: $id) { title shout author { id } }
        none: book(id: "nope") { id }
        slow { id }
        kind count
      }`, { id: 'b2' });
    expect(r.errors).toBeUndefined();
    expect(r.fast).toBe(r.slow);
  });

  it('computes a pure field once per parent object (plans live as long as the parsed document)', async () => {
    shoutCalls = 0;
    const document = parse('{ things { ... on Book { shout } } }');
    const first = await executeFast({ schema, document, context: {}, options });
    expect(shoutCalls).toBe(2);
    const second = await executeFast({ schema, document, context: {}, options });
    expect(shoutCalls).toBe(2);
    expect(second?.data.json).toBe(first?.data.json);
  });

  it('hands over to graphql-js for errors, null in non-null, bad variables, directives, introspection', async () => {
    for (const [q, v] of [
      ['{ broken { id title } }', undefined],
      ['query($id: ID!) { book(id: $id) { id } }', {}],
      ['query($s: Boolean!) { count @skip(if: $s) }', { s: true }],
      ['{ __schema { queryType { name } } }', undefined],
      ['mutation { x }', undefined],
    ] as const) {
      expect(await executeFast({ schema, document: parse(q), variables: v, context: {}, options })).toBeNull();
    }
  });
});

describe('stringifyResult', () => {
  it('splices raw JSON data and stringifies anything else', () => {
    expect(stringifyResult({ data: new RawJson('{"a":1}') })).toBe('{"data":{"a":1}}\n');
    expect(stringifyResult({ errors: [{ message: 'x' }] })).toBe('{"errors":[{"message":"x"}]}\n');
    expect(JSON.stringify({ data: new RawJson('{"a":[1]}') })).toBe('{"data":{"a":[1]}}');
  });
});
