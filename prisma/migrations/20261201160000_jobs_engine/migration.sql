-- Exports run as jobs of the engine (pg-boss): the home-made runner and heartbeat go.
ALTER TABLE "exports" DROP COLUMN "heartbeat_at",
DROP COLUMN "runner",
ADD COLUMN     "job_id" UUID,
ADD COLUMN     "job_attempt" INTEGER;

-- CreateTable
CREATE TABLE "job_progress" (
    "job_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "done" BIGINT NOT NULL DEFAULT 0,
    "total" BIGINT,
    "unit" TEXT NOT NULL,
    "worker" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_progress_pkey" PRIMARY KEY ("job_id")
);
