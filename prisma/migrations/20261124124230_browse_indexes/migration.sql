-- AlterTable
ALTER TABLE "trajectories" ADD COLUMN     "last_reviewer" TEXT,
ADD COLUMN     "review_count" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "trajectories_turn_count_id_idx" ON "trajectories"("turn_count", "id");

-- CreateIndex
CREATE INDEX "trajectories_format_error_count_id_idx" ON "trajectories"("format_error_count", "id");

-- CreateIndex
CREATE INDEX "trajectories_updated_at_id_idx" ON "trajectories"("updated_at", "id");

-- CreateIndex
CREATE INDEX "trajectories_contamination_label_id_idx" ON "trajectories"("contamination_label", "id");


-- Hand-written: full-text search over the instruction (Prisma cannot express
-- expression indexes). lib/trajectories/filters.ts queries exactly this expression.
CREATE INDEX "trajectories_instruction_fts_idx" ON "trajectories" USING GIN (to_tsvector('simple', "instruction"));
