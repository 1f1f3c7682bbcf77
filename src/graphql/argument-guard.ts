// Checks every argument of the operation about to run — literals and variables alike — before any
// resolver does: strings PostgreSQL text cannot hold (NUL) and cursors that name no row of their
// connection would otherwise reach the database and fail there as internal errors.
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionArgs,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { FieldProblem } from '../errors.js';
import { cursorProblem } from './connection-cursors.js';

type Path = (string | number)[];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Paths of the strings (and JSON keys) inside a coerced argument value that hold a NUL character. */
function nulPaths(value: unknown, path: Path): Path[] {
  if (typeof value === 'string') return value.includes('\0') ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => nulPaths(item, [...path, index]));
  if (!isPlainObject(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...(key.includes('\0') ? [[...path, key]] : []),
    ...nulPaths(item, [...path, key]),
  ]);
}

interface ArgumentProblem extends FieldProblem {
  field: string;
  node: FieldNode;
}

/** A field of an operation that takes arguments, with its definition and the type it is read on. */
interface ArgumentSite {
  node: FieldNode;
  field: GraphQLField<unknown, unknown>;
  at: string;
}

/** Where an operation's arguments occur, and their problems once known when no variable can change them. */
interface OperationArguments {
  sites: ArgumentSite[];
  literalProblems?: ArgumentProblem[];
}

// Where arguments occur depends on the document and schema only: found once per parsed document (yoga's
// parser cache hands the same DocumentNode to every request with the same query), not walked per request.
// An operation without variables has only literals, so its problems are the same every time too.
const operationsCache = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, OperationArguments>>>();

function operationArguments(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): OperationArguments {
  let byDocument = operationsCache.get(schema);
  if (!byDocument) operationsCache.set(schema, (byDocument = new WeakMap()));
  let byOperation = byDocument.get(document);
  if (!byOperation) byDocument.set(document, (byOperation = new Map()));
  const key = operation.name?.value ?? '';
  let found = byOperation.get(key);
  if (!found) {
    const sites: ArgumentSite[] = [];
    const executed: DocumentNode = {
      ...document,
      definitions: [operation, ...document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)],
    };
    const typeInfo = new TypeInfo(schema);
    visit(
      executed,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const field = typeInfo.getFieldDef();
          if (field?.args.length) sites.push({ node, field, at: `${typeInfo.getParentType()?.name}.${field.name}` });
        },
      }),
    );
    byOperation.set(key, (found = { sites }));
  }
  return found;
}

function problemsAt(sites: ArgumentSite[], variables: Record<string, unknown>): ArgumentProblem[] {
  const problems: ArgumentProblem[] = [];
  for (const { node, field, at } of sites) {
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(field, node, variables);
    } catch {
      continue; // an invalid literal: validation has already refused it
    }
    for (const [name, value] of Object.entries(values)) {
      for (const path of nulPaths(value, [name])) {
        problems.push({ field: at, node, path, message: 'must not contain NUL (\\u0000) characters' });
      }
      const cursor = (name === 'after' || name === 'before') && typeof value === 'string' && cursorProblem(field, value);
      if (cursor) problems.push({ field: at, node, path: [name], message: cursor });
    }
  }
  return problems;
}

/** Problems in the arguments of the operation `args` runs; empty when its variables do not even coerce. */
export function argumentProblems({ schema, document, operationName, variableValues }: ExecutionArgs): ArgumentProblem[] {
  const operation = getOperationAST(document, operationName);
  if (!operation) return [];
  const found = operationArguments(schema, document, operation);
  if (!found.sites.length) return [];
  if (!operation.variableDefinitions?.length) return (found.literalProblems ??= problemsAt(found.sites, {}));
  const variables = getVariableValues(schema, operation.variableDefinitions, variableValues ?? {});
  // Variables that do not coerce are the executor's to report (HTTP 400 naming the variable).
  if (variables.errors) return [];
  return problemsAt(found.sites, variables.coerced);
}

/** Refuses an operation whose arguments the database cannot take, as one typed 400 error naming them. */
export function useArgumentGuard(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const problems = argumentProblems(args);
      if (!problems.length) return;
      const message = problems.map(({ field, path, message }) => `${field}(${path.join('.')}): ${message}`).join('; ');
      setResultAndStopExecution({
        errors: [
          new GraphQLError(message, {
            nodes: problems.map((problem) => problem.node),
            extensions: {
              code: 'VALIDATION_FAILED',
              problems: problems.map(({ path, message }) => ({ path, message })),
              http: { status: 400 },
            },
          }),
        ],
      });
    },
  };
}
