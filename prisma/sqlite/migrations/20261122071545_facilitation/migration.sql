-- AlterTable
ALTER TABLE "meetings" ADD COLUMN "assigned_at" DATETIME;
ALTER TABLE "meetings" ADD COLUMN "turn_owner_id" TEXT;

-- CreateTable
CREATE TABLE "pool_members" (
    "circle_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "joined_at" DATETIME NOT NULL,

    PRIMARY KEY ("circle_id", "user_id"),
    CONSTRAINT "pool_members_circle_id_fkey" FOREIGN KEY ("circle_id") REFERENCES "circles" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "away_periods" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "circle_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "from_date" TEXT NOT NULL,
    "to_date" TEXT NOT NULL,
    CONSTRAINT "away_periods_circle_id_fkey" FOREIGN KEY ("circle_id") REFERENCES "circles" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "duty_swaps" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "circle_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requester_id" TEXT NOT NULL,
    "partner_id" TEXT NOT NULL,
    "requester_meeting_id" TEXT NOT NULL,
    "partner_meeting_id" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    CONSTRAINT "duty_swaps_circle_id_fkey" FOREIGN KEY ("circle_id") REFERENCES "circles" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "away_periods_circle_id_user_id_idx" ON "away_periods"("circle_id", "user_id");

-- CreateIndex
CREATE INDEX "duty_swaps_circle_id_status_idx" ON "duty_swaps"("circle_id", "status");

