// scope-auth's per-request cache is dropped when an execution ends (see src/graphql/request-cache-release.ts),
// and kept while a streamed result is still resolving.
import { RequestCache } from '@pothos/plugin-scope-auth';
import { describe, expect, it } from 'vitest';
import { builder } from '../../src/graphql/builder.js';
import { useRequestCacheRelease } from '../../src/graphql/request-cache-release.js';

type Hooks = { onExecuteDone(payload: { result: unknown }): void };

function executionEnds(context: object, result: unknown) {
  const onExecute = useRequestCacheRelease().onExecute as (payload: { args: { contextValue: object } }) => Hooks;
  onExecute({ args: { contextValue: context } }).onExecuteDone({ result });
}

describe('request cache release', () => {
  it('drops the authorization cache of a context whose execution ended', () => {
    const context = { viewer: { kind: 'anonymous' } };
    const cache = RequestCache.fromContext(context, builder as never);
    expect(RequestCache.fromContext(context, builder as never)).toBe(cache);
    executionEnds(context, { data: { __typename: 'Query' } });
    expect(RequestCache.fromContext(context, builder as never)).not.toBe(cache);
  });

  it('keeps it while a streamed result still resolves fields', () => {
    const context = { viewer: { kind: 'anonymous' } };
    const cache = RequestCache.fromContext(context, builder as never);
    executionEnds(context, (async function* () {})());
    expect(RequestCache.fromContext(context, builder as never)).toBe(cache);
  });
});
