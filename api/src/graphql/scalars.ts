import { GraphQLError, GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseString(pattern: RegExp, what: string) {
  return (value: unknown): string => {
    if (typeof value !== 'string' || !pattern.test(value) || Number.isNaN(Date.parse(value))) {
      throw new GraphQLError(`Expected ${what}, got ${JSON.stringify(value)}.`);
    }
    return value;
  };
}

const parseDateTime = parseString(DATE_TIME, 'an ISO 8601 date-time such as 2026-02-01T10:15:00Z');
const parseDate = parseString(DATE, 'a date such as 2026-02-01');

/** Instants are stored as ISO strings already; output passes them through. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (v) => (v instanceof Date ? v.toISOString() : String(v)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (v) => String(v),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
