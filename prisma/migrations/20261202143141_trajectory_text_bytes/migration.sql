-- Each trajectory's turn-text bytes, written at import (lib/import/batch-writer.ts). The export sizes
-- its batches by them so a batch of page dumps stays within its memory bound. It summed
-- octet_length over every item's turns, reading each turn once for the size and again for the text.
-- Each statement can run again (the runner applies them one by one, outside a transaction).
ALTER TABLE "trajectories" ADD COLUMN IF NOT EXISTS "text_bytes" BIGINT NOT NULL DEFAULT 0;

-- Trajectories stored before this migration. octet_length reads the stored size without decompressing.
UPDATE "trajectories" t SET "text_bytes" = s.bytes
  FROM (SELECT "trajectory_id", sum(octet_length("raw_text")) AS bytes FROM "turns" GROUP BY "trajectory_id") s
 WHERE s."trajectory_id" = t."id" AND t."text_bytes" = 0;
