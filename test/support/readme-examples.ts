// The GraphQL examples of README.md, as a reader would paste them into GraphiQL. Each ```graphql block
// holds one operation or several one-line ones. A block that needs a caller says so in a comment line:
//   # as admin@toaks.example                                  → that seeded staff member's token
//   # as a partner with datasets:read:toaks-traffic-collisions → a new API key with those scopes
import { readFileSync } from 'node:fs';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';

export type ExampleCaller = { kind: 'anonymous' } | { kind: 'staff'; email: string } | { kind: 'partner'; scopes: string[] };

export interface ReadmeExample {
  /** The operation's source text, exactly as written in the README. */
  source: string;
  operation: OperationDefinitionNode;
  caller: ExampleCaller;
  /** 1-based line of the README where the operation starts. */
  line: number;
}

function callerOf(block: string): ExampleCaller {
  const partner = /^\s*#\s*as a partner(?: with (.+))?$/m.exec(block);
  if (partner) return { kind: 'partner', scopes: (partner[1] ?? '').split(/[\s,]+/).filter(Boolean) };
  const staff = /^\s*#\s*as (\S+@\S+)\s*$/m.exec(block);
  return staff ? { kind: 'staff', email: staff[1]! } : { kind: 'anonymous' };
}

export function readmeExamples(path: string): ReadmeExample[] {
  const readme = readFileSync(path, 'utf8');
  const examples: ReadmeExample[] = [];
  for (const match of readme.matchAll(/^```graphql\n([\s\S]*?)^```/gm)) {
    const block = match[1]!;
    const blockLine = readme.slice(0, match.index).split('\n').length + 1;
    const caller = callerOf(block);
    for (const definition of parse(block).definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) throw new Error(`README line ${blockLine}: only operations are runnable`);
      const source = block.slice(definition.loc!.start, definition.loc!.end);
      examples.push({ source, operation: definition, caller, line: blockLine + block.slice(0, definition.loc!.start).split('\n').length - 1 });
    }
  }
  return examples;
}
