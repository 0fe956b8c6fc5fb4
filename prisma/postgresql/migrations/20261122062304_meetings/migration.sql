-- AlterTable
ALTER TABLE "circles" ADD COLUMN     "co_leader_id" TEXT,
ADD COLUMN     "leader_id" TEXT,
ADD COLUMN     "reflection_prompt" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "reminder_lead_minutes" TEXT NOT NULL DEFAULT '[15]';

-- CreateTable
CREATE TABLE "schedules" (
    "circle_id" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "local_time" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "every_weeks" INTEGER NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "starts_on" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "materialised_until" TIMESTAMP(3) NOT NULL,
    "created_by" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "schedules_pkey" PRIMARY KEY ("circle_id")
);

-- CreateTable
CREATE TABLE "meetings" (
    "id" TEXT NOT NULL,
    "circle_id" TEXT NOT NULL,
    "guild_id" TEXT NOT NULL,
    "occurrence" TEXT NOT NULL,
    "starts_at" TIMESTAMP(3) NOT NULL,
    "ends_at" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "moved_from" TIMESTAMP(3),
    "facilitator_id" TEXT,
    "co_facilitator_id" TEXT,
    "scheduled_event_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meetings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reminders" (
    "id" TEXT NOT NULL,
    "meeting_id" TEXT NOT NULL,
    "circle_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "offset_minutes" INTEGER NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "available_at" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lease_until" TIMESTAMP(3),
    "claimed_by" TEXT,
    "message_id" TEXT,
    "sent_at" TIMESTAMP(3),
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "reminders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attendance" (
    "meeting_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "circle_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "checked_in_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "attendance_pkey" PRIMARY KEY ("meeting_id","user_id")
);

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

-- AddForeignKey
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_circle_id_fkey" FOREIGN KEY ("circle_id") REFERENCES "circles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_circle_id_fkey" FOREIGN KEY ("circle_id") REFERENCES "circles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

