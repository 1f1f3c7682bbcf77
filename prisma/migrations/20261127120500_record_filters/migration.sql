-- Typed record filters compare attributes through these expressions (src/records/filter/expressions.ts
-- `fieldExpression`), so that expression indexes on them can serve the filters. Index expressions must be
-- IMMUTABLE: text::date and text::timestamptz are only STABLE (they read DateStyle / TimeZone), but the
-- gateway stores dates as ISO 'YYYY-MM-DD' and timestamps as ISO 8601 with an explicit offset ('Z'),
-- which read the same whatever those settings are.
CREATE FUNCTION record_date(value TEXT) RETURNS DATE
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT value::date $$;

CREATE FUNCTION record_timestamp(value TEXT) RETURNS TIMESTAMPTZ
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT value::timestamptz $$;

-- The bounding box (longitude/latitude) of a GeoJSON geometry: every position [x, y, …] at any depth, so
-- Points, lines, polygons, multi-geometries and collections alike. NULL for no geometry.
CREATE FUNCTION geojson_bbox(geometry JSONB) RETURNS box
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT box(point(min(x), min(y)), point(max(x), max(y)))
  FROM (
    SELECT (position->>0)::float8 AS x, (position->>1)::float8 AS y
    FROM jsonb_path_query(geometry, 'strict $.**') AS position
    WHERE jsonb_typeof(position) = 'array' AND jsonb_typeof(position->0) = 'number' AND jsonb_typeof(position->1) = 'number'
  ) positions
  HAVING count(*) > 0
$$;

-- AlterTable
ALTER TABLE "Record" ADD COLUMN "geoBox" box GENERATED ALWAYS AS (geojson_bbox(geometry)) STORED;

-- CreateIndex
CREATE INDEX "Record_geoBox_idx" ON "Record" USING GIST ("geoBox");
