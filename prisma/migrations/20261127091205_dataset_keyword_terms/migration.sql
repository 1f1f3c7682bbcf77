-- Keyword terms: each keyword and each word in it, lower-cased ("Street Trees" gives "street trees",
-- "street" and "trees"), kept by PostgreSQL itself as a generated column so the keyword filter is one
-- array lookup that Prisma can express (`has`) and the GIN index serves. The function must be IMMUTABLE
-- to be used in a generated column (array_to_string is only STABLE, hence unnest).
CREATE FUNCTION dataset_keyword_terms(keywords TEXT[]) RETURNS TEXT[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(DISTINCT term ORDER BY term), '{}')
  FROM unnest(keywords) AS keyword,
       unnest(array_prepend(regexp_replace(lower(btrim(keyword)), '\s+', ' ', 'g'), regexp_split_to_array(lower(keyword), '[^[:alnum:]]+'))) AS term
  WHERE term <> ''
$$;

-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN "keywordTerms" TEXT[] GENERATED ALWAYS AS (dataset_keyword_terms(keywords)) STORED;

-- CreateIndex
CREATE INDEX "Dataset_keywordTerms_idx" ON "Dataset" USING GIN ("keywordTerms");
