-- Hand-written (the generated diff declares a plain column, and Prisma cannot
-- express GENERATED). No semicolon in comments: the migration runner
-- (@prisma/adapter-pg executeScript) cuts the script at every one.
-- The text search (lib/trajectories/filters.ts, q) matched the expression
-- to_tsvector('simple', instruction), and the facets' sample path filters
-- rows one by one, so it computed that vector for every sampled row. Stored
-- once per write instead, by PostgreSQL only: inserts must not name the column.
-- The old expression index goes first: the rewrite below would otherwise
-- rebuild it, parsing every instruction, only for it to be dropped.
-- Each statement runs on its own (no transaction around the script), so each
-- is guarded: a run cut off during the rewrite can simply be run again.
DROP INDEX IF EXISTS "trajectories_instruction_fts_idx";

-- Rewrites the table once, under an exclusive lock (about 7 s per 200,000 rows here).
ALTER TABLE "trajectories" ADD COLUMN IF NOT EXISTS "instruction_search" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "instruction")) STORED;

CREATE INDEX IF NOT EXISTS "trajectories_instruction_search_idx" ON "trajectories" USING GIN ("instruction_search");
