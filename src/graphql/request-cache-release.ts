// scope-auth keeps each request's authorization cache in a WeakMap keyed by the request's context. V8's young
// generation collector keeps a WeakMap's values alive for as long as the entry exists, whatever happened to the
// key: every request's cache — and, through it, the context, the request and the rows it was checked on — was
// promoted to the old generation and waited there for a full collection (a mark-compact about every 0.4 s under
// load). Deleting the entry once the execution is done lets all of it die young. A cache asked for again later
// (nothing does) would simply be rebuilt.
import { RequestCache } from '@pothos/plugin-scope-auth';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

export function useRequestCacheRelease(): Plugin {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result }) {
          // A streamed result (incremental delivery) is still resolving fields: its cache stays.
          if (!isAsyncIterable(result)) RequestCache.clearForContext(args.contextValue);
        },
      };
    },
  };
}
