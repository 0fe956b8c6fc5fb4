-- CreateTable
CREATE TABLE "open_calls" (
    "id" TEXT NOT NULL,
    "circle_id" TEXT NOT NULL,
    "guild_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "closed_at" TIMESTAMP(3),
    "rendered_hash" TEXT NOT NULL,
    "check_at" TIMESTAMP(3) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "open_calls_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "open_calls_circle_id_status_idx" ON "open_calls"("circle_id", "status");

-- CreateIndex
CREATE INDEX "open_calls_status_check_at_idx" ON "open_calls"("status", "check_at");

-- AddForeignKey
ALTER TABLE "open_calls" ADD CONSTRAINT "open_calls_circle_id_fkey" FOREIGN KEY ("circle_id") REFERENCES "circles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

