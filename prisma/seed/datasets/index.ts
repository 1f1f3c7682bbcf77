// The seeded catalog, in insertion order.
import { collisions } from './safety.js';
import { agendas, businessLicenses } from './government.js';
import { buildingPermits, zoning } from './development.js';
import { codeCases, complainants } from './compliance.js';
import { libraries, parks } from './community.js';
import { capitalProjects, serviceRequests } from './services.js';
import { pavement, streetlights, streetTrees } from './streets.js';
import type { DatasetSpec } from '../types.js';

export const DATASETS: DatasetSpec[] = [
  buildingPermits, streetTrees, parks, codeCases, collisions, capitalProjects, agendas, zoning, streetlights,
  pavement, libraries, businessLicenses, serviceRequests, complainants,
];
