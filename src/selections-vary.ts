// Whether an operation's selections can change with its variables: only @skip and @include can do that, in the
// operation or in the fragments it may spread. What is collected from an operation without them (the query
// executor's selections, the lean reader's columns) is kept for every request of it. Checked once per
// operation; shared by src/graphql and src/read, which may not import each other both ways.
import type { FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';

const answers = new WeakMap<OperationDefinitionNode, boolean>();

export function selectionsVaryWithVariables(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): boolean {
  let varies = answers.get(operation);
  if (varies === undefined) {
    const text = JSON.stringify([operation, fragments], (key, value) => (key === 'loc' ? undefined : value));
    answers.set(operation, (varies = text.includes('"Directive"')));
  }
  return varies;
}
