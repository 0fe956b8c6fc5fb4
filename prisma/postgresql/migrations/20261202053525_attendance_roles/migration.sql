-- AlterTable: each existing check-in keeps its one role as its list of roles.
ALTER TABLE "attendance" RENAME COLUMN "role" TO "roles";
