// The complexity limit (Pothos' measure: fields cost 1, lists ten times their selection, connections their
// page size times their selection; see page-size.ts) is checked once per operation, before it executes, rather
// than in every root field. Nothing in the measure reads the request's context, so an operation without
// variables measures the same on every request: it is measured once per parsed document (yoga's parser cache
// gives every request of a query the same AST). An operation with variables is measured with them each time.
import { PothosValidationError } from '@pothos/core';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { getOperationAST, GraphQLError, Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { toClientError } from './errors.js';

export interface Complexity {
  complexity: number;
  depth: number;
  breadth: number;
}

/** The first limit a measure exceeds, as Pothos words it; undefined when it is within all of them. */
export function complexityProblem(measure: Complexity, max: Complexity): string | undefined {
  if (measure.depth > max.depth) return `Query exceeds maximum depth (depth: ${measure.depth}, max: ${max.depth})`;
  if (measure.breadth > max.breadth) return `Query exceeds maximum breadth (breadth: ${measure.breadth}, max: ${max.breadth})`;
  if (measure.complexity > max.complexity) {
    return `Query exceeds maximum complexity (complexity: ${measure.complexity}, max: ${max.complexity})`;
  }
  return undefined;
}

function measureOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, context: object): Complexity {
  // complexityFromQuery measures a document's first operation: hand it the one that runs.
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  return complexityFromQuery({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments] }, { schema, variables, ctx: context });
}

// The answer ends here, before the plugins that mask errors see it: it is made the client's error here, by the
// rule every Pothos validation error follows (errors.ts; such an error is never an unexpected one).
const refused = (message: string) => toClientError(new PothosValidationError(message), () => {});

interface OperationArgs {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
  contextValue?: unknown;
}

export function useComplexityLimit(max: Complexity): Plugin {
  const withoutVariables = new WeakMap<OperationDefinitionNode, Complexity>();
  /** Why this operation may not run, if it may not. */
  const refusal = (args: OperationArgs): GraphQLError | undefined => {
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation) return undefined; // the executor reports it
    let measure = withoutVariables.get(operation);
    if (!measure) {
      try {
        measure = measureOperation(args.schema, args.document, operation, args.variableValues ?? {}, (args.contextValue ?? {}) as object);
      } catch (error) {
        // Arguments the measure could not read (a malformed id, say): the client's mistake, told as Pothos tells it.
        if (error instanceof PothosValidationError) return refused(error.message);
        if (error instanceof GraphQLError) return undefined; // variables that do not fit: the executor reports them
        throw error;
      }
      if (!operation.variableDefinitions?.length) withoutVariables.set(operation, measure);
    }
    const problem = complexityProblem(measure, max);
    return problem ? refused(problem) : undefined;
  };
  const stopIfRefused = ({ args, setResultAndStopExecution }: { args: OperationArgs; setResultAndStopExecution(result: { errors: GraphQLError[] }): void }) => {
    const error = refusal(args);
    if (error) setResultAndStopExecution({ errors: [error] });
  };
  return { onExecute: stopIfRefused, onSubscribe: stopIfRefused };
}
