-- Whether a trajectory holds a live review claim as of now, not as of the start of the statement that asks
-- (lib/review/queue.ts): under READ COMMITTED a VOLATILE function takes a fresh snapshot for each query it runs,
-- so the queue's pick sees a claim committed while its own statement was running and passes over it.
CREATE OR REPLACE FUNCTION "review_claim_is_live"("trajectory" BIGINT) RETURNS BOOLEAN
LANGUAGE sql VOLATILE
AS 'select exists (select 1 from review_claims c where c.trajectory_id = "trajectory" and c.expires_at >= now())';
