/**
 * The repository port of the attendance feature: how its services read and write what the bot keeps.
 * Implemented over Prisma in `src/db/repositories`.
 */
import type { Attendance } from './model.js';

export interface AttendanceRepository {
  /** Records a check-in; false when that member already checked in to that meeting. */
  record(attendance: Attendance): Promise<boolean>;
  listForMeeting(meetingId: string): Promise<Attendance[]>;
}
