-- AlterTable
ALTER TABLE "reminders" ADD COLUMN     "guild_id" TEXT;
-- Each reminder takes the server of its meeting.
UPDATE "reminders" r SET "guild_id" = m."guild_id" FROM "meetings" m WHERE m."id" = r."meeting_id";
ALTER TABLE "reminders" ALTER COLUMN "guild_id" SET NOT NULL;

-- CreateTable
CREATE TABLE "follow_ups" (
    "id" TEXT NOT NULL,
    "meeting_id" TEXT NOT NULL,
    "circle_id" TEXT NOT NULL,
    "guild_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "available_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lease_until" TIMESTAMP(3),
    "claimed_by" TEXT,
    "done_at" TIMESTAMP(3),
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "follow_ups_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "follow_ups_status_available_at_idx" ON "follow_ups"("status", "available_at");

-- CreateIndex
CREATE INDEX "follow_ups_status_lease_until_idx" ON "follow_ups"("status", "lease_until");

-- CreateIndex
CREATE UNIQUE INDEX "follow_ups_meeting_id_kind_key" ON "follow_ups"("meeting_id", "kind");

-- AddForeignKey
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

