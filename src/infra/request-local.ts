// Values a request computes once and reuses (its DataLoaders, shared reads), kept on the request's own context
// object. Not in a WeakMap keyed by the context: V8's young-generation collector keeps a WeakMap's values alive
// for as long as the entry exists, so each request's loaders — and the context, request and rows they
// reference — were promoted to the old generation and waited there for a full collection.

const LOCALS = Symbol('request locals');

type WithLocals = { [LOCALS]?: Map<symbol, unknown> };

/** A getter of one per-request value, created by `create` the first time a request asks for it. */
export function requestLocal<C extends object, T>(create: (context: C) => T): (context: C) => T {
  const key = Symbol();
  return (context) => {
    const locals = ((context as WithLocals)[LOCALS] ??= new Map());
    if (locals.has(key)) return locals.get(key) as T;
    const value = create(context);
    locals.set(key, value);
    return value;
  };
}
