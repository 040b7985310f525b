import {
  getArgumentValues,
  getVariableValues,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLAbstractType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * Thrown inside the fast path to give up on it: the operation is then executed by graphql-js,
 * which produces the spec's errors, partial data and null propagation.
 */
class Fallback extends Error {}

/** One field of a selection set for one concrete parent type, planned once per document. */
interface FieldPlan {
  readonly responseKey: string;
  readonly fieldName: string;
  readonly nodes: readonly FieldNode[];
  /** null for `__typename`. */
  readonly def: GraphQLField<unknown, unknown> | null;
  /** null when the field uses the default resolver (read the property). */
  readonly resolve: GraphQLFieldResolver<unknown, unknown> | null;
  readonly returnType: GraphQLOutputType;
  /** Argument values when they hold no variables (computed once), else undefined. */
  readonly staticArgs: Record<string, unknown> | undefined;
  readonly info: GraphQLResolveInfo;
  /** Sub-selections per concrete type, planned on first use. */
  readonly children: Map<string, FieldPlan[]>;
}

interface OperationPlan {
  readonly operation: OperationDefinitionNode;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  readonly root: FieldPlan[];
}

interface Execution {
  readonly schema: GraphQLSchema;
  readonly plan: OperationPlan;
  readonly variables: Record<string, unknown>;
  readonly context: unknown;
}

const plans = new WeakMap<DocumentNode, Map<string, OperationPlan | null>>();

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

function planFields(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  sets: readonly SelectionSetNode[],
  plan: Pick<OperationPlan, 'operation' | 'fragments'>,
): FieldPlan[] {
  const out: FieldPlan[] = [];
  const defs = type.getFields();
  for (const [responseKey, nodes] of collectFields(schema, type, sets, plan.fragments)) {
    const first = nodes[0];
    if (!first) continue;
    const fieldName = first.name.value;
    const def = fieldName === '__typename' ? null : defs[fieldName];
    if (def === undefined) throw new Fallback(`no field ${type.name}.${fieldName}`);
    const returnType = def ? def.type : (schema.getType('String') as GraphQLOutputType);
    const staticArgs = def && !(first.arguments ?? []).some((a) => hasVariables(a.value)) ? getArgumentValues(def, first, {}) : undefined;
    const info: GraphQLResolveInfo = {
      fieldName,
      fieldNodes: nodes,
      returnType,
      parentType: type,
      path: { prev: undefined, key: responseKey, typename: type.name },
      schema,
      fragments: plan.fragments as GraphQLResolveInfo['fragments'],
      rootValue: undefined,
      operation: plan.operation,
      // Per-request values are not known at plan time; Kilde's resolvers read `args` instead.
      variableValues: {},
    };
    out.push({ responseKey, fieldName, nodes, def, resolve: def?.resolve ?? null, returnType, staticArgs, info, children: new Map() });
  }
  return out;
}

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined | null): OperationPlan | null {
  let byName = plans.get(document);
  if (!byName) {
    byName = new Map();
    plans.set(document, byName);
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
  if (operation && operation.operation === 'query' && queryType && supported(operation.selectionSet, fragments, new Set())) {
    try {
      const base = { operation, fragments };
      result = { ...base, root: planFields(schema, queryType, [operation.selectionSet], base) };
    } catch (err) {
      if (!(err instanceof Fallback)) throw err;
    }
  }
  byName.set(key, result);
  return result;
}

type Thenable = PromiseLike<unknown>;
const isThenable = (v: unknown): v is Thenable => typeof v === 'object' && v !== null && typeof (v as Thenable).then === 'function';

function childPlans(exe: Execution, field: FieldPlan, type: GraphQLObjectType): FieldPlan[] {
  let plansForType = field.children.get(type.name);
  if (!plansForType) {
    const sets = field.nodes.map((n) => n.selectionSet).filter((s): s is SelectionSetNode => s !== undefined);
    plansForType = planFields(exe.schema, type, sets, exe.plan);
    field.children.set(type.name, plansForType);
  }
  return plansForType;
}

function completeValue(exe: Execution, field: FieldPlan, type: GraphQLOutputType, value: unknown): unknown {
  if (value instanceof Error) throw new Fallback(value.message);
  if (isNonNullType(type)) {
    if (value === null || value === undefined) throw new Fallback(`null for non-null ${field.fieldName}`);
    return completeValue(exe, field, type.ofType, value);
  }
  if (value === null || value === undefined) return null;
  if (isListType(type)) {
    if (!Array.isArray(value)) throw new Fallback('list is not an array');
    const itemType = type.ofType as GraphQLOutputType;
    const out = new Array<unknown>(value.length);
    let pending: Thenable[] | undefined;
    for (let i = 0; i < value.length; i += 1) {
      const item = value[i] as unknown;
      const completed = isThenable(item)
        ? item.then((v) => completeValue(exe, field, itemType, v))
        : completeValue(exe, field, itemType, item);
      if (isThenable(completed)) {
        const index = i;
        (pending ??= []).push(completed.then((v) => (out[index] = v)));
      } else out[i] = completed;
    }
    return pending ? Promise.all(pending).then(() => out) : out;
  }
  if (isLeafType(type)) {
    const serialized = type.serialize(value);
    if (serialized === undefined) throw new Fallback('leaf did not serialize');
    return serialized;
  }
  let objectType: GraphQLObjectType;
  if (isAbstractType(type)) {
    objectType = resolveRuntimeType(exe, field, type, value);
  } else if (isObjectType(type)) {
    objectType = type;
    if (type.isTypeOf && type.isTypeOf(value, exe.context, field.info) !== true) throw new Fallback('isTypeOf');
  } else throw new Fallback('unknown output type');
  return executeFields(exe, childPlans(exe, field, objectType), objectType, value);
}

function resolveRuntimeType(exe: Execution, field: FieldPlan, type: GraphQLAbstractType, value: unknown): GraphQLObjectType {
  const name = type.resolveType?.(value, exe.context, field.info, type);
  if (typeof name !== 'string') throw new Fallback('resolveType did not return a type name');
  const runtime = exe.schema.getType(name);
  if (!runtime || !isObjectType(runtime) || !exe.schema.isSubType(type, runtime)) throw new Fallback('bad runtime type');
  return runtime;
}

function executeFields(exe: Execution, fields: readonly FieldPlan[], type: GraphQLObjectType, source: unknown): unknown {
  const out: Record<string, unknown> = {};
  let pending: Thenable[] | undefined;
  for (const f of fields) {
    if (f.def === null) {
      out[f.responseKey] = type.name;
      continue;
    }
    let value: unknown;
    if (f.resolve) {
      const args = f.staticArgs ?? getArgumentValues(f.def, f.nodes[0] as FieldNode, exe.variables);
      value = f.resolve(source, args, exe.context, f.info);
    } else {
      value = (source as Record<string, unknown>)[f.fieldName];
      if (typeof value === 'function') throw new Fallback('method-valued field');
    }
    const key = f.responseKey;
    const completed = isThenable(value) ? value.then((v) => completeValue(exe, f, f.returnType, v)) : completeValue(exe, f, f.returnType, value);
    if (isThenable(completed)) {
      // Reserve the key now so the response keeps the selection order.
      out[key] = null;
      (pending ??= []).push(completed.then((v) => (out[key] = v)));
    } else out[key] = completed;
  }
  return pending ? Promise.all(pending).then(() => out) : out;
}

/**
 * Executes a query with a plan cached per parsed document, or returns null to let graphql-js do
 * it.
 * @remarks This is the "precompiled query plan" of issue #5: field collection, fragment
 * expansion, resolver and argument lookup happen once per document instead of once per object
 * per request, and no per-field path/info objects are allocated. It only takes the happy path:
 * introspection, directives, invalid variables, a resolver error or a null in a non-null
 * position make it return null, and graphql-js runs the operation with full spec semantics
 * (errors, partial results). Resolvers are read-only and DataLoader-cached, so a retried
 * operation costs little and has no side effects.
 */
export async function executeFast(args: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  context: unknown;
}): Promise<{ data: Record<string, unknown> } | null> {
  const plan = compile(args.schema, args.document, args.operationName);
  if (!plan) return null;
  const queryType = args.schema.getQueryType();
  if (!queryType) return null;
  const coerced = getVariableValues(args.schema, plan.operation.variableDefinitions ?? [], args.variables ?? {});
  if (coerced.errors) return null;
  const exe: Execution = { schema: args.schema, plan, variables: coerced.coerced, context: args.context };
  try {
    const data = await executeFields(exe, plan.root, queryType, undefined);
    return { data: data as Record<string, unknown> };
  } catch (err) {
    if (err instanceof Fallback) return null;
    // A resolver's own error: graphql-js will run it again and report it properly.
    return null;
  }
}
