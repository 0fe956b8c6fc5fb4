-- AlterTable
ALTER TABLE "guild_settings" ADD COLUMN     "keep_attendance_years" INTEGER,
ADD COLUMN     "keep_audit_years" INTEGER,
ADD COLUMN     "keep_ended_membership_years" INTEGER;

