// A dataset declaring one field of every type (and a personal one), with records whose values cover each
// comparison: equal and different values, nulls and missing keys, far and near locations. Tests compare the
// gateway's answers with the same predicates evaluated here in JavaScript.
import type { Database } from '../../src/db/client.js';
import type { FieldType } from '../../src/generated/prisma/enums.js';

export const FIXTURE = 'test-typed-fields';
export const STEWARD_EMAIL = 'kevin.ostrowski@toaks.example';

export interface FixtureRow {
  id: number;
  attributes: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
}

const NAMES = ['alder', 'Birch', 'cedar', 'cedar', 'dogwood', 'elm 50%', 'fir_tree', 'ginkgo', "holly's", 'ivy'];

/** Records of the fixture: deterministic, with gaps (missing keys, JSON nulls) in the nullable fields. */
export function fixtureAttributes(count = 60): { attributes: Record<string, unknown>; geometry: FixtureRow['geometry'] }[] {
  return Array.from({ length: count }, (_, i) => {
    const attributes: Record<string, unknown> = {
      name: NAMES[i % NAMES.length],
      count: (i * 7) % 23 - 5,
      price: i % 9 === 0 ? null : ((i * 13) % 50) * 2.5 + 0.25 * (i % 3),
      active: i % 3 === 0,
      day: i % 8 === 0 ? null : `2026-0${1 + (i % 9)}-${String(1 + (i % 27)).padStart(2, '0')}`,
      at: i % 10 === 0 ? null : new Date(Date.UTC(2026, 0, 1, i % 24, (i * 17) % 60, 0, (i % 4) * 250)).toISOString(),
      secret: `person-${i % 4}`,
      shape: i % 2 === 0 ? { type: 'Point', coordinates: [0, 0] } : null,
    };
    if (i % 11 === 5) delete attributes.day; // a missing key reads as null
    // Around Thousand Oaks: a grid of points ~1 km apart, one polygon, a few without geometry.
    const geometry: FixtureRow['geometry'] =
      i % 13 === 12
        ? null
        : i === 7
          ? { type: 'Polygon', coordinates: [[[-118.9, 34.1], [-118.8, 34.1], [-118.8, 34.2], [-118.9, 34.1]]] }
          : { type: 'Point', coordinates: [-118.84 + (i % 8) * 0.011, 34.17 + Math.floor(i / 8) * 0.009] };
    return { attributes, geometry };
  });
}

type FieldDeclaration = { name: string; type: FieldType; nullable?: boolean; pii?: boolean };

/**
 * A public test dataset with the publisher, steward and license of the seeded code compliance cases (steward
 * Kevin Ostrowski), declaring `fields` in their order.
 */
export async function createPublicDataset(
  prisma: Database['prisma'],
  { identifier, title = identifier, description, fields }: { identifier: string; title?: string; description: string; fields: FieldDeclaration[] },
) {
  const template = await prisma.dataset.findUniqueOrThrow({ where: { identifier: 'toaks-code-compliance-cases' } });
  return prisma.dataset.create({
    data: {
      identifier,
      title,
      description,
      keywords: ['test'],
      modified: new Date(),
      accessLevel: 'PUBLIC',
      publisherId: template.publisherId,
      stewardId: template.stewardId,
      licenseId: template.licenseId,
      fields: { create: fields.map((field, position) => ({ ...field, position })) },
    },
  });
}

/** Creates the fixture dataset (public, stewarded by Kevin Ostrowski) and returns its records with their ids. */
export async function createTypedFixture(db: Database): Promise<FixtureRow[]> {
  const prisma = db.prisma;
  const dataset = await createPublicDataset(prisma, {
    identifier: FIXTURE,
    title: 'Typed fields',
    description: 'One field of every type.',
    fields: [
      { name: 'name', type: 'TEXT', nullable: false },
      { name: 'count', type: 'INTEGER', nullable: false },
      { name: 'price', type: 'DECIMAL' },
      { name: 'active', type: 'BOOLEAN', nullable: false },
      { name: 'day', type: 'DATE' },
      { name: 'at', type: 'TIMESTAMP' },
      { name: 'secret', type: 'TEXT', pii: true },
      { name: 'shape', type: 'GEOMETRY' },
    ],
  });
  const rows: FixtureRow[] = [];
  for (const { attributes, geometry } of fixtureAttributes()) {
    const record = await prisma.record.create({
      data: { datasetId: dataset.id, attributes: attributes as never, geometry: (geometry ?? undefined) as never },
      select: { id: true },
    });
    rows.push({ id: record.id, attributes, geometry });
  }
  return rows;
}
