-- The ids of the datasets a search matches, read through the GIN index on "searchVector". The planner
-- prices a prefix query's GIN scan as if every prefix matched many index entries, so on a catalog of
-- thousands it always preferred reading the whole table (2-4x slower on 10,000 datasets); the function's
-- own setting steers only this lookup. Used as `id IN (SELECT dataset_search_ids($1))`.
CREATE FUNCTION dataset_search_ids(search TEXT) RETURNS SETOF UUID
LANGUAGE sql STABLE PARALLEL SAFE ROWS 100
SET enable_seqscan = off
AS $$
  SELECT d."id" FROM "Dataset" d WHERE d."searchVector" @@ dataset_search_query(search)
$$;

-- CreateIndex
CREATE INDEX "Dataset_title_id_idx" ON "Dataset"("title", "id");
