-- CreateTable
CREATE TABLE "schedules" (
    "circle_id" TEXT NOT NULL PRIMARY KEY,
    "weekday" INTEGER NOT NULL,
    "local_time" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "every_weeks" INTEGER NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "starts_on" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "materialised_until" DATETIME NOT NULL,
    "created_by" TEXT NOT NULL,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "schedules_circle_id_fkey" FOREIGN KEY ("circle_id") REFERENCES "circles" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "meetings" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "circle_id" TEXT NOT NULL,
    "guild_id" TEXT NOT NULL,
    "occurrence" TEXT NOT NULL,
    "starts_at" DATETIME NOT NULL,
    "ends_at" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "moved_from" DATETIME,
    "facilitator_id" TEXT,
    "co_facilitator_id" TEXT,
    "scheduled_event_id" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "meetings_circle_id_fkey" FOREIGN KEY ("circle_id") REFERENCES "circles" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "reminders" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meeting_id" TEXT NOT NULL,
    "circle_id" TEXT NOT NULL,
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

-- CreateTable
CREATE TABLE "attendance" (
    "meeting_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "circle_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "checked_in_at" DATETIME NOT NULL,

    PRIMARY KEY ("meeting_id", "user_id"),
    CONSTRAINT "attendance_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_circles" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "guild_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "facilitation" TEXT NOT NULL,
    "text_channel_id" TEXT NOT NULL,
    "voice_channel_id" TEXT NOT NULL,
    "agreement_version" INTEGER NOT NULL DEFAULT 1,
    "created_at" DATETIME NOT NULL,
    "archived_at" DATETIME,
    "leader_id" TEXT,
    "co_leader_id" TEXT,
    "reminder_lead_minutes" TEXT NOT NULL DEFAULT '[15]',
    "reflection_prompt" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_circles" ("agreement_version", "archived_at", "capacity", "created_at", "facilitation", "guild_id", "id", "kind", "name", "name_key", "state", "text_channel_id", "voice_channel_id") SELECT "agreement_version", "archived_at", "capacity", "created_at", "facilitation", "guild_id", "id", "kind", "name", "name_key", "state", "text_channel_id", "voice_channel_id" FROM "circles";
DROP TABLE "circles";
ALTER TABLE "new_circles" RENAME TO "circles";
CREATE UNIQUE INDEX "circles_text_channel_id_key" ON "circles"("text_channel_id");
CREATE UNIQUE INDEX "circles_voice_channel_id_key" ON "circles"("voice_channel_id");
CREATE INDEX "circles_guild_id_state_name_key_idx" ON "circles"("guild_id", "state", "name_key");
CREATE UNIQUE INDEX "circles_guild_id_name_key_key" ON "circles"("guild_id", "name_key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "schedules_materialised_until_idx" ON "schedules"("materialised_until");

-- CreateIndex
CREATE INDEX "meetings_circle_id_status_ends_at_idx" ON "meetings"("circle_id", "status", "ends_at");

-- CreateIndex
CREATE INDEX "meetings_scheduled_event_id_ends_at_idx" ON "meetings"("scheduled_event_id", "ends_at");

-- CreateIndex
CREATE UNIQUE INDEX "meetings_circle_id_occurrence_key" ON "meetings"("circle_id", "occurrence");

-- CreateIndex
CREATE INDEX "reminders_status_available_at_idx" ON "reminders"("status", "available_at");

-- CreateIndex
CREATE INDEX "reminders_status_expires_at_idx" ON "reminders"("status", "expires_at");

-- CreateIndex
CREATE INDEX "reminders_status_lease_until_idx" ON "reminders"("status", "lease_until");

-- CreateIndex
CREATE INDEX "reminders_circle_id_status_idx" ON "reminders"("circle_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "reminders_meeting_id_kind_offset_minutes_key" ON "reminders"("meeting_id", "kind", "offset_minutes");

-- CreateIndex
CREATE INDEX "attendance_circle_id_user_id_idx" ON "attendance"("circle_id", "user_id");

