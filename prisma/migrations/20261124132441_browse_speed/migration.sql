-- Hand-written (Prisma cannot express NULLS FIRST or partial indexes).
-- A missing reward or source model sorts as the lowest value: first ascending,
-- last descending (lib/trajectories/keyset.ts). Built NULLS FIRST, one index
-- serves both directions of that order.
DROP INDEX "trajectories_reward_id_idx";
CREATE INDEX "trajectories_reward_id_idx" ON "trajectories" ("reward" ASC NULLS FIRST, "id");
DROP INDEX "trajectories_source_model_id_idx";
CREATE INDEX "trajectories_source_model_id_idx" ON "trajectories" ("source_model" ASC NULLS FIRST, "id");

-- The "loop: yes" filter selects a few percent of rows: without this it reads the whole table.
CREATE INDEX "trajectories_loop_idx" ON "trajectories" ("id") WHERE "loop_start_turn" IS NOT NULL;
