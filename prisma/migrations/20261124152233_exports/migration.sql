-- CreateTable
CREATE TABLE "export_recipes" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "recipe" JSONB NOT NULL,
    "updated_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "export_recipes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "export_recipe_versions" (
    "id" SERIAL NOT NULL,
    "recipe_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "recipe" JSONB NOT NULL,
    "author" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "export_recipe_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exports" (
    "id" SERIAL NOT NULL,
    "recipe_name" TEXT,
    "recipe_version" INTEGER,
    "recipe" JSONB NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "total_items" INTEGER NOT NULL DEFAULT 0,
    "done_items" INTEGER NOT NULL DEFAULT 0,
    "bytes_written" BIGINT NOT NULL DEFAULT 0,
    "summary" JSONB,
    "files" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "created_by_id" INTEGER,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "exports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "export_items" (
    "export_id" INTEGER NOT NULL,
    "sort_key" BIGINT NOT NULL,
    "trajectory_id" BIGINT NOT NULL,
    "copy" INTEGER NOT NULL DEFAULT 1,
    "task" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "rejected_id" BIGINT,

    CONSTRAINT "export_items_pkey" PRIMARY KEY ("export_id","sort_key","trajectory_id","copy")
);

-- CreateIndex
CREATE UNIQUE INDEX "export_recipes_name_key" ON "export_recipes"("name");

-- CreateIndex
CREATE UNIQUE INDEX "export_recipe_versions_recipe_id_version_key" ON "export_recipe_versions"("recipe_id", "version");

-- CreateIndex
CREATE INDEX "exports_created_at_idx" ON "exports"("created_at");

-- CreateIndex
CREATE INDEX "export_items_export_id_trajectory_id_idx" ON "export_items"("export_id", "trajectory_id");

-- AddForeignKey
ALTER TABLE "export_recipe_versions" ADD CONSTRAINT "export_recipe_versions_recipe_id_fkey" FOREIGN KEY ("recipe_id") REFERENCES "export_recipes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_items" ADD CONSTRAINT "export_items_export_id_fkey" FOREIGN KEY ("export_id") REFERENCES "exports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

