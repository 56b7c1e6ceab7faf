-- Hand-written (the generated diff declares a plain column, and Prisma cannot
-- express GENERATED). No semicolon in comments: the migration runner
-- (@prisma/adapter-pg executeScript) cuts the script at every one.
-- The text search (lib/trajectories/filters.ts, q) matched the expression
-- to_tsvector('simple', instruction), and the facets' sample path filters
-- rows one by one, so it computed that vector for every sampled row. Stored
-- once per write instead, by PostgreSQL only: inserts must not name the column.
-- Adding it rewrites the table once.
ALTER TABLE "trajectories" ADD COLUMN "instruction_search" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "instruction")) STORED;

-- The GIN index moves from the expression to the stored column.
DROP INDEX "trajectories_instruction_fts_idx";

-- CreateIndex
CREATE INDEX "trajectories_instruction_search_idx" ON "trajectories" USING GIN ("instruction_search");
