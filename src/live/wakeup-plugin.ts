// After every mutation, wake the outbox readers of all instances: the change is committed by then, so
// subscribers get it within one outbox read instead of one poll interval.
import type { DefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { LiveHub } from './hub.js';

export function useOutboxWakeup(hub: LiveHub): Plugin {
  return {
    onExecute({ args }) {
      const mutation = args.document.definitions.some((definition: DefinitionNode) => definition.kind === 'OperationDefinition' && definition.operation === 'mutation');
      if (!mutation) return;
      return { onExecuteDone: () => hub.notifyChange() };
    },
  };
}
