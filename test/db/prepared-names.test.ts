// Which lean statements are kept prepared on PostgreSQL connections: texts that repeat, up to a bound.
import { describe, expect, it } from 'vitest';
import { preparedNames } from '../../src/db/client.js';

describe('prepared statement names', () => {
  it('names a text the second time it is sent, the same name every time after, one name per text', () => {
    const name = preparedNames(10);
    expect(name('SELECT 1')).toBeUndefined();
    const first = name('SELECT 1');
    expect(first).toMatch(/^lean_[0-9a-f]{40}$/);
    expect(first!.length).toBeLessThan(64); // PostgreSQL's identifier limit
    expect(name('SELECT 1')).toBe(first);
    expect(name('SELECT 2')).toBeUndefined();
    expect(name('SELECT 2')).not.toBe(first);
  });

  it('names at most `limit` texts; the others stay unnamed', () => {
    const name = preparedNames(3);
    const texts = ['SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 4'];
    const names = texts.map((text) => (name(text), name(text)));
    expect(names.slice(0, 3).every((n) => typeof n === 'string')).toBe(true);
    expect(new Set(names.slice(0, 3)).size).toBe(3);
    expect(names[3]).toBeUndefined();
    expect(name('SELECT 4')).toBeUndefined();
    expect(name('SELECT 1')).toBe(names[0]);
  });

  it('forgets texts seen once when too many go by, so one-off statements cannot grow it', () => {
    const name = preparedNames(2);
    name('SELECT 1');
    name('SELECT 2');
    name('SELECT 3'); // the set of texts seen once is full: it starts again
    expect(name('SELECT 1')).toBeUndefined(); // seen once again, not twice
    expect(name('SELECT 1')).toMatch(/^lean_/);
  });
});
