// followDataset: anyone may ask to be told by e-mail when a public dataset changes (double opt-in).
import { builder } from '../graphql/builder.js';
import { uuidOrNil } from '../graphql/ids.js';
import { underArgument } from '../graphql/validation.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { Dataset } from '../catalog/types.js';
import { followDataset } from './follows.js';

const FollowDatasetInput = builder.inputType('FollowDatasetInput', {
  description: 'The dataset (its id or its identifier) and where to send the mail.',
  fields: (t) => ({
    datasetId: t.globalID({ for: Dataset }),
    identifier: t.string(),
    email: t.field({ type: 'EmailAddress', required: true }),
  }),
});

const FollowDatasetPayload = builder.objectRef<{ ok: true }>('FollowDatasetPayload').implement({
  authScopes: { public: true },
  fields: (t) => ({
    message: t.string({
      resolve: () => 'Check your inbox: follow the confirmation link we sent. Nothing else is mailed until you confirm.',
    }),
  }),
});

builder.mutationFields((t) => ({
  followDataset: t.field({
    type: FollowDatasetPayload,
    description:
      'Anyone: get an e-mail digest (at most daily) when a public dataset changes. Sends a confirmation link first; every mail has a one-click unsubscribe link.',
    authScopes: { public: true },
    extensions: { audit: 'dataset.follow' },
    errors: { types: [ValidationError, NotFoundError], directResult: true },
    args: { input: t.arg({ type: FollowDatasetInput, required: true }) },
    resolve: async (_root, args, context) => {
      const { datasetId, identifier, email } = args.input;
      if ((datasetId == null) === (identifier == null)) {
        throw new ValidationError([{ path: ['input', 'datasetId'], message: 'give exactly one of datasetId and identifier' }]);
      }
      await context.chargeSubmission();
      await underArgument('input', () =>
        followDataset(context.prisma, context.viewer, context.config.publicBaseUrl, { datasetId: datasetId ? uuidOrNil(datasetId.id) : null, identifier }, email),
      );
      return { ok: true as const };
    },
  }),
}));
