-- The GIN index on Record.attributes (jsonb_path_ops) serves only `attributes @> …` containment, which no
-- statement of the gateway uses (record filters compare typed expressions, served by the expression indexes
-- of indexed fields; `attributes ? key` cannot use jsonb_path_ops). It cost about half of PostgreSQL's CPU
-- per imported row.
-- DropIndex
DROP INDEX "Record_attributes_idx";
