// A generated catalog of 10,000 datasets for the search and facet scenarios, written in SQL into the
// benchmark's database (never the seed): titles, keywords and descriptions drawn from a city vocabulary,
// the seeded departments, stewards and licenses, about 1 in 20 restricted public and 1 in 40
// non-public, one to three distributions each. Deterministic in the row number; made once per database.
import pg from 'pg';

export const GENERATED_DATASETS = 10_000;
const PREFIX = 'bench-catalog-';

const WORDS = [
  'parking', 'permits', 'trees', 'streets', 'traffic', 'collisions', 'budget', 'payroll', 'library', 'parks',
  'recreation', 'water', 'sewer', 'stormwater', 'zoning', 'parcels', 'housing', 'inspections', 'code', 'violations',
  'fire', 'police', 'calls', 'service', 'requests', 'potholes', 'graffiti', 'streetlights', 'transit', 'bicycle',
  'sidewalks', 'elections', 'council', 'agendas', 'contracts', 'vendors', 'business', 'licenses', 'restaurants',
  'health', 'animals', 'shelter', 'noise', 'complaints', 'energy', 'solar', 'emissions', 'recycling', 'waste',
  'crime', 'incidents', 'evacuation', 'wildfire', 'drought', 'irrigation', 'census', 'population', 'schools', 'events', 'facilities',
];
const THEMES = ['Transportation', 'Public Safety', 'Environment', 'Government', 'Housing & Development', 'Recreation', 'Health', 'Finance'];
const FORMATS = ['CSV', 'GeoJSON', 'API', 'JSON', 'XLSX', 'Shapefile', 'PDF'];

export async function generateCatalog(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM "Dataset" WHERE identifier LIKE $1', [`${PREFIX}%`]);
    if (rows[0].n === GENERATED_DATASETS) return;
    await client.query('BEGIN');
    await client.query('DELETE FROM "Dataset" WHERE identifier LIKE $1', [`${PREFIX}%`]);
    // Each slot picks by a hash of the row number and the slot's name, so picks do not correlate.
    await client.query(
      `WITH v AS (SELECT $2::text[] AS words, $3::text[] AS themes,
                         (SELECT array_agg(id ORDER BY slug) FROM "Department") AS departments,
                         (SELECT array_agg(id ORDER BY email) FROM "Steward") AS stewards,
                         (SELECT array_agg(id ORDER BY "spdxId") FROM "License") AS licenses)
       INSERT INTO "Dataset" (id, identifier, title, description, keywords, themes, modified, "accessLevel", rights,
                              "publisherId", "stewardId", "licenseId", "references", "updatedAt")
       SELECT gen_random_uuid(), $1 || n,
              initcap(words[1 + (hashtext(n || ':7') & 2147483647) % cardinality(words)] || ' ' || words[1 + (hashtext(n || ':13') & 2147483647) % cardinality(words)] || ' ' || (2000 + (hashtext(n || ':y') & 2147483647) % 27)),
              'Records of ' || words[1 + (hashtext(n || ':17') & 2147483647) % cardinality(words)] || ' and ' || words[1 + (hashtext(n || ':23') & 2147483647) % cardinality(words)] ||
                ' kept by the city, updated from the ' || words[1 + (hashtext(n || ':29') & 2147483647) % cardinality(words)] || ' system.',
              ARRAY[words[1 + (hashtext(n || ':31') & 2147483647) % cardinality(words)], words[1 + (hashtext(n || ':37') & 2147483647) % cardinality(words)] || ' ' || words[1 + (hashtext(n || ':41') & 2147483647) % cardinality(words)]],
              ARRAY[themes[1 + (hashtext(n || ':t') & 2147483647) % cardinality(themes)]] || CASE WHEN n % 3 = 0 THEN ARRAY[themes[1 + (hashtext(n || ':u') & 2147483647) % cardinality(themes)]] ELSE '{}' END,
              timestamptz '2026-01-01' - make_interval(hours => (hashtext(n || ':m') & 2147483647) % 20000),
              (CASE (hashtext(n || ':a') & 2147483647) % 40 WHEN 0 THEN 'non-public' WHEN 1 THEN 'restricted public' WHEN 2 THEN 'restricted public' ELSE 'public' END)::"AccessLevel",
              CASE WHEN (hashtext(n || ':a') & 2147483647) % 40 < 3 THEN 'Shared under a data use agreement.' END,
              departments[1 + (hashtext(n || ':d') & 2147483647) % cardinality(departments)], stewards[1 + (hashtext(n || ':s') & 2147483647) % cardinality(stewards)],
              licenses[1 + (hashtext(n || ':l') & 2147483647) % cardinality(licenses)], '{}', now()
       FROM v, generate_series(1, $4::int) AS n`,
      [PREFIX, WORDS, THEMES, GENERATED_DATASETS],
    );
    await client.query(
      `INSERT INTO "Distribution" (id, "datasetId", format, "mediaType", "downloadURL", position)
       SELECT gen_random_uuid(), d.id, ($2::text[])[1 + (k * 3 + (hashtext(d.identifier) & 2147483647)) % cardinality($2::text[])], NULL,
              'https://data.example.gov/' || d.identifier || '/' || k, k
       FROM "Dataset" d, generate_series(0, 2) AS k
       WHERE d.identifier LIKE $1 AND k <= (hashtext(d.identifier) & 2147483647) % 3`,
      [`${PREFIX}%`, FORMATS],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE "Dataset"; ANALYZE "Distribution"');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
