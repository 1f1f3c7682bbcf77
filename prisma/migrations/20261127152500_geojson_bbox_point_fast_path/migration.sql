-- geojson_bbox runs for every written record ("geoBox" is a generated column). Its general form (every
-- position at any depth, through jsonb_path_query and an aggregate) costs a record import more PostgreSQL CPU
-- than the insert itself. A plain Point — "type" and "coordinates" only, [x, y] or [x, y, z] numbers, the
-- geometry of nearly every record — now takes a fast path with exactly the same result (the point's box); every
-- other geometry, and any Point with more members (e.g. a "bbox"), still goes through the general form,
-- unchanged as geojson_bbox_positions. Stored boxes stay valid: the function gives the same value for every
-- input, so no row needs rewriting.
CREATE FUNCTION geojson_bbox_positions(geometry JSONB) RETURNS box
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

-- Nested CASEs: each test only runs once the one before holds (`-` on a scalar would raise an error).
CREATE OR REPLACE FUNCTION geojson_bbox(geometry JSONB) RETURNS box
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN geometry IS NULL THEN NULL
    WHEN jsonb_typeof(geometry) = 'object' AND geometry ->> 'type' = 'Point' THEN
      CASE
        WHEN jsonb_typeof(geometry -> 'coordinates' -> 0) = 'number'
         AND jsonb_typeof(geometry -> 'coordinates' -> 1) = 'number'
         AND coalesce(jsonb_typeof(geometry -> 'coordinates' -> 2), 'number') = 'number'
         AND geometry -> 'coordinates' -> 3 IS NULL
         AND geometry - 'type' - 'coordinates' = '{}'::jsonb
        THEN box(point((geometry -> 'coordinates' ->> 0)::float8, (geometry -> 'coordinates' ->> 1)::float8))
        ELSE geojson_bbox_positions(geometry)
      END
    ELSE geojson_bbox_positions(geometry)
  END
$$;
