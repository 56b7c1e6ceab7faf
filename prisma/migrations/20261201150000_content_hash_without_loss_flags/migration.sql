-- Content hashes without loss flags (issue 12). The de-duplication key is now
-- sha256(task, then per turn: NUL role NUL raw text), as lib/import/prepare-trajectory.ts
-- contentHash computes it at import: roles as in the file (a stored `observation`
-- is a `user` turn there) and raw text as stored. Rows hashed the old way (loss
-- flags included) get the new hash here, so new imports de-duplicate against them.
--
-- Two stored rows that differ only in loss flags now have the same content: the
-- unique index on content_hash cannot hold both new hashes. Both are kept, since
-- they may carry reviews, thought revisions, labels and export history, and deleting
-- one would lose that: the first stored (lowest id) takes the new hash, each later
-- one keeps its old hash (unique, never produced by an import again) and gets
-- `sameContentAs` (the first one's id) and `duplicateReason` in its metadata.
--
-- One statement, so it applies whole or not at all, and running it again changes nothing.
WITH "rehashed" AS (
  SELECT t."id",
         encode(sha256(convert_to(t."task", 'UTF8') || string_agg(
           decode('00', 'hex') || convert_to(CASE WHEN u."role" = 'observation' THEN 'user' ELSE u."role"::text END, 'UTF8')
             || decode('00', 'hex') || convert_to(u."raw_text", 'UTF8'),
           ''::bytea ORDER BY u."index")), 'hex') AS "hash"
    FROM "trajectories" t
    JOIN "turns" u ON u."trajectory_id" = t."id"
   GROUP BY t."id", t."task"
), "ranked" AS (
  SELECT "id", "hash", min("id") OVER (PARTITION BY "hash") AS "first_id" FROM "rehashed"
)
UPDATE "trajectories" t
   SET "content_hash" = CASE WHEN r."id" = r."first_id" THEN r."hash" ELSE t."content_hash" END,
       "metadata" = CASE WHEN r."id" = r."first_id" THEN t."metadata"
                         ELSE t."metadata" || jsonb_build_object('sameContentAs', r."first_id"::text, 'duplicateReason', 'same content, other loss flags') END
  FROM "ranked" r
 WHERE r."id" = t."id"
   AND ((r."id" = r."first_id" AND t."content_hash" <> r."hash")
        OR (r."id" <> r."first_id" AND NOT t."metadata" @> jsonb_build_object('sameContentAs', r."first_id"::text)));
