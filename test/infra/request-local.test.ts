// Per-request values live on the request's context object (src/infra/request-local.ts).
import { describe, expect, it } from 'vitest';
import { requestLocal } from '../../src/infra/request-local.js';

describe('requestLocal', () => {
  it('creates a value once per context and keeps it on that context, not in a WeakMap', () => {
    let created = 0;
    const loader = requestLocal((context: { id: number }) => ({ id: context.id, serial: ++created }));
    const first = { id: 1 };
    const second = { id: 2 };
    expect(loader(first)).toBe(loader(first));
    expect(loader(second)).not.toBe(loader(first));
    expect(loader(second).id).toBe(2);
    expect(created).toBe(2);
    // Held by the context itself, so it dies with the context.
    expect(Object.getOwnPropertySymbols(first)).toHaveLength(1);
  });

  it('keeps each getter apart on the same context', () => {
    const a = requestLocal(() => new Map<string, number>());
    const b = requestLocal(() => new Map<string, number>());
    const context = {};
    expect(a(context)).not.toBe(b(context));
    expect(a(context)).toBe(a(context));
  });

  it('remembers a value the factory made undefined', () => {
    let calls = 0;
    const nothing = requestLocal(() => {
      calls += 1;
      return undefined;
    });
    const context = {};
    nothing(context);
    nothing(context);
    expect(calls).toBe(1);
  });
});
