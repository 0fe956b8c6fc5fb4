/** Check-ins to meetings. */
import type { Attendance, AttendanceRepository, AttendanceRole } from '../../services/attendance/index.js';
import type { Attendance as AttendanceRow } from '../../generated/sqlite/client.js';
import type { Db } from '../prisma-client.js';
import type { Provider } from '../migrations/migrations.js';
import { SKIP_DUPLICATES } from '../migrations/create-missing.js';
import { uniqueViolation } from '../errors.js';
import { oneOf, type DomainColumns } from './rows.js';

/** Every attendance role; `satisfies` keeps the list in step with the type. */
export const ATTENDANCE_ROLES = Object.keys({ participant: 1, facilitator: 1, presenter: 1 } satisfies Record<
  AttendanceRole,
  1
>) as AttendanceRole[];

/** Maps an `attendance` row. */
export function toAttendance(row: AttendanceRow): Attendance {
  const columns: DomainColumns<Attendance, AttendanceRow> = row;
  return { ...columns, role: oneOf(ATTENDANCE_ROLES, row.role, 'attendance.role') };
}

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
