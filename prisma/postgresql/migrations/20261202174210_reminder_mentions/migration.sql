-- AlterTable
ALTER TABLE "circles" ADD COLUMN     "mention_members" BOOLEAN NOT NULL DEFAULT true;

