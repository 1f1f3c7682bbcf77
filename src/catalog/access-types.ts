// Dataset fields that tell a reuser how they may use it: access requirements, update cadence, license notice.
import { builder } from '../graphql/builder.js';
import { accessRequirements, updateCadence, type AccessRequirements } from './access-requirements.js';
import { licenseNotice } from './service.js';

const DatasetAccess = builder.objectRef<AccessRequirements>('DatasetAccess').implement({
  description: 'How a dataset can be used: whether an API key is needed, how to get access, and the rate limit.',
  authScopes: { public: true },
  fields: (t) => ({
    apiKeyRequired: t.exposeBoolean('apiKeyRequired'),
    howToGetAccess: t.exposeString('howToGetAccess'),
    rateLimitPerMinute: t.exposeInt('rateLimitPerMinute', {
      nullable: true,
      description: 'Requests per minute on the tier that opens this dataset; null when the API does not serve it.',
    }),
  }),
});

builder.prismaObjectFields('Dataset', (t) => ({
  access: t.field({
    type: DatasetAccess,
    resolve: (dataset, _args, context) => accessRequirements(dataset, context.config.rateLimits),
  }),
  updateCadence: t.string({
    nullable: true,
    description: 'accrualPeriodicity in words ("daily", "quarterly", "irregularly"); null when unknown.',
    resolve: (dataset) => updateCadence(dataset.accrualPeriodicity),
  }),
  licenseNotice: t.string({
    description: 'What a reuser must know about the license, in one sentence.',
    select: { license: { select: { specified: true, name: true } } },
    resolve: (dataset) => licenseNotice(dataset.license),
  }),
}));
