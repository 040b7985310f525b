import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  GraphQLString,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLAbstractType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { RawJson } from './raw-json';

/**
 * Thrown inside the fast path to give up on it: the operation is then executed by graphql-js,
 * which produces the spec's errors, partial data and null propagation.
 */
class Fallback extends Error {}

/** How to turn a resolved value into JSON, decided once per field from its GraphQL type. */
type Shape =
  | { kind: 'leaf'; nonNull: boolean; type: GraphQLLeafType; plainString: boolean }
  | { kind: 'list'; nonNull: boolean; item: Shape }
  | { kind: 'object'; nonNull: boolean; type: GraphQLObjectType }
  | { kind: 'abstract'; nonNull: boolean; type: GraphQLAbstractType };

/** One field of a selection set for one concrete parent type. */
interface FieldPlan {
  readonly responseKey: string;
  /** `"responseKey":`, ready to concatenate. */
  readonly keyJson: string;
  readonly fieldName: string;
  readonly nodes: readonly FieldNode[];
  /** null for `__typename`. */
  readonly def: GraphQLField<unknown, unknown> | null;
  /** null when the field uses the default resolver (read the property). */
  readonly resolve: GraphQLFieldResolver<unknown, unknown> | null;
  readonly shape: Shape;
  /** Argument values when they hold no variables (computed once), else undefined. */
  readonly staticArgs: Record<string, unknown> | undefined;
  readonly info: GraphQLResolveInfo;
  /** Sub-selections per concrete type (object or abstract fields). */
  readonly children: Map<string, ObjectPlan>;
  /** Its value and whole subtree depend only on the (immutable) parent object. */
  pure: boolean;
}

/** A run of fields written together: pure runs are serialized once per source object. */
type Segment = { kind: 'pure'; fields: FieldPlan[]; cache: WeakMap<object, string> } | { kind: 'dynamic'; field: FieldPlan };

/** A selection set for one concrete object type. */
interface ObjectPlan {
  readonly type: GraphQLObjectType;
  readonly fields: FieldPlan[];
  segments: Segment[];
  pure: boolean;
}

interface OperationPlan {
  readonly operation: OperationDefinitionNode;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  readonly root: ObjectPlan;
}

interface Execution {
  readonly schema: GraphQLSchema;
  readonly variables: Record<string, unknown>;
  readonly context: unknown;
}

/**
 * Marks an object built for one request (a connection, a page info, a search result): the fast
 * executor does not cache fragments keyed by it, which would only fill its weak maps with
 * entries that die with the request. Put it on a class prototype or on the object.
 */
export const EPHEMERAL: unique symbol = Symbol('kilde.ephemeral');

/** Options of the fast executor, fixed per schema. */
export interface FastExecutorOptions {
  /**
   * Schema coordinates (`Type.field`) whose resolvers are pure: synchronous, deterministic
   * functions of the parent object (and nothing request-specific). Default-resolved fields are
   * pure anyway. Their JSON is cached per parent object.
   */
  pureFields: ReadonlySet<string>;
}

function hasVariables(value: ValueNode): boolean {
  switch (value.kind) {
    case Kind.VARIABLE:
      return true;
    case Kind.LIST:
      return value.values.some(hasVariables);
    case Kind.OBJECT:
      return value.fields.some((f) => hasVariables(f.value));
    default:
      return false;
  }
}

/**
 * Whether the fast path can run this operation at all: queries without introspection and
 * without directives (`@skip`/`@include` make field sets depend on variables; rare for partners,
 * so they simply take the graphql-js path).
 */
function supported(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, seen: Set<string>): boolean {
  for (const sel of set.selections) {
    if (sel.directives && sel.directives.length > 0) return false;
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value === '__schema' || sel.name.value === '__type') return false;
      if (sel.selectionSet && !supported(sel.selectionSet, fragments, seen)) return false;
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      if (!supported(sel.selectionSet, fragments, seen)) return false;
    } else {
      const def = fragments[sel.name.value];
      if (!def) return false;
      if (seen.has(def.name.value)) continue;
      seen.add(def.name.value);
      if ((def.directives && def.directives.length > 0) || !supported(def.selectionSet, fragments, seen)) return false;
    }
  }
  return true;
}

function typeApplies(schema: GraphQLSchema, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = schema.getType(condition);
  return !!conditionType && isAbstractType(conditionType) && schema.isSubType(conditionType, type);
}

/** graphql-js's CollectFields for one concrete type, without directives (checked earlier). */
function collectFields(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  sets: readonly SelectionSetNode[],
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias?.value ?? sel.name.value;
        const list = fields.get(key);
        if (list) list.push(sel);
        else fields.set(key, [sel]);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (typeApplies(schema, sel.typeCondition?.name.value, type)) walk(sel.selectionSet);
      } else {
        const name = sel.name.value;
        const def = fragments[name];
        if (!def || visited.has(name)) continue;
        visited.add(name);
        if (typeApplies(schema, def.typeCondition.name.value, type)) walk(def.selectionSet);
      }
    }
  };
  for (const set of sets) walk(set);
  return fields;
}

const plainStringTypes = new Set(['String', 'ID', 'DateTime', 'Date']);

function shapeOf(type: GraphQLOutputType, nonNull = false): Shape {
  if (isNonNullType(type)) return shapeOf(type.ofType as GraphQLOutputType, true);
  if (isListType(type)) return { kind: 'list', nonNull, item: shapeOf(type.ofType) };
  if (isLeafType(type)) return { kind: 'leaf', nonNull, type, plainString: plainStringTypes.has(type.name) };
  if (isAbstractType(type)) return { kind: 'abstract', nonNull, type };
  if (isObjectType(type)) return { kind: 'object', nonNull, type };
  throw new Fallback('unknown output type');
}

class Planner {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly options: FastExecutorOptions,
    private readonly operation: OperationDefinitionNode,
    private readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  ) {}

  object(type: GraphQLObjectType, sets: readonly SelectionSetNode[]): ObjectPlan {
    const fields: FieldPlan[] = [];
    const defs = type.getFields();
    for (const [responseKey, nodes] of collectFields(this.schema, type, sets, this.fragments)) {
      const first = nodes[0];
      if (!first) continue;
      const fieldName = first.name.value;
      const def = fieldName === '__typename' ? null : defs[fieldName];
      if (def === undefined) throw new Fallback(`no field ${type.name}.${fieldName}`);
      const returnType = def ? def.type : GraphQLString;
      const staticArgs = def && !(first.arguments ?? []).some((a) => hasVariables(a.value)) ? getArgumentValues(def, first, {}) : undefined;
      const info: GraphQLResolveInfo = {
        fieldName,
        fieldNodes: nodes,
        returnType,
        parentType: type,
        path: { prev: undefined, key: responseKey, typename: type.name },
        schema: this.schema,
        fragments: this.fragments,
        rootValue: undefined,
        operation: this.operation,
        // Per-request values are not known at plan time; Kilde's resolvers read `args` instead.
        variableValues: {},
      };
      const resolve = def?.resolve ?? null;
      const field: FieldPlan = {
        responseKey,
        keyJson: `${JSON.stringify(responseKey)}:`,
        fieldName,
        nodes,
        def,
        resolve,
        shape: shapeOf(returnType),
        staticArgs,
        info,
        children: new Map(),
        pure: !resolve || this.options.pureFields.has(`${type.name}.${fieldName}`),
      };
      // Plan every concrete type the field can return, so purity is known up front.
      const named = getNamedType(returnType);
      const childSets = nodes.map((n) => n.selectionSet).filter((s): s is SelectionSetNode => s !== undefined);
      const concrete = isAbstractType(named) ? this.schema.getPossibleTypes(named) : isObjectType(named) ? [named] : [];
      for (const t of concrete) {
        const child = this.object(t, childSets);
        field.children.set(t.name, child);
        if (!child.pure) field.pure = false;
      }
      fields.push(field);
    }
    const segments: Segment[] = [];
    for (const f of fields) {
      const last = segments[segments.length - 1];
      if (!f.pure) segments.push({ kind: 'dynamic', field: f });
      else if (last?.kind === 'pure') last.fields.push(f);
      else segments.push({ kind: 'pure', fields: [f], cache: new WeakMap() });
    }
    return { type, fields, segments, pure: fields.every((f) => f.pure) };
  }
}

const plans = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, OperationPlan | null>>>();

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined | null, options: FastExecutorOptions): OperationPlan | null {
  let bySchema = plans.get(schema);
  if (!bySchema) {
    bySchema = new WeakMap();
    plans.set(schema, bySchema);
  }
  let byName = bySchema.get(document);
  if (!byName) {
    byName = new Map();
    bySchema.set(document, byName);
  }
  const key = operationName ?? '';
  const cached = byName.get(key);
  if (cached !== undefined) return cached;
  let result: OperationPlan | null = null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  const operations: OperationDefinitionNode[] = [];
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
    else if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
  }
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  const queryType = schema.getQueryType();
  if (operation && operation.operation === OperationTypeNode.QUERY && queryType && supported(operation.selectionSet, fragments, new Set())) {
    try {
      const root = new Planner(schema, options, operation, fragments).object(queryType, [operation.selectionSet]);
      // The root object is per request; never cache it.
      root.pure = false;
      result = { operation, fragments, root };
    } catch (err) {
      if (!(err instanceof Fallback)) throw err;
    }
  }
  byName.set(key, result);
  return result;
}

type Out = string | Promise<string>;

/**
 * Joins parts with `+`, not `Array#join`: V8 builds `+` as a rope and flattens it once, when the
 * response is written, whereas `join` copies every nested level into a new flat string.
 */
function concat(open: string, parts: readonly string[], close: string): string {
  let out = open;
  for (let i = 0; i < parts.length; i += 1) out = i === 0 ? out + (parts[i] as string) : out + ',' + (parts[i] as string);
  return out + close;
}

function leafJson(shape: Extract<Shape, { kind: 'leaf' }>, value: unknown): string {
  if (shape.plainString && typeof value === 'string') return JSON.stringify(value);
  const serialized = shape.type.serialize(value);
  if (serialized === undefined) throw new Fallback('leaf did not serialize');
  return JSON.stringify(serialized);
}

function valueJson(exe: Execution, field: FieldPlan, shape: Shape, value: unknown): Out {
  if (value instanceof Promise) return (value as Promise<unknown>).then((v) => valueJson(exe, field, shape, v));
  if (value === null || value === undefined) {
    if (shape.nonNull) throw new Fallback(`null for non-null ${field.fieldName}`);
    return 'null';
  }
  if (value instanceof Error) throw new Fallback(value.message);
  switch (shape.kind) {
    case 'leaf':
      return leafJson(shape, value);
    case 'list': {
      if (!Array.isArray(value)) throw new Fallback('list is not an array');
      const parts = new Array<string>(value.length);
      let pending: Promise<unknown>[] | undefined;
      for (let i = 0; i < value.length; i += 1) {
        const out = valueJson(exe, field, shape.item, value[i]);
        if (typeof out === 'string') parts[i] = out;
        else {
          const index = i;
          (pending ??= []).push(out.then((s) => (parts[index] = s)));
        }
      }
      return pending ? Promise.all(pending).then(() => concat('[', parts, ']')) : concat('[', parts, ']');
    }
    case 'object': {
      const plan = field.children.get(shape.type.name);
      if (!plan) throw new Fallback('no plan');
      if (plan.type.isTypeOf && plan.type.isTypeOf(value, exe.context, field.info) !== true) throw new Fallback('isTypeOf');
      return objectJson(exe, plan, value);
    }
    case 'abstract': {
      const name = shape.type.resolveType?.(value, exe.context, field.info, shape.type);
      if (typeof name !== 'string') throw new Fallback('resolveType did not return a type name');
      const plan = field.children.get(name);
      if (!plan) throw new Fallback('bad runtime type');
      return objectJson(exe, plan, value);
    }
    default: {
      const unreachable: never = shape;
      throw new Fallback(`unknown shape ${String(unreachable)}`);
    }
  }
}

function fieldJson(exe: Execution, f: FieldPlan, type: GraphQLObjectType, source: unknown): Out {
  if (f.def === null) return `${f.keyJson}${JSON.stringify(type.name)}`;
  let value: unknown;
  if (f.resolve) {
    const args = f.staticArgs ?? getArgumentValues(f.def, f.nodes[0] as FieldNode, exe.variables);
    value = f.resolve(source, args, exe.context, f.info);
  } else {
    value = (source as Record<string, unknown>)[f.fieldName];
    if (typeof value === 'function') throw new Fallback('method-valued field');
  }
  const out = valueJson(exe, f, f.shape, value);
  return typeof out === 'string' ? f.keyJson + out : out.then((s) => f.keyJson + s);
}

/** The JSON of a pure run of fields for one source object: computed once, then reused. */
function pureJson(exe: Execution, seg: Extract<Segment, { kind: 'pure' }>, type: GraphQLObjectType, source: unknown): string {
  const cacheable = typeof source === 'object' && source !== null && (source as { [EPHEMERAL]?: boolean })[EPHEMERAL] !== true;
  if (cacheable) {
    const hit = seg.cache.get(source);
    if (hit !== undefined) return hit;
  }
  const parts: string[] = [];
  for (const f of seg.fields) {
    const out = fieldJson(exe, f, type, source);
    if (typeof out !== 'string') throw new Fallback(`pure field ${type.name}.${f.fieldName} returned a promise`);
    parts.push(out);
  }
  // Reusing the cached fragment links it into the response rope; nothing is copied until write.
  const json = concat('', parts, '');
  if (cacheable) seg.cache.set(source, json);
  return json;
}

function objectJson(exe: Execution, plan: ObjectPlan, source: unknown): Out {
  const parts = new Array<string>(plan.segments.length);
  let pending: Promise<unknown>[] | undefined;
  for (let i = 0; i < plan.segments.length; i += 1) {
    const seg = plan.segments[i] as Segment;
    if (seg.kind === 'pure') {
      parts[i] = pureJson(exe, seg, plan.type, source);
      continue;
    }
    const out = fieldJson(exe, seg.field, plan.type, source);
    if (typeof out === 'string') parts[i] = out;
    else {
      const index = i;
      (pending ??= []).push(out.then((s) => (parts[index] = s)));
    }
  }
  return pending ? Promise.all(pending).then(() => concat('{', parts, '}')) : concat('{', parts, '}');
}

/**
 * Executes a query with a plan cached per parsed document and writes the response JSON
 * directly, or returns null to let graphql-js do it.
 * @remarks The "precompiled query plan" and "stored JSON fragments" of issue #5:
 * - field collection, fragment expansion, type dispatch and resolver lookup happen once per
 *   document, not once per object per request;
 * - a run of *pure* fields (default-resolved, or listed in `pureFields`) is serialized once per
 *   parent object and reused: parent objects are parsed canonical documents (immutable per
 *   version) and views derived from them, so a fragment can never be stale. Fields that look
 *   things up (DataLoader), read the partner or the request are evaluated every time.
 * It only takes the happy path: introspection, directives, invalid variables, a resolver error
 * or a null in a non-null position make it return null, and graphql-js runs the operation with
 * full spec semantics (errors, partial results). Resolvers are read-only and DataLoader-cached,
 * so running an operation a second time costs little and changes nothing.
 */
export async function executeFast(args: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  context: unknown;
  options: FastExecutorOptions;
}): Promise<{ data: RawJson } | null> {
  const plan = compile(args.schema, args.document, args.operationName, args.options);
  if (!plan) return null;
  const coerced = getVariableValues(args.schema, plan.operation.variableDefinitions ?? [], args.variables ?? {});
  if (coerced.errors) return null;
  const exe: Execution = { schema: args.schema, variables: coerced.coerced, context: args.context };
  try {
    const json = await objectJson(exe, plan.root, undefined);
    return { data: new RawJson(json) };
  } catch {
    // A Fallback, or a resolver's own error: graphql-js runs the operation and reports it.
    return null;
  }
}
