-- DropIndex
DROP INDEX "audit_events_created_at_idx";

-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "password_verified_at" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "audit_events_created_at_id_idx" ON "audit_events"("created_at", "id");

