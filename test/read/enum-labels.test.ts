// The lean reader writes enum values as the database stores them; its table of `@map`ped labels must
// match the database's own enum types.
import { describe, expect, it } from 'vitest';
import * as enums from '../../src/generated/prisma/enums.js';
import { enumLabels } from '../../src/read/model.js';
import { useTestGateway } from '../support/gateway.js';

const gateway = useTestGateway();

describe('enum labels of the lean reader', () => {
  it('are the labels of every enum type in the database, in order', async () => {
    const rows = await gateway().db.withSession((session) =>
      session.query<{ type: string; label: string }>(
        `SELECT t.typname AS type, e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
         JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder`,
      ),
    );
    const inDatabase: Record<string, string[]> = {};
    for (const { type, label } of rows) (inDatabase[type] ??= []).push(label);
    const names = Object.keys(enums).filter((name) => typeof (enums as Record<string, unknown>)[name] === 'object');
    expect(names.sort()).toEqual(Object.keys(inDatabase).sort());
    for (const name of names) expect(Object.values(enumLabels(name))).toEqual(inDatabase[name]);
    expect(enumLabels('AccessLevel').RESTRICTED_PUBLIC).toBe('restricted public');
  });
});
