// README.md is a contract: every GraphQL example in it runs against the seeded gateway, as the caller its
// block names, and answers with data, no errors, and something in every list it asks for. The examples
// run in README order (the audit-trail example reads what the createApiKey example wrote). The upstream
// portal of the harvest example (https://data.example.gov/) is a local server here, serving DCAT-US's sample.
import { fileURLToPath } from 'node:url';
import { Kind, isObjectType, print, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { partnerHeaders, staffHeaders } from '../support/callers.js';
import { CatalogServer } from '../support/dcat-catalog.js';
import { dcatExample } from '../support/dcat-schema.js';
import { useTestGateway } from '../support/gateway.js';
import { readmeExamples, type ReadmeExample } from '../support/readme-examples.js';

const gateway = useTestGateway();
const examples = readmeExamples(fileURLToPath(new URL('../../README.md', import.meta.url)));
const RESULT_TYPE = '__resultType';

/** Mutations answer failures as data (error union members): ask each root field which type it returned. */
function withResultTypes(operation: OperationDefinitionNode): OperationDefinitionNode {
  if (operation.operation !== 'mutation') return operation;
  const typename: FieldNode = { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: RESULT_TYPE }, name: { kind: Kind.NAME, value: '__typename' } };
  const selections = operation.selectionSet.selections.map((selection) =>
    selection.kind === Kind.FIELD && selection.selectionSet
      ? { ...selection, selectionSet: { ...selection.selectionSet, selections: [...selection.selectionSet.selections, typename] } }
      : selection,
  );
  return { ...operation, selectionSet: { ...operation.selectionSet, selections } };
}

const isErrorType = (name: string) => {
  const type = schema.getType(name);
  return isObjectType(type) && type.getInterfaces().some((iface) => iface.name === 'Error');
};

/** Lists by path (indices dropped) that came back empty everywhere they occur. */
function emptyLists(data: unknown): string[] {
  const sizes = new Map<string, number>();
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      sizes.set(path, (sizes.get(path) ?? 0) + value.length);
      value.forEach((item) => walk(item, `${path}[]`));
    } else if (value && typeof value === 'object') {
      // JSON scalars (record attributes, audit snapshots) are data, not selections.
      if (path.endsWith('.attributes') || path.endsWith('.before') || path.endsWith('.after') || path.endsWith('.geometry')) return;
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
    }
  };
  walk(data, '');
  return [...sizes].filter(([, size]) => size === 0).map(([path]) => path);
}

const UPSTREAM_PORTAL = 'https://data.example.gov';
const upstream = new CatalogServer();
afterAll(() => upstream.stop());

const headersByExample = new Map<ReadmeExample, Record<string, string>>();
beforeAll(async () => {
  await upstream.start();
  upstream.routes.set('/data.json', dcatExample('catalog-sample.json'));
  for (const example of examples) {
    const { caller } = example;
    headersByExample.set(
      example,
      caller.kind === 'staff'
        ? await staffHeaders(caller.email)
        : caller.kind === 'partner'
          ? await partnerHeaders(gateway().db.prisma, caller.scopes)
          : {},
    );
  }
});

describe('README GraphQL examples', () => {
  it('are found (the extractor reads the README)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(examples.some((example) => example.operation.operation === 'mutation')).toBe(true);
  });

  it.each(examples.map((example) => [`line ${example.line}: ${example.source.replace(/\s+/g, ' ').slice(0, 70)}`, example] as const))(
    '%s',
    async (_name, example) => {
      const query = print(withResultTypes(example.operation)).replaceAll(UPSTREAM_PORTAL, upstream.url);
      const result = await gateway().request(query, {}, headersByExample.get(example));
      expect(result.errors).toBeUndefined();
      expect(result.status).toBe(200);
      for (const [field, value] of Object.entries(result.data ?? {})) {
        expect(value, `${field} is null`).not.toBeNull();
        const resultType = (value as Record<string, unknown>)[RESULT_TYPE];
        if (typeof resultType === 'string') expect(isErrorType(resultType), `${field} returned ${resultType}: ${JSON.stringify(value)}`).toBe(false);
      }
      expect(Object.keys(result.data ?? {})).not.toHaveLength(0);
      // A mutation reports what it did: an empty list there is an answer (no invalid entries), not a dud example.
      if (example.operation.operation === 'query') expect(emptyLists(result.data)).toEqual([]);
    },
  );
});
