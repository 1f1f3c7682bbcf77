// Assembles the schema: importing a domain's types registers them on the builder.
import { builder } from './builder.js';
import './error-types.js';
import '../catalog/types.js';

export const schema = builder.toSchema({ sortSchema: true });
