-- AlterTable
ALTER TABLE "circles" ADD COLUMN "exposed_at" DATETIME;
ALTER TABLE "circles" ADD COLUMN "exposure" TEXT;

