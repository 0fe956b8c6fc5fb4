-- AlterTable
ALTER TABLE "circles" ADD COLUMN     "drop_in_places" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "meetings" ADD COLUMN     "drop_ins_off" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "drop_ins" (
    "id" TEXT NOT NULL,
    "meeting_id" TEXT NOT NULL,
    "circle_id" TEXT NOT NULL,
    "guild_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "accepted_version" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "granted_at" TIMESTAMP(3),
    "ended_at" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "drop_ins_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "drop_ins_status_meeting_id_idx" ON "drop_ins"("status", "meeting_id");

-- CreateIndex
CREATE INDEX "drop_ins_circle_id_status_idx" ON "drop_ins"("circle_id", "status");

-- CreateIndex
CREATE INDEX "drop_ins_user_id_idx" ON "drop_ins"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "drop_ins_meeting_id_user_id_key" ON "drop_ins"("meeting_id", "user_id");

-- AddForeignKey
ALTER TABLE "drop_ins" ADD CONSTRAINT "drop_ins_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

