-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('accepted', 'rejected');

-- CreateEnum
CREATE TYPE "ProposalState" AS ENUM ('open', 'applied', 'declined');

-- AlterTable
ALTER TABLE "trajectories" ADD COLUMN     "claim_expires_at" TIMESTAMP(3),
ADD COLUMN     "claimed_by_id" INTEGER,
ADD COLUMN     "thought_rewritten" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "turns" ADD COLUMN     "current_thought" TEXT,
ADD COLUMN     "thought_version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "reviews" (
    "id" BIGSERIAL NOT NULL,
    "trajectory_id" BIGINT NOT NULL,
    "reviewer_id" INTEGER NOT NULL,
    "decision" "ReviewDecision" NOT NULL,
    "reasons" TEXT[],
    "comment" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "thought_revisions" (
    "id" BIGSERIAL NOT NULL,
    "turn_id" BIGINT NOT NULL,
    "version" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "author_id" INTEGER NOT NULL,
    "reason" TEXT,
    "revert_of" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "thought_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bulk_actions" (
    "id" SERIAL NOT NULL,
    "action" TEXT NOT NULL,
    "filter" JSONB NOT NULL,
    "comment" TEXT,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "bulk_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_thresholds" (
    "task" TEXT NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_thresholds_pkey" PRIMARY KEY ("task")
);

-- CreateTable
CREATE TABLE "threshold_changes" (
    "id" SERIAL NOT NULL,
    "task" TEXT NOT NULL,
    "old_value" DOUBLE PRECISION,
    "new_value" DOUBLE PRECISION NOT NULL,
    "version" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "proposal_id" INTEGER,
    "actor_id" INTEGER,
    "actor_label" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "threshold_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "threshold_proposals" (
    "id" SERIAL NOT NULL,
    "task" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,
    "state" "ProposalState" NOT NULL DEFAULT 'open',
    "proposed_by_id" INTEGER NOT NULL,
    "decided_by_id" INTEGER,
    "decided_at" TIMESTAMP(3),
    "decision_note" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "threshold_proposals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "threshold_comments" (
    "id" SERIAL NOT NULL,
    "proposal_id" INTEGER NOT NULL,
    "author_id" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "threshold_comments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reviews_reviewer_id_idx" ON "reviews"("reviewer_id");

-- CreateIndex
CREATE UNIQUE INDEX "reviews_trajectory_id_reviewer_id_key" ON "reviews"("trajectory_id", "reviewer_id");

-- CreateIndex
CREATE UNIQUE INDEX "thought_revisions_turn_id_version_key" ON "thought_revisions"("turn_id", "version");

-- CreateIndex
CREATE INDEX "threshold_changes_task_created_at_idx" ON "threshold_changes"("task", "created_at");

-- CreateIndex
CREATE INDEX "threshold_proposals_task_state_idx" ON "threshold_proposals"("task", "state");

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_trajectory_id_fkey" FOREIGN KEY ("trajectory_id") REFERENCES "trajectories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "thought_revisions" ADD CONSTRAINT "thought_revisions_turn_id_fkey" FOREIGN KEY ("turn_id") REFERENCES "turns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "threshold_comments" ADD CONSTRAINT "threshold_comments_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "threshold_proposals"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: the method's default thresholds (METHOD.md section 3: r = 1, mind2web 2/3)
-- and team settings, as data the team can change, with their origin in the history.
INSERT INTO "task_thresholds" ("task", "threshold", "version", "updated_at") VALUES
  ('os', 1, 1, now()), ('db', 1, 1, now()), ('alfworld', 1, 1, now()),
  ('webshop', 1, 1, now()), ('kg', 1, 1, now()), ('mind2web', 0.6666666666666666, 1, now());
INSERT INTO "threshold_changes" ("task", "old_value", "new_value", "version", "reason", "actor_label", "created_at")
SELECT "task", NULL, "threshold", 1, 'default of the AgentTuning method (METHOD.md)', 'defaults', now() FROM "task_thresholds";
INSERT INTO "app_settings" ("key", "value", "updated_at") VALUES
  ('thresholds.defaultForOtherTasks', '1', now()),
  ('thresholds.noRewardTreatment', '"pass"', now()),
  ('review.requiredReviews', '1', now()),
  ('review.statusRule', '"first"', now())
ON CONFLICT ("key") DO NOTHING;
CREATE INDEX "trajectories_claim_idx" ON "trajectories" ("claim_expires_at") WHERE "claimed_by_id" IS NOT NULL;
