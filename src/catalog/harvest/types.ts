// GraphQL surface of the harvest: admins import an upstream DCAT-US catalog by URL.
import { builder } from '../../graphql/builder.js';
import { ErrorInterface, FieldProblem } from '../../graphql/error-types.js';
import { ConflictError, ValidationError } from '../../errors.js';
import type { InvalidEntry } from './entry.js';
import { importCatalog, type HarvestReport } from './import.js';
import { CatalogSourceError, readCatalog, webUrl } from './source.js';

const CatalogSourceProblem = builder.enumType('CatalogSourceProblem', {
  values: ['UNREACHABLE', 'TIMEOUT', 'HTTP_STATUS', 'TOO_LARGE', 'NOT_JSON', 'NOT_DCAT'] as const,
});

builder.objectType(CatalogSourceError, {
  name: 'CatalogSourceError',
  description: 'The catalog could not be fetched, or is not a DCAT-US catalog.',
  interfaces: [ErrorInterface],
  authScopes: { admin: true },
  fields: (t) => ({ reason: t.field({ type: CatalogSourceProblem, resolve: (error) => error.reason }) }),
});

const HarvestInvalidEntry = builder.objectRef<InvalidEntry>('HarvestInvalidEntry').implement({
  description: 'An upstream entry that was skipped, and why (paths into the upstream data.json).',
  authScopes: { admin: true },
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position in the upstream dataset array.' }),
    identifier: t.exposeString('identifier', { nullable: true }),
    problems: t.field({ type: [FieldProblem], resolve: (entry) => entry.problems }),
  }),
});

const HarvestReportRef = builder.objectRef<HarvestReport>('HarvestReport').implement({
  description: 'What a harvest did. Running the same harvest again reports everything unchanged.',
  authScopes: { admin: true },
  fields: (t) => ({
    source: t.exposeString('source'),
    created: t.exposeInt('created'),
    updated: t.exposeInt('updated'),
    unchanged: t.exposeInt('unchanged'),
    archived: t.exposeInt('archived', { description: 'Harvested earlier from this source, gone upstream now.' }),
    invalid: t.field({ type: [HarvestInvalidEntry], resolve: (report) => report.invalid }),
  }),
});

builder.mutationFields((t) => ({
  harvestCatalog: t.field({
    type: HarvestReportRef,
    description: 'Admins: import a DCAT-US 1.1 data.json (Socrata, ArcGIS Hub, CKAN...). Idempotent.',
    authScopes: { admin: true },
    extensions: { audit: 'dataset.harvest' },
    // The report itself is the success member: HarvestCatalogResult = HarvestReport | ValidationError | CatalogSourceError | ConflictError.
    errors: { types: [ValidationError, CatalogSourceError, ConflictError], directResult: true },
    // Checked in the resolver, not with `validate`: argument validation would run before authorization.
    args: { url: t.arg.string({ required: true, description: 'An http(s) URL of a data.json.' }) },
    resolve: async (_root, { url }, context) =>
      importCatalog(context.prisma, context.viewer, await readCatalog(webUrl(url, ['url']), context.config.harvest)),
  }),
}));
