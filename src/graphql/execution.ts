// The executor for queries: graphql-js's execution algorithm (the same results, errors and null propagation;
// only a value of the wrong type is not printed in its error), minus the work it does for fields that need
// none. A field whose resolver no plugin wrapped and that only reads its parent's property (Pothos `expose*`
// fields and fields without a resolver) is read straight off the parent: no resolve info, arguments object,
// path or promise check per row. Every other field runs its real, wrapped resolver with graphql-js's own
// resolve info and paths, so authorization, plugin-prisma's loader mappings and redaction run as under
// graphql-js.
//
// scope-auth checks a type's scopes in each of its fields' resolvers unless the type says `runScopesOnType`
// (then once per object, in isTypeOf, which this executor calls as graphql-js does): only such types, and
// types without scopes, have plain fields.
//
// Values the lean reader rendered as JSON text for a field's selection (src/read/rendered-json.ts) are
// spliced into the result for exactly the field nodes they were rendered for: a relation's value, a bare
// relation field's value without its resolver, and a whole row once its type's isTypeOf passed. The result
// then serializes itself (rendered-response.ts).
import {
  GraphQLError,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  locatedError,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type GraphQLAbstractType,
  type GraphQLField,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
  getOperationAST,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { selectionsVaryWithVariables } from '../selections-vary.js';
import { bareRelation, plainRead } from '../plain-fields.js';
import { acceptRenderedJson, RENDERED_ROW, RenderedJson } from '../read/rendered-json.js';
import { RenderedValues, splicedInto } from './rendered-response.js';
import { collectFields, collectSubfields } from 'graphql/execution/collectFields.js';
import { buildExecutionContext, buildResolveInfo, getFieldDef, type ExecutionContext } from 'graphql/execution/execute.js';
import { getArgumentValues } from 'graphql/execution/values.js';
import { addPath, pathToArray, type Path } from 'graphql/jsutils/Path.js';

type FieldNodes = readonly FieldNode[];
type Fields = Map<string, FieldNodes>;

interface Selections {
  /** Sub-selections by field nodes and runtime type. */
  subfields: WeakMap<FieldNodes, Map<GraphQLObjectType, Fields>>;
  roots?: Fields;
}

/** graphql-js's error list of an execution (not in its exported types). */
interface CollectedErrors {
  add(error: GraphQLError, path: Path | undefined): void;
  errors: GraphQLError[];
}

interface Execution {
  context: ExecutionContext;
  errors: CollectedErrors;
  selections: Selections;
  /** Argument values by field node: the same for every row of a list (as the variables are). */
  args: Map<FieldNode, { field: GraphQLField<unknown, unknown>; values: Record<string, unknown> }>;
  /** The rendered JSON values in the result, spliced in when it is serialized (rendered-response.ts). */
  rendered: RenderedValues;
}

const sharedSelections = new WeakMap<OperationDefinitionNode, Selections>();

/**
 * Executes a query like graphql-js's `execute`; other operations are not its job. A request whose variables
 * do not coerce goes to `refuse` (yoga's executor, whose errors yoga answers with HTTP 400).
 */
export function executeQuery<Result>(args: ExecutionArgs, refuse: (args: ExecutionArgs) => Result): ExecutionResult | Promise<ExecutionResult> | Result {
  const context = buildExecutionContext(args);
  if (!('schema' in context)) return refuse(args);
  const { operation, schema } = context;
  if (operation.operation !== 'query') throw new Error('executeQuery runs queries only');
  const errors = (context as unknown as { collectedErrors: CollectedErrors }).collectedErrors;
  const execution: Execution = { context, errors, selections: selectionsOf(context), args: new Map(), rendered: new RenderedValues() };
  acceptRenderedJson(context.variableValues);
  const respond = (data: unknown): ExecutionResult =>
    splicedInto(
      errors.errors.length === 0 ? { data: data as ExecutionResult['data'] } : { errors: errors.errors, data: data as ExecutionResult['data'] },
      execution.rendered,
    );
  try {
    const rootType = schema.getQueryType()!;
    const rootFields = rootFieldsOf(execution, rootType);
    const data = executeFields(execution, rootType, context.rootValue, undefined, rootFields);
    if (isThenable(data)) {
      return data.then(respond, (error: GraphQLError) => {
        errors.add(error, undefined);
        return respond(null);
      });
    }
    return respond(data);
  } catch (error) {
    errors.add(error as GraphQLError, undefined);
    return respond(null);
  }
}

/**
 * The operation's collected selections, kept for every request when they cannot vary with the variables. Its
 * root fields are then the same field nodes in every request too, which resolvers may key their own caches on
 * (plugin-prisma, src/read/columns.ts).
 */
function selectionsOf({ operation, fragments }: ExecutionContext): Selections {
  if (selectionsVaryWithVariables(operation, fragments)) return { subfields: new WeakMap() }; // this request's own
  let selections = sharedSelections.get(operation);
  if (!selections) sharedSelections.set(operation, (selections = { subfields: new WeakMap() }));
  return selections;
}

function rootFieldsOf(execution: Execution, rootType: GraphQLObjectType): Fields {
  const { schema, fragments, variableValues, operation } = execution.context;
  return (execution.selections.roots ??= collectFields(schema, fragments, variableValues, rootType, operation.selectionSet));
}

function executeFields(execution: Execution, parentType: GraphQLObjectType, source: unknown, path: Path | undefined, fields: Fields): unknown {
  // A plain object (not graphql-js's null-prototype one): V8 builds and stringifies it several times faster.
  const results: Record<string, unknown> = {};
  let pending: Promise<void>[] | undefined;
  try {
    for (const [responseName, fieldNodes] of fields) {
      const result = executeField(execution, parentType, source, fieldNodes, path, responseName);
      if (result === undefined) continue;
      setResult(results, responseName, result);
      if (isThenable(result)) {
        (pending ??= []).push(
          result.then((value) => setResult(results, responseName, value)),
        );
      }
    }
  } catch (error) {
    // As graphql-js does: fields already started settle before the error propagates.
    if (pending) {
      return Promise.allSettled(pending).then(() => {
        throw error;
      });
    }
    throw error;
  }
  if (!pending) return results;
  // Like graphql-js's promiseForObject: every field settled, or the first error.
  return Promise.all(pending).then(() => results);
}

/** `results[name] = value`, also for a field aliased `__proto__` (which would set a plain object's prototype). */
function setResult(results: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') Object.defineProperty(results, name, { value, enumerable: true, writable: true, configurable: true });
  else results[name] = value;
}

function executeField(
  execution: Execution,
  parentType: GraphQLObjectType,
  source: unknown,
  fieldNodes: FieldNodes,
  parentPath: Path | undefined,
  responseName: string,
): unknown {
  const { context } = execution;
  const field = getFieldDef(context.schema, parentType, fieldNodes[0]!) as GraphQLField<unknown, unknown> | undefined;
  if (!field) return undefined;
  const relation = bareRelation(field, parentType);
  if (relation !== null) {
    const value = (source as Record<string, unknown>)[relation];
    if (value instanceof RenderedJson && value.renderedFor(fieldNodes)) return execution.rendered.add(value.text);
  }
  const read = plainRead(field);
  const returnType = field.type;
  if (read !== null) {
    const value = (source as Record<string, unknown>)[read];
    // A function-valued property is called by graphql's default resolver: leave that to the general path.
    if (typeof value !== 'function') {
      try {
        return completeLeaf(returnType, value, parentType, field);
      } catch (rawError) {
        const path = addPath(parentPath, responseName, parentType.name);
        return handleFieldError(execution, locatedError(rawError, fieldNodes, pathToArray(path)), returnType, path);
      }
    }
  }
  const path = addPath(parentPath, responseName, parentType.name);
  const info = buildResolveInfo(context, field, fieldNodes, parentType, path);
  try {
    const args = field.args.length === 0 ? {} : argumentsOf(execution, field, fieldNodes[0]!);
    const resolve = field.resolve ?? context.fieldResolver;
    const result = resolve(source, args, context.contextValue, info);
    const completed = isThenable(result)
      ? result.then((resolved) => completeValue(execution, returnType, fieldNodes, info, path, resolved))
      : completeValue(execution, returnType, fieldNodes, info, path, result);
    if (isThenable(completed)) {
      return completed.then(undefined, (rawError) => handleFieldError(execution, locatedError(rawError, fieldNodes, pathToArray(path)), returnType, path));
    }
    return completed;
  } catch (rawError) {
    return handleFieldError(execution, locatedError(rawError, fieldNodes, pathToArray(path)), returnType, path);
  }
}

function argumentsOf(execution: Execution, field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
  const cached = execution.args.get(node);
  if (cached?.field === field) return cached.values;
  const values = getArgumentValues(field, node, execution.context.variableValues);
  if (!cached) execution.args.set(node, { field, values });
  return values;
}

function handleFieldError(execution: Execution, error: GraphQLError, returnType: GraphQLOutputType, path: Path): null {
  if (isNonNullType(returnType)) throw error;
  execution.errors.add(error, path);
  return null;
}

/** completeValue for a plain field's scalar or enum (the messages are graphql-js's). */
function completeLeaf(type: GraphQLOutputType, value: unknown, parentType: GraphQLObjectType, field: GraphQLField<unknown, unknown>): unknown {
  if (value instanceof Error) throw value;
  if (isNonNullType(type)) {
    const completed = completeLeaf(type.ofType, value, parentType, field);
    if (completed === null) throw new Error(`Cannot return null for non-nullable field ${parentType.name}.${field.name}.`);
    return completed;
  }
  return value == null ? null : serializeLeaf(type as GraphQLLeafType, value);
}

function serializeLeaf(type: GraphQLLeafType, value: unknown): unknown {
  const serialized = type.serialize(value);
  if (serialized == null) throw new Error(`Expected \`${type.name}.serialize(${String(value)})\` to return non-nullable value, returned: ${String(serialized)}`);
  return serialized;
}

function completeValue(
  execution: Execution,
  returnType: GraphQLOutputType,
  fieldNodes: FieldNodes,
  info: GraphQLResolveInfo,
  path: Path,
  result: unknown,
): unknown {
  if (result instanceof Error) throw result;
  if (isNonNullType(returnType)) {
    const completed = completeValue(execution, returnType.ofType, fieldNodes, info, path, result);
    if (completed === null) throw new Error(`Cannot return null for non-nullable field ${info.parentType.name}.${info.fieldName}.`);
    return completed;
  }
  if (result == null) return null;
  if (result instanceof RenderedJson) {
    // Rendered by the lean reader for this field's selection: its whole completed value (rendered-json.ts).
    if (!result.renderedFor(fieldNodes)) throw new Error(`${info.parentType.name}.${info.fieldName}: JSON rendered for another selection`);
    return execution.rendered.add(result.text);
  }
  if (isListType(returnType)) return completeList(execution, returnType.ofType, fieldNodes, info, path, result);
  if (isLeafType(returnType)) return serializeLeaf(returnType, result);
  if (isAbstractType(returnType)) return completeAbstract(execution, returnType, fieldNodes, info, path, result);
  return completeObject(execution, returnType as GraphQLObjectType, fieldNodes, info, path, result);
}

function completeList(
  execution: Execution,
  itemType: GraphQLOutputType,
  fieldNodes: FieldNodes,
  info: GraphQLResolveInfo,
  path: Path,
  result: unknown,
): unknown {
  if (!isIterable(result)) throw new GraphQLError(`Expected Iterable, but did not find one for field "${info.parentType.name}.${info.fieldName}".`);
  let containsPromise = false;
  const completed = Array.from(result, (item, index) => {
    const itemPath = addPath(path, index, undefined);
    try {
      const value = isThenable(item)
        ? item.then((resolved) => completeValue(execution, itemType, fieldNodes, info, itemPath, resolved))
        : completeValue(execution, itemType, fieldNodes, info, itemPath, item);
      if (isThenable(value)) {
        containsPromise = true;
        return value.then(undefined, (rawError) =>
          handleFieldError(execution, locatedError(rawError, fieldNodes, pathToArray(itemPath)), itemType, itemPath),
        );
      }
      return value;
    } catch (rawError) {
      return handleFieldError(execution, locatedError(rawError, fieldNodes, pathToArray(itemPath)), itemType, itemPath);
    }
  });
  return containsPromise ? Promise.all(completed) : completed;
}

function completeAbstract(
  execution: Execution,
  returnType: GraphQLAbstractType,
  fieldNodes: FieldNodes,
  info: GraphQLResolveInfo,
  path: Path,
  result: unknown,
): unknown {
  const { context } = execution;
  const resolveType = returnType.resolveType ?? context.typeResolver;
  const runtimeType = resolveType(result, context.contextValue, info, returnType);
  const complete = (name: unknown) =>
    completeObject(execution, runtimeObjectType(execution, name, returnType, fieldNodes, info), fieldNodes, info, path, result);
  return isThenable(runtimeType) ? runtimeType.then(complete) : complete(runtimeType);
}

function runtimeObjectType(execution: Execution, name: unknown, returnType: GraphQLAbstractType, fieldNodes: FieldNodes, info: GraphQLResolveInfo): GraphQLObjectType {
  const at = `for field "${info.parentType.name}.${info.fieldName}"`;
  if (name == null) {
    throw new GraphQLError(
      `Abstract type "${returnType.name}" must resolve to an Object type at runtime ${at}. Either the "${returnType.name}" type should provide a "resolveType" function or each possible type should provide an "isTypeOf" function.`,
      { nodes: fieldNodes },
    );
  }
  if (typeof name !== 'string') throw new GraphQLError(`Abstract type "${returnType.name}" must resolve to an Object type at runtime ${at}, received "${String(name)}".`);
  const runtimeType = execution.context.schema.getType(name);
  if (runtimeType == null) throw new GraphQLError(`Abstract type "${returnType.name}" was resolved to a type "${name}" that does not exist inside the schema.`, { nodes: fieldNodes });
  if (!isObjectType(runtimeType)) throw new GraphQLError(`Abstract type "${returnType.name}" was resolved to a non-object type "${name}".`, { nodes: fieldNodes });
  if (!execution.context.schema.isSubType(returnType, runtimeType)) {
    throw new GraphQLError(`Runtime Object type "${runtimeType.name}" is not a possible type for "${returnType.name}".`, { nodes: fieldNodes });
  }
  return runtimeType;
}

function completeObject(
  execution: Execution,
  returnType: GraphQLObjectType,
  fieldNodes: FieldNodes,
  info: GraphQLResolveInfo,
  path: Path,
  result: unknown,
): unknown {
  if (returnType.isTypeOf) {
    const isTypeOf = returnType.isTypeOf(result, execution.context.contextValue, info);
    if (isThenable(isTypeOf)) {
      return isTypeOf.then((matches) => {
        if (!matches) throw wrongType(returnType, fieldNodes);
        return completeFields(execution, returnType, fieldNodes, path, result);
      });
    }
    if (!isTypeOf) throw wrongType(returnType, fieldNodes);
  }
  return completeFields(execution, returnType, fieldNodes, path, result);
}

/** An object's fields once its type's check passed: executed, or its row's rendered JSON (rendered-json.ts). */
function completeFields(execution: Execution, returnType: GraphQLObjectType, fieldNodes: FieldNodes, path: Path, result: unknown): unknown {
  const rendered = (result as { [RENDERED_ROW]?: unknown })[RENDERED_ROW];
  if (rendered instanceof RenderedJson && rendered.renderedFor(fieldNodes)) return execution.rendered.add(rendered.text);
  return executeFields(execution, returnType, result, path, subfields(execution, returnType, fieldNodes));
}

function wrongType(returnType: GraphQLObjectType, fieldNodes: FieldNodes): GraphQLError {
  // graphql-js prints the value here; a row may hold personal data, so only its type is named.
  return new GraphQLError(`Expected value of type "${returnType.name}" but got another value.`, { nodes: fieldNodes });
}

function subfields(execution: Execution, returnType: GraphQLObjectType, fieldNodes: FieldNodes): Fields {
  let byType = execution.selections.subfields.get(fieldNodes);
  if (!byType) execution.selections.subfields.set(fieldNodes, (byType = new Map()));
  let fields = byType.get(returnType);
  if (!fields) {
    const { schema, fragments, variableValues } = execution.context;
    byType.set(returnType, (fields = collectSubfields(schema, fragments, variableValues, returnType, fieldNodes)));
  }
  return fields;
}

function isThenable(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function';
}

/** Runs queries through executeQuery; mutations and subscriptions keep yoga's executor. */
export function useQueryExecution(): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation === 'query') setExecuteFn((queryArgs) => executeQuery(queryArgs, executeFn));
    },
  };
}
