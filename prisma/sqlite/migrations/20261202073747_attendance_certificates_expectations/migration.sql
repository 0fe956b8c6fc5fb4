-- AlterTable
ALTER TABLE "circles" ADD COLUMN "attendance_minimum" INTEGER;
ALTER TABLE "circles" ADD COLUMN "attendance_window" INTEGER;

-- AlterTable
ALTER TABLE "meetings" ADD COLUMN "reviewed_at" DATETIME;

-- CreateTable
CREATE TABLE "certificates" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "guild_id" TEXT NOT NULL,
    "circle_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "from_date" TEXT NOT NULL,
    "to_date" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "meetings" INTEGER NOT NULL,
    "quarters" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "issued_at" DATETIME NOT NULL,
    CONSTRAINT "certificates_circle_id_fkey" FOREIGN KEY ("circle_id") REFERENCES "circles" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "certificates_code_hash_key" ON "certificates"("code_hash");

-- CreateIndex
CREATE INDEX "certificates_issued_at_idx" ON "certificates"("issued_at");

-- CreateIndex
CREATE INDEX "certificates_guild_id_user_id_idx" ON "certificates"("guild_id", "user_id");

-- CreateIndex
CREATE INDEX "meetings_reviewed_at_ends_at_idx" ON "meetings"("reviewed_at", "ends_at");

