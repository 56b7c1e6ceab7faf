-- Tool-calling trajectories: declared tools stored once per distinct set, calls and their results per turn.
CREATE TABLE "tool_sets" (
    "id" SERIAL NOT NULL,
    "hash" TEXT NOT NULL,
    "tools" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tool_sets_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "tool_sets_hash_key" ON "tool_sets"("hash");

ALTER TABLE "trajectories" ADD COLUMN "tool_set_id" INTEGER;
CREATE INDEX "trajectories_tool_set_id_idx" ON "trajectories"("tool_set_id");
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_tool_set_id_fkey" FOREIGN KEY ("tool_set_id") REFERENCES "tool_sets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "turns" ADD COLUMN "tool_calls" JSONB,
ADD COLUMN "tool_call_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "call_syntax" TEXT;
