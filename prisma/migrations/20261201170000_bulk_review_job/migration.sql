-- Bulk review actions run as jobs of the engine (pg-boss), resuming after their last committed batch.
ALTER TABLE "bulk_actions" ADD COLUMN     "job_id" UUID,
ADD COLUMN     "last_id" BIGINT NOT NULL DEFAULT 0;

-- Actions a web server of the old kind was running have no job to finish them: they end failed, once, here
-- (their committed decisions stay, start them again on the same filter). No start-up sweep remains.
UPDATE "bulk_actions" SET "state" = 'failed', "error" = 'cut off by the upgrade to the job engine: start it again to finish', "finished_at" = CURRENT_TIMESTAMP
WHERE "state" IN ('queued', 'running') AND "job_id" IS NULL;
