// Assembles the schema: importing a domain's types registers them on the builder.
import { builder } from './builder.js';
import './error-types.js';
import '../catalog/types.js';
import '../catalog/access-types.js';
import '../catalog/harvest/types.js';
import '../records/types.js';
import '../requests/types.js';
import '../complaints/types.js';
import '../access/types.js';
import '../audit/types.js';

export const schema = builder.toSchema({ sortSchema: true });
