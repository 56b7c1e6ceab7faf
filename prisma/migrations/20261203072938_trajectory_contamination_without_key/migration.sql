-- Hand-written. Trigger bodies spell their semicolons \x3B (the migration runner
-- cuts the script at every semicolon, so no comment may hold one). Each statement
-- can run again (the runner applies them one by one, outside a transaction).
-- The labels lose their foreign key: its check locks each labelled trajectory row,
-- half the time a first check spends labelling (bench:contamination). What the key
-- did is kept by statement triggers on trajectories, in place before the key goes:
-- a deleted trajectory takes its label with it (as ON DELETE CASCADE did), and a
-- truncated trajectories table takes every label (as TRUNCATE ... CASCADE did).
-- The check inserts labels only for trajectories it joins while their datasets are
-- locked (lib/contamination/finish.ts). Unlike the key's cascade, the trigger sees
-- its own statement's snapshot: a trajectory deleted by hand in a REPEATABLE READ
-- transaction that waited on a check could leave that check's label behind (the
-- app deletes in READ COMMITTED only).
CREATE OR REPLACE FUNCTION trajectory_contamination_follow_delete() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN DELETE FROM trajectory_contamination c USING old_rows o WHERE c.trajectory_id = o.id\x3B RETURN NULL\x3B END';

CREATE OR REPLACE FUNCTION trajectory_contamination_follow_truncate() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN TRUNCATE trajectory_contamination\x3B RETURN NULL\x3B END';

CREATE OR REPLACE TRIGGER trajectory_contamination_follow_delete AFTER DELETE ON trajectories
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION trajectory_contamination_follow_delete();
CREATE OR REPLACE TRIGGER trajectory_contamination_follow_truncate AFTER TRUNCATE ON trajectories
  FOR EACH STATEMENT EXECUTE FUNCTION trajectory_contamination_follow_truncate();

-- DropForeignKey
ALTER TABLE "trajectory_contamination" DROP CONSTRAINT IF EXISTS "trajectory_contamination_trajectory_id_fkey";
