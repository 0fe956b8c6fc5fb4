-- AlterTable
ALTER TABLE "circles" ADD COLUMN     "exposed_at" TIMESTAMP(3),
ADD COLUMN     "exposure" TEXT;

