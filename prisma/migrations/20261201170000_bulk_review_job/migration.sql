-- Bulk review actions run as jobs of the engine (pg-boss), resuming after their last committed batch.
ALTER TABLE "bulk_actions" ADD COLUMN     "job_id" UUID,
ADD COLUMN     "last_id" BIGINT NOT NULL DEFAULT 0;
