-- CreateTable
CREATE TABLE "test_sets" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "fields" JSONB NOT NULL DEFAULT '[]',
    "item_count" INTEGER NOT NULL DEFAULT 0,
    "imported_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "test_sets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "test_set_items" (
    "id" BIGSERIAL NOT NULL,
    "test_set_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "external_id" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "test_set_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contamination_runs" (
    "id" SERIAL NOT NULL,
    "test_set_id" INTEGER NOT NULL,
    "params" JSONB NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "total_ranges" INTEGER NOT NULL DEFAULT 0,
    "done_ranges" INTEGER NOT NULL DEFAULT 0,
    "total_trajectories" INTEGER NOT NULL DEFAULT 0,
    "done_trajectories" INTEGER NOT NULL DEFAULT 0,
    "bytes_scanned" BIGINT NOT NULL DEFAULT 0,
    "summary" JSONB,
    "error" TEXT,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "contamination_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contamination_run_ranges" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "from_id" BIGINT NOT NULL,
    "to_id" BIGINT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "claimed_at" TIMESTAMP(3),
    "matched" INTEGER[] DEFAULT ARRAY[]::INTEGER[],

    CONSTRAINT "contamination_run_ranges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contamination_item_results" (
    "run_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "external_id" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "tokens" INTEGER NOT NULL,
    "contaminated" INTEGER NOT NULL,
    "rate" DOUBLE PRECISION NOT NULL,
    "label" TEXT NOT NULL,
    "spans" JSONB NOT NULL DEFAULT '[]',
    "trajectory_ids" BIGINT[] DEFAULT ARRAY[]::BIGINT[],

    CONSTRAINT "contamination_item_results_pkey" PRIMARY KEY ("run_id","position")
);

-- CreateTable
CREATE TABLE "contamination_trajectory_results" (
    "run_id" INTEGER NOT NULL,
    "trajectory_id" BIGINT NOT NULL,
    "tokens" INTEGER NOT NULL,
    "covered" INTEGER NOT NULL,
    "rate" DOUBLE PRECISION NOT NULL,
    "label" TEXT NOT NULL,
    "items" INTEGER[] DEFAULT ARRAY[]::INTEGER[],

    CONSTRAINT "contamination_trajectory_results_pkey" PRIMARY KEY ("run_id","trajectory_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "test_sets_name_key" ON "test_sets"("name");

-- CreateIndex
CREATE UNIQUE INDEX "test_set_items_test_set_id_position_key" ON "test_set_items"("test_set_id", "position");

-- CreateIndex
CREATE INDEX "contamination_runs_state_id_idx" ON "contamination_runs"("state", "id");

-- CreateIndex
CREATE INDEX "contamination_run_ranges_run_id_state_idx" ON "contamination_run_ranges"("run_id", "state");

-- CreateIndex
CREATE INDEX "contamination_trajectory_results_trajectory_id_idx" ON "contamination_trajectory_results"("trajectory_id");

-- AddForeignKey
ALTER TABLE "test_set_items" ADD CONSTRAINT "test_set_items_test_set_id_fkey" FOREIGN KEY ("test_set_id") REFERENCES "test_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contamination_runs" ADD CONSTRAINT "contamination_runs_test_set_id_fkey" FOREIGN KEY ("test_set_id") REFERENCES "test_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contamination_run_ranges" ADD CONSTRAINT "contamination_run_ranges_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "contamination_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

