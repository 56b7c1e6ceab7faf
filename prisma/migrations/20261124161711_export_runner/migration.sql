-- AlterTable
ALTER TABLE "exports" ADD COLUMN     "heartbeat_at" TIMESTAMP(3),
ADD COLUMN     "runner" TEXT;

