-- An export's draw writes up to a million export_items rows in one statement (lib/export/select.ts). At 1M
-- trajectories the per-row foreign-key check on export_id took 4.2 s and the second index most of the 10 s of
-- inserting. Exports are never deleted, so the key's cascade had nothing to do, and the export diff
-- (lib/export/diff.ts) reads an export's items through the primary key (export_id leads it).
ALTER TABLE "export_items" DROP CONSTRAINT IF EXISTS "export_items_export_id_fkey";

DROP INDEX IF EXISTS "export_items_export_id_trajectory_id_idx";
