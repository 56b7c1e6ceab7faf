-- Review queue claims move from two columns of trajectories to a table of their own (lib/review/queue.ts):
-- taking a claim wrote a new version of a trajectory row, and so an entry in each of its indexes. A claim now
-- writes one narrow row. Live claims are not carried over: a claim lasts 15 minutes, and a reviewer who asks
-- again after the upgrade gets a trajectory at once. Each statement can run again (the runner applies them
-- one by one, outside a transaction).
CREATE TABLE IF NOT EXISTS "review_claims" (
    "trajectory_id" BIGINT NOT NULL,
    "reviewer_id" INTEGER NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "review_claims_pkey" PRIMARY KEY ("trajectory_id"),
    CONSTRAINT "review_claims_trajectory_id_fkey" FOREIGN KEY ("trajectory_id") REFERENCES "trajectories"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX IF NOT EXISTS "review_claims_reviewer_id_trajectory_id_idx" ON "review_claims"("reviewer_id", "trajectory_id");

-- Drops the two partial claim indexes with them.
ALTER TABLE "trajectories" DROP COLUMN IF EXISTS "claim_expires_at",
DROP COLUMN IF EXISTS "claimed_by_id";
