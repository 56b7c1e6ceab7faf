-- Hand-written. No semicolon in comments, and the trigger bodies spell theirs
-- \x3B inside E'' strings: the migration runner (@prisma/adapter-pg
-- executeScript) cuts the script at every semicolon, quoted or not.
-- The search vector stops being a generated column, which PostgreSQL computed
-- on the inserting backend: to_tsvector was about 10 s of a 1 GB import's
-- serial database time (99,120 rows: COPY 12.0 s with it, 4.1 s reading a
-- ready vector, 1.3 s without one). The importer now asks a second
-- connection for each batch's vectors while its own writes the batch before
-- (lib/import/search-vectors.ts) and supplies them. Every other writer leaves
-- the column out, and these triggers compute it as the generated column did.
-- DROP EXPRESSION keeps the stored values and does not rewrite the table.
ALTER TABLE "trajectories" ALTER COLUMN "instruction_search" DROP EXPRESSION IF EXISTS;

CREATE OR REPLACE FUNCTION trajectory_instruction_search() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN NEW.instruction_search := to_tsvector(''simple'', NEW.instruction)\x3B RETURN NEW\x3B END';

-- The WHEN conditions are checked without calling the function: a supplied vector costs no PL/pgSQL call.
DROP TRIGGER IF EXISTS trajectory_instruction_search_insert ON "trajectories";
CREATE TRIGGER trajectory_instruction_search_insert BEFORE INSERT ON "trajectories"
  FOR EACH ROW WHEN (NEW.instruction_search IS NULL) EXECUTE FUNCTION trajectory_instruction_search();

-- A changed instruction always gets its vector again, whatever the update set, and an update cannot clear it.
DROP TRIGGER IF EXISTS trajectory_instruction_search_update ON "trajectories";
CREATE TRIGGER trajectory_instruction_search_update BEFORE UPDATE OF "instruction", "instruction_search" ON "trajectories"
  FOR EACH ROW WHEN (NEW.instruction IS DISTINCT FROM OLD.instruction OR NEW.instruction_search IS NULL)
  EXECUTE FUNCTION trajectory_instruction_search();

-- The statements above run one by one: a row a running process inserted between
-- dropping the expression and creating the insert trigger has no vector yet.
UPDATE "trajectories" SET "instruction_search" = to_tsvector('simple', "instruction") WHERE "instruction_search" IS NULL;
