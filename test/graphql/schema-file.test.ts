import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSchema, schemaFile } from '../../src/schema/print.js';

describe('schema.graphql', () => {
  it('is the current printed schema (run `npm run schema:print` after changing types)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(printedSchema());
  });
});
