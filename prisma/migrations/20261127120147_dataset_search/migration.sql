-- Full-text search over the catalog. The document is kept by PostgreSQL itself (a generated column, never
-- written): title weighted A, keywords B, description C. Each part is indexed twice, as English stems
-- ("permits" → permit, so "permit" finds "permits" and back) and as plain lower-cased words ('simple'),
-- so that a word still being typed matches by prefix even where English stemming would cut it differently
-- ("collisi" → collisions, whose stem is "collis"). Functions used by a generated column must be IMMUTABLE.
CREATE FUNCTION dataset_search_vector(title TEXT, keywords TEXT[], description TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('simple'::regconfig, title), 'A')
      || setweight(to_tsvector('english'::regconfig, k.words), 'B') || setweight(to_tsvector('simple'::regconfig, k.words), 'B')
      || setweight(to_tsvector('english'::regconfig, description), 'C') || setweight(to_tsvector('simple'::regconfig, description), 'C')
  FROM (SELECT coalesce(string_agg(keyword, ' '), '') AS words FROM unnest(keywords) AS keyword) AS k
$$;

-- Every lexeme of a query as a prefix ('perm' → 'perm':*), keeping its operators (&, |, !, <->).
CREATE FUNCTION dataset_prefix_query(query tsquery) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE WHEN numnode(query) = 0 THEN query
              ELSE regexp_replace(query::text, '''(?:[^'']|'''')*''', '\&:*', 'g')::tsquery END
$$;

-- A search box's text (websearch syntax: "a phrase", or, -not) as a prefix query matching either the
-- English stems or the plain words of the document.
CREATE FUNCTION dataset_search_query(search TEXT) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT dataset_prefix_query(websearch_to_tsquery('english'::regconfig, search))
      || dataset_prefix_query(websearch_to_tsquery('simple'::regconfig, search))
$$;

-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (dataset_search_vector(title, keywords, description)) STORED;

-- CreateIndex
CREATE INDEX "Dataset_searchVector_idx" ON "Dataset" USING GIN ("searchVector");
