-- Contamination labels move from two columns of trajectories to a table of their own
-- (lib/contamination/finish.ts). A first check labels every trajectory, and writing
-- contamination_label made a new version of each trajectory row and an entry in each of its 17
-- indexes: 11 s of a 29 s check of 200,000 trajectories. A label is now one narrow row.
-- The facet summary (migration facet_summary) counts labels from this table's triggers: the
-- triggers of trajectories now count every trajectory as unchecked, and each label row moves one
-- count from unchecked to its label. Each statement can run again (the runner applies them one by
-- one, outside a transaction). Trigger bodies spell their semicolons \x3B (see facet_summary).
CREATE TABLE IF NOT EXISTS "trajectory_contamination" (
    "trajectory_id" BIGINT NOT NULL,
    "rate" DOUBLE PRECISION NOT NULL,
    "label" TEXT NOT NULL,

    CONSTRAINT "trajectory_contamination_pkey" PRIMARY KEY ("trajectory_id"),
    CONSTRAINT "trajectory_contamination_trajectory_id_fkey" FOREIGN KEY ("trajectory_id") REFERENCES "trajectories"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX IF NOT EXISTS "trajectory_contamination_label_trajectory_id_idx" ON "trajectory_contamination"("label", "trajectory_id");

-- The labels as they are, copied before this table has triggers: the summary already counts them.
DO E'BEGIN IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ''trajectories'' AND column_name = ''contamination_label'') THEN INSERT INTO trajectory_contamination (trajectory_id, rate, label) SELECT id, coalesce(contamination_rate, 0), contamination_label FROM trajectories WHERE contamination_label IS NOT NULL ON CONFLICT DO NOTHING\x3B END IF\x3B END';

CREATE OR REPLACE FUNCTION trajectory_facet_values(r trajectories) RETURNS TABLE (facet TEXT, value TEXT)
LANGUAGE sql IMMUTABLE AS 'VALUES (''task'', r.task), (''status'', r.status::text), (''model'', r.source_model), (''dataset'', r.dataset_id::text), (''contamination'', NULL::text)';

CREATE OR REPLACE FUNCTION trajectory_contamination_deltas_insert() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN INSERT INTO trajectory_facet_deltas (facet, value, n) SELECT ''contamination'', v, sum(n) FROM (SELECT label AS v, 1 AS n FROM new_rows UNION ALL SELECT NULL, -1 FROM new_rows) d GROUP BY v HAVING sum(n) <> 0\x3B RETURN NULL\x3B END';

CREATE OR REPLACE FUNCTION trajectory_contamination_deltas_delete() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN INSERT INTO trajectory_facet_deltas (facet, value, n) SELECT ''contamination'', v, sum(n) FROM (SELECT label AS v, -1 AS n FROM old_rows UNION ALL SELECT NULL, 1 FROM old_rows) d GROUP BY v HAVING sum(n) <> 0\x3B RETURN NULL\x3B END';

CREATE OR REPLACE FUNCTION trajectory_contamination_deltas_update() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN INSERT INTO trajectory_facet_deltas (facet, value, n) SELECT ''contamination'', v, sum(n) FROM (SELECT label AS v, -1 AS n FROM old_rows UNION ALL SELECT label, 1 FROM new_rows) d GROUP BY v HAVING sum(n) <> 0\x3B RETURN NULL\x3B END';

-- Every trajectory unchecked again: the contamination facet recounted from scratch.
CREATE OR REPLACE FUNCTION trajectory_contamination_deltas_truncate() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN DELETE FROM trajectory_facet_deltas WHERE facet = ''contamination''\x3B INSERT INTO trajectory_facet_deltas (facet, value, n) SELECT ''contamination'', NULL, count(*) FROM trajectories\x3B RETURN NULL\x3B END';

CREATE OR REPLACE TRIGGER trajectory_contamination_facets_insert AFTER INSERT ON trajectory_contamination
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trajectory_contamination_deltas_insert();
CREATE OR REPLACE TRIGGER trajectory_contamination_facets_delete AFTER DELETE ON trajectory_contamination
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION trajectory_contamination_deltas_delete();
CREATE OR REPLACE TRIGGER trajectory_contamination_facets_update AFTER UPDATE ON trajectory_contamination
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trajectory_contamination_deltas_update();
CREATE OR REPLACE TRIGGER trajectory_contamination_facets_truncate AFTER TRUNCATE ON trajectory_contamination
  FOR EACH STATEMENT EXECUTE FUNCTION trajectory_contamination_deltas_truncate();

-- Drops trajectories_contamination_label_id_idx with it.
ALTER TABLE "trajectories" DROP COLUMN IF EXISTS "contamination_label",
DROP COLUMN IF EXISTS "contamination_rate";
