-- CreateTable
CREATE TABLE "drop_ins" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meeting_id" TEXT NOT NULL,
    "circle_id" TEXT NOT NULL,
    "guild_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "accepted_version" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "granted_at" DATETIME,
    "ended_at" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    CONSTRAINT "drop_ins_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "reflection_prompt" BOOLEAN NOT NULL DEFAULT false,
    "exposed_at" DATETIME,
    "exposure" TEXT,
    "attendance_minimum" INTEGER,
    "attendance_window" INTEGER,
    "drop_in_places" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_circles" ("agreement_version", "archived_at", "attendance_minimum", "attendance_window", "capacity", "co_leader_id", "created_at", "exposed_at", "exposure", "facilitation", "guild_id", "id", "kind", "leader_id", "name", "name_key", "reflection_prompt", "reminder_lead_minutes", "state", "text_channel_id", "voice_channel_id") SELECT "agreement_version", "archived_at", "attendance_minimum", "attendance_window", "capacity", "co_leader_id", "created_at", "exposed_at", "exposure", "facilitation", "guild_id", "id", "kind", "leader_id", "name", "name_key", "reflection_prompt", "reminder_lead_minutes", "state", "text_channel_id", "voice_channel_id" FROM "circles";
DROP TABLE "circles";
ALTER TABLE "new_circles" RENAME TO "circles";
CREATE UNIQUE INDEX "circles_text_channel_id_key" ON "circles"("text_channel_id");
CREATE UNIQUE INDEX "circles_voice_channel_id_key" ON "circles"("voice_channel_id");
CREATE INDEX "circles_guild_id_state_name_key_idx" ON "circles"("guild_id", "state", "name_key");
CREATE UNIQUE INDEX "circles_guild_id_name_key_key" ON "circles"("guild_id", "name_key");
CREATE TABLE "new_meetings" (
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
    "turn_owner_id" TEXT,
    "assigned_at" DATETIME,
    "scheduled_event_id" TEXT,
    "reviewed_at" DATETIME,
    "drop_ins_off" BOOLEAN NOT NULL DEFAULT false,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "meetings_circle_id_fkey" FOREIGN KEY ("circle_id") REFERENCES "circles" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_meetings" ("assigned_at", "circle_id", "co_facilitator_id", "created_at", "ends_at", "facilitator_id", "guild_id", "id", "moved_from", "occurrence", "reviewed_at", "scheduled_event_id", "starts_at", "status", "turn_owner_id") SELECT "assigned_at", "circle_id", "co_facilitator_id", "created_at", "ends_at", "facilitator_id", "guild_id", "id", "moved_from", "occurrence", "reviewed_at", "scheduled_event_id", "starts_at", "status", "turn_owner_id" FROM "meetings";
DROP TABLE "meetings";
ALTER TABLE "new_meetings" RENAME TO "meetings";
CREATE INDEX "meetings_circle_id_status_ends_at_idx" ON "meetings"("circle_id", "status", "ends_at");
CREATE INDEX "meetings_scheduled_event_id_ends_at_idx" ON "meetings"("scheduled_event_id", "ends_at");
CREATE INDEX "meetings_reviewed_at_ends_at_idx" ON "meetings"("reviewed_at", "ends_at");
CREATE UNIQUE INDEX "meetings_circle_id_occurrence_key" ON "meetings"("circle_id", "occurrence");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "drop_ins_status_meeting_id_idx" ON "drop_ins"("status", "meeting_id");

-- CreateIndex
CREATE INDEX "drop_ins_circle_id_status_idx" ON "drop_ins"("circle_id", "status");

-- CreateIndex
CREATE INDEX "drop_ins_user_id_idx" ON "drop_ins"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "drop_ins_meeting_id_user_id_key" ON "drop_ins"("meeting_id", "user_id");

