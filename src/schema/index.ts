// Assembles the schema: importing a domain's types registers them on the builder. It lives above every
// domain folder (which all import graphql/builder), so graphql/ itself never imports a domain.
import { builder } from '../graphql/builder.js';
import '../graphql/error-types.js';
import '../catalog/types.js';
import '../catalog/facet-types.js';
import '../catalog/access-types.js';
import '../catalog/harvest/types.js';
import '../catalog/publishing-types.js';
import '../records/types.js';
import '../records/ingest-types.js';
import '../records/aggregate-types.js';
import '../requests/types.js';
import '../requests/mutations.js';
import '../complaints/types.js';
import '../complaints/mutations.js';
import '../admin/types.js';
import '../audit/types.js';
import '../live/types.js';
import '../live/webhook-types.js';
import '../live/follow-types.js';

export const schema = builder.toSchema({ sortSchema: true });
