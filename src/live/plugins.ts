// Yoga plugins of the live layer: the hub rides on each request's context, and every mutation wakes the
// outbox readers of all instances (the change is committed by then, so subscribers get it within one
// outbox read instead of one poll interval).
import type { DefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { LiveHub } from './hub.js';

const HUB = Symbol('liveHub');

export function useLiveHub(hub: LiveHub): Plugin {
  return {
    onContextBuilding({ extendContext }) {
      extendContext({ [HUB]: hub } as never);
    },
    onExecute({ args }) {
      const mutation = args.document.definitions.some((definition: DefinitionNode) => definition.kind === 'OperationDefinition' && definition.operation === 'mutation');
      if (!mutation) return;
      return { onExecuteDone: () => hub.notifyChange() };
    },
    // Ends every open subscription stream when the gateway stops.
    onDispose: () => hub.close(),
  };
}

export function liveHubOf(context: object): LiveHub {
  const hub = (context as { [HUB]?: LiveHub })[HUB];
  if (!hub) throw new Error('The live hub is not installed on this gateway');
  return hub;
}
