/** Check-ins to meetings. */
import type { Attendance, AttendanceRepository } from '../../services/attendance/index.js';
import type { Db } from '../prisma-client.js';
import type { Provider } from '../migrations/migrations.js';
import { SKIP_DUPLICATES } from '../migrations/create-missing.js';
import { uniqueViolation } from '../errors.js';
import { toAttendance } from './meeting-mappers.js';

/** `AttendanceRepository` over Prisma; one check-in per member and meeting. */
export class PrismaAttendanceRepository implements AttendanceRepository {
  constructor(
    private readonly db: Db,
    private readonly provider: Provider,
  ) {}

  /**
   * Records the check-in; false when the member had already checked in (the first one stays).
   * PostgreSQL skips the duplicate with ON CONFLICT DO NOTHING so an open transaction stays
   * usable; SQLite rolls back only the failing statement.
   */
  async record(attendance: Attendance): Promise<boolean> {
    const data = { ...attendance };
    if (this.provider === 'postgresql') {
      const { count } = await this.db.attendance.createMany({ data: [data], ...SKIP_DUPLICATES });
      return count === 1;
    }
    try {
      await this.db.attendance.create({ data });
      return true;
    } catch (error) {
      if (uniqueViolation(error) !== null) return false;
      throw error;
    }
  }

  /** Check-ins of a meeting, earliest first. */
  async listForMeeting(meetingId: string): Promise<Attendance[]> {
    const rows = await this.db.attendance.findMany({
      where: { meetingId },
      orderBy: [{ checkedInAt: 'asc' }, { userId: 'asc' }],
    });
    return rows.map(toAttendance);
  }
}
