-- CreateTable
CREATE TABLE "follow_ups" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meeting_id" TEXT NOT NULL,
    "circle_id" TEXT NOT NULL,
    "guild_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "available_at" DATETIME NOT NULL,
    "expires_at" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lease_until" DATETIME,
    "claimed_by" TEXT,
    "done_at" DATETIME,
    "last_error" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "follow_ups_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_reminders" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meeting_id" TEXT NOT NULL,
    "circle_id" TEXT NOT NULL,
    "guild_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "offset_minutes" INTEGER NOT NULL,
    "due_at" DATETIME NOT NULL,
    "expires_at" DATETIME NOT NULL,
    "available_at" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lease_until" DATETIME,
    "claimed_by" TEXT,
    "message_id" TEXT,
    "sent_at" DATETIME,
    "last_error" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "reminders_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Each reminder takes the server of its meeting.
INSERT INTO "new_reminders" ("attempts", "available_at", "circle_id", "guild_id", "claimed_by", "created_at", "due_at", "expires_at", "id", "kind", "last_error", "lease_until", "meeting_id", "message_id", "offset_minutes", "sent_at", "status", "updated_at") SELECT r."attempts", r."available_at", r."circle_id", m."guild_id", r."claimed_by", r."created_at", r."due_at", r."expires_at", r."id", r."kind", r."last_error", r."lease_until", r."meeting_id", r."message_id", r."offset_minutes", r."sent_at", r."status", r."updated_at" FROM "reminders" r JOIN "meetings" m ON m."id" = r."meeting_id";
DROP TABLE "reminders";
ALTER TABLE "new_reminders" RENAME TO "reminders";
CREATE INDEX "reminders_status_available_at_idx" ON "reminders"("status", "available_at");
CREATE INDEX "reminders_status_expires_at_idx" ON "reminders"("status", "expires_at");
CREATE INDEX "reminders_status_lease_until_idx" ON "reminders"("status", "lease_until");
CREATE INDEX "reminders_circle_id_status_idx" ON "reminders"("circle_id", "status");
CREATE UNIQUE INDEX "reminders_meeting_id_kind_offset_minutes_key" ON "reminders"("meeting_id", "kind", "offset_minutes");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "follow_ups_status_available_at_idx" ON "follow_ups"("status", "available_at");

-- CreateIndex
CREATE INDEX "follow_ups_status_lease_until_idx" ON "follow_ups"("status", "lease_until");

-- CreateIndex
CREATE UNIQUE INDEX "follow_ups_meeting_id_kind_key" ON "follow_ups"("meeting_id", "kind");

