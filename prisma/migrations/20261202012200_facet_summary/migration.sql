-- Hand-written. The trigger bodies spell their semicolons \x3B inside E'' strings:
-- the migration runner (@prisma/adapter-pg executeScript) cuts the script at
-- every semicolon, quoted or not (so no comment here may hold one either).
-- The unfiltered facet counts of the trajectory table
-- (lib/trajectories/facets.ts) as a summary that every write keeps current in
-- its own transaction: statement-level triggers add signed deltas per
-- (facet, value), whoever writes (imports, decisions, bulk actions,
-- contamination checks, dataset removal). Only inserts: concurrent writers
-- never wait on each other's counter row. Readers sum the deltas and fold them
-- up now and then (compactFacetSummary).
CREATE TABLE "trajectory_facet_deltas" (
    "facet" TEXT NOT NULL,
    "value" TEXT,
    "n" BIGINT NOT NULL
);

-- The facet columns of a set of rows, one (facet, value) pair per row and facet.
CREATE FUNCTION trajectory_facet_values(r trajectories) RETURNS TABLE (facet TEXT, value TEXT)
LANGUAGE sql IMMUTABLE AS 'VALUES (''task'', r.task), (''status'', r.status::text), (''model'', r.source_model), (''dataset'', r.dataset_id::text), (''contamination'', r.contamination_label)';

CREATE FUNCTION trajectory_facet_deltas_insert() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN INSERT INTO trajectory_facet_deltas (facet, value, n) SELECT f.facet, f.value, count(*) FROM new_rows r CROSS JOIN LATERAL trajectory_facet_values(r) f GROUP BY 1, 2\x3B RETURN NULL\x3B END';

CREATE FUNCTION trajectory_facet_deltas_delete() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN INSERT INTO trajectory_facet_deltas (facet, value, n) SELECT f.facet, f.value, -count(*) FROM old_rows r CROSS JOIN LATERAL trajectory_facet_values(r) f GROUP BY 1, 2\x3B RETURN NULL\x3B END';

-- Only what changed: a claim or a thought edit (no facet column touched) adds nothing.
CREATE FUNCTION trajectory_facet_deltas_update() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN INSERT INTO trajectory_facet_deltas (facet, value, n) SELECT facet, value, sum(n) FROM ( SELECT f.facet, f.value, -1 AS n FROM old_rows r CROSS JOIN LATERAL trajectory_facet_values(r) f UNION ALL SELECT f.facet, f.value, 1 AS n FROM new_rows r CROSS JOIN LATERAL trajectory_facet_values(r) f ) d GROUP BY 1, 2 HAVING sum(n) <> 0\x3B RETURN NULL\x3B END';

CREATE FUNCTION trajectory_facet_deltas_truncate() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN DELETE FROM trajectory_facet_deltas\x3B RETURN NULL\x3B END';

CREATE TRIGGER trajectory_facets_insert AFTER INSERT ON trajectories
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trajectory_facet_deltas_insert();
CREATE TRIGGER trajectory_facets_delete AFTER DELETE ON trajectories
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION trajectory_facet_deltas_delete();
CREATE TRIGGER trajectory_facets_update AFTER UPDATE ON trajectories
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trajectory_facet_deltas_update();
CREATE TRIGGER trajectory_facets_truncate AFTER TRUNCATE ON trajectories
  FOR EACH STATEMENT EXECUTE FUNCTION trajectory_facet_deltas_truncate();

INSERT INTO trajectory_facet_deltas (facet, value, n)
SELECT f.facet, f.value, count(*) FROM trajectories r CROSS JOIN LATERAL trajectory_facet_values(r) f GROUP BY 1, 2;
