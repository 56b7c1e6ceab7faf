-- The review queue's claim (lib/review/queue.ts) reads its next trajectory
-- straight off these in (review_count, id) order instead of sorting the filter:
-- one for "no task filter", one per task.
CREATE INDEX "trajectories_review_count_id_idx" ON "trajectories"("review_count", "id");
CREATE INDEX "trajectories_task_review_count_id_idx" ON "trajectories"("task", "review_count", "id");

-- Hand-written (partial): a reviewer's own claim, looked up first. Few rows are claimed at any time.
CREATE INDEX "trajectories_claimed_by_id_id_idx" ON "trajectories"("claimed_by_id", "id") WHERE "claimed_by_id" IS NOT NULL;
