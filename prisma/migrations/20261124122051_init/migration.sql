-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "DatasetKind" AS ENUM ('agent', 'general');

-- CreateEnum
CREATE TYPE "TrajectoryStatus" AS ENUM ('pending', 'accepted', 'rejected');

-- CreateEnum
CREATE TYPE "TurnRole" AS ENUM ('system', 'user', 'assistant', 'observation');

-- CreateTable
CREATE TABLE "datasets" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "DatasetKind" NOT NULL DEFAULT 'agent',
    "source_file" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "imported_by" TEXT NOT NULL,
    "trajectory_count" INTEGER NOT NULL DEFAULT 0,
    "turn_count" INTEGER NOT NULL DEFAULT 0,
    "duplicate_count" INTEGER NOT NULL DEFAULT 0,
    "error_count" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trajectories" (
    "id" BIGSERIAL NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "external_id" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "source_model" TEXT,
    "origin" TEXT NOT NULL DEFAULT 'unknown',
    "reward" DOUBLE PRECISION,
    "success" BOOLEAN,
    "run_status" TEXT,
    "status" "TrajectoryStatus" NOT NULL DEFAULT 'pending',
    "instruction" TEXT NOT NULL DEFAULT '',
    "turn_count" INTEGER NOT NULL,
    "step_count" INTEGER NOT NULL,
    "token_count" INTEGER NOT NULL,
    "format_error_count" INTEGER NOT NULL DEFAULT 0,
    "loop_start_turn" INTEGER,
    "content_hash" TEXT NOT NULL,
    "contamination_rate" DOUBLE PRECISION,
    "contamination_label" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trajectories_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "turns" (
    "id" BIGSERIAL NOT NULL,
    "trajectory_id" BIGINT NOT NULL,
    "index" INTEGER NOT NULL,
    "role" "TurnRole" NOT NULL,
    "raw_text" TEXT NOT NULL,
    "thought" TEXT,
    "action" TEXT,
    "action_kind" TEXT,
    "loss" BOOLEAN,
    "is_prefix" BOOLEAN NOT NULL DEFAULT false,
    "is_task_turn" BOOLEAN NOT NULL DEFAULT false,
    "is_critical" BOOLEAN NOT NULL DEFAULT false,
    "format_error" TEXT,
    "in_loop" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "turns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_settings_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "datasets_name_key" ON "datasets"("name");

-- CreateIndex
CREATE INDEX "datasets_sha256_idx" ON "datasets"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "trajectories_content_hash_key" ON "trajectories"("content_hash");

-- CreateIndex
CREATE INDEX "trajectories_dataset_id_external_id_idx" ON "trajectories"("dataset_id", "external_id");

-- CreateIndex
CREATE INDEX "trajectories_task_id_idx" ON "trajectories"("task", "id");

-- CreateIndex
CREATE INDEX "trajectories_status_id_idx" ON "trajectories"("status", "id");

-- CreateIndex
CREATE INDEX "trajectories_reward_id_idx" ON "trajectories"("reward", "id");

-- CreateIndex
CREATE INDEX "trajectories_source_model_id_idx" ON "trajectories"("source_model", "id");

-- CreateIndex
CREATE INDEX "trajectories_dataset_id_id_idx" ON "trajectories"("dataset_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "turns_trajectory_id_index_key" ON "turns"("trajectory_id", "index");

-- AddForeignKey
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "turns" ADD CONSTRAINT "turns_trajectory_id_fkey" FOREIGN KEY ("trajectory_id") REFERENCES "trajectories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

