-- AlterTable
ALTER TABLE "meetings" ADD COLUMN     "assigned_at" TIMESTAMP(3),
ADD COLUMN     "turn_owner_id" TEXT;

-- CreateTable
CREATE TABLE "pool_members" (
    "circle_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "joined_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "pool_members_pkey" PRIMARY KEY ("circle_id","user_id")
);

-- CreateTable
CREATE TABLE "away_periods" (
    "id" TEXT NOT NULL,
    "circle_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "from_date" TEXT NOT NULL,
    "to_date" TEXT NOT NULL,

    CONSTRAINT "away_periods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "duty_swaps" (
    "id" TEXT NOT NULL,
    "circle_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requester_id" TEXT NOT NULL,
    "partner_id" TEXT NOT NULL,
    "requester_meeting_id" TEXT NOT NULL,
    "partner_meeting_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "duty_swaps_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "away_periods_circle_id_user_id_idx" ON "away_periods"("circle_id", "user_id");

-- CreateIndex
CREATE INDEX "duty_swaps_circle_id_status_idx" ON "duty_swaps"("circle_id", "status");

-- AddForeignKey
ALTER TABLE "pool_members" ADD CONSTRAINT "pool_members_circle_id_fkey" FOREIGN KEY ("circle_id") REFERENCES "circles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "away_periods" ADD CONSTRAINT "away_periods_circle_id_fkey" FOREIGN KEY ("circle_id") REFERENCES "circles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duty_swaps" ADD CONSTRAINT "duty_swaps_circle_id_fkey" FOREIGN KEY ("circle_id") REFERENCES "circles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

