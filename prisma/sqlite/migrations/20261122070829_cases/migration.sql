-- CreateTable
CREATE TABLE "case_requests" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "circle_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "label" TEXT,
    "question" TEXT,
    "submitted_at" DATETIME NOT NULL,
    "taken_at" DATETIME,
    "meeting_id" TEXT,
    "closed_at" DATETIME,
    CONSTRAINT "case_requests_circle_id_fkey" FOREIGN KEY ("circle_id") REFERENCES "circles" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "case_requests_circle_id_status_submitted_at_idx" ON "case_requests"("circle_id", "status", "submitted_at");

-- CreateIndex
CREATE INDEX "case_requests_circle_id_user_id_status_idx" ON "case_requests"("circle_id", "user_id", "status");

