-- CreateTable
CREATE TABLE "guild_settings" (
    "guild_id" TEXT NOT NULL PRIMARY KEY,
    "moderator_role_id" TEXT,
    "category_id" TEXT,
    "mod_log_channel_id" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "circles" (
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
    "archived_at" DATETIME
);

-- CreateTable
CREATE TABLE "agreements" (
    "circle_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,

    PRIMARY KEY ("circle_id", "version"),
    CONSTRAINT "agreements_circle_id_fkey" FOREIGN KEY ("circle_id") REFERENCES "circles" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "agreement_acceptances" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "circle_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "accepted_at" DATETIME NOT NULL,
    CONSTRAINT "agreement_acceptances_circle_id_version_fkey" FOREIGN KEY ("circle_id", "version") REFERENCES "agreements" ("circle_id", "version") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "memberships" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "circle_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "status_since" DATETIME NOT NULL,
    "accepted_version" INTEGER,
    "accepted_at" DATETIME,
    "created_at" DATETIME NOT NULL,
    CONSTRAINT "memberships_circle_id_fkey" FOREIGN KEY ("circle_id") REFERENCES "circles" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "guild_id" TEXT NOT NULL,
    "circle_id" TEXT,
    "actor_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "key_values" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updated_at" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "circles_text_channel_id_key" ON "circles"("text_channel_id");

-- CreateIndex
CREATE UNIQUE INDEX "circles_voice_channel_id_key" ON "circles"("voice_channel_id");

-- CreateIndex
CREATE INDEX "circles_guild_id_state_name_key_idx" ON "circles"("guild_id", "state", "name_key");

-- CreateIndex
CREATE UNIQUE INDEX "circles_guild_id_name_key_key" ON "circles"("guild_id", "name_key");

-- CreateIndex
CREATE UNIQUE INDEX "agreement_acceptances_circle_id_user_id_version_key" ON "agreement_acceptances"("circle_id", "user_id", "version");

-- CreateIndex
CREATE INDEX "memberships_circle_id_status_status_since_idx" ON "memberships"("circle_id", "status", "status_since");

-- CreateIndex
CREATE INDEX "memberships_user_id_idx" ON "memberships"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_circle_id_user_id_key" ON "memberships"("circle_id", "user_id");

-- CreateIndex
CREATE INDEX "audit_events_guild_id_at_idx" ON "audit_events"("guild_id", "at");

-- CreateIndex
CREATE INDEX "audit_events_circle_id_at_idx" ON "audit_events"("circle_id", "at");

