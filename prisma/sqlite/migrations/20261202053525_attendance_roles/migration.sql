-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_attendance" (
    "meeting_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "circle_id" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "checked_in_at" DATETIME NOT NULL,

    PRIMARY KEY ("meeting_id", "user_id"),
    CONSTRAINT "attendance_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Each existing check-in keeps its one role as its list of roles.
INSERT INTO "new_attendance" ("checked_in_at", "circle_id", "meeting_id", "user_id", "roles") SELECT "checked_in_at", "circle_id", "meeting_id", "user_id", "role" FROM "attendance";
DROP TABLE "attendance";
ALTER TABLE "new_attendance" RENAME TO "attendance";
CREATE INDEX "attendance_circle_id_user_id_idx" ON "attendance"("circle_id", "user_id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

