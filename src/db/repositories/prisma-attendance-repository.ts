/** Check-ins to meetings. */
import {
  ATTENDANCE_ROLES,
  type Attendance,
  type AttendanceRepository,
  type AttendanceRole,
  type AttendedMeeting,
} from '../../services/attendance/index.js';
import type { Attendance as AttendanceRow } from '../../generated/sqlite/client.js';
import type { Db } from '../prisma-client.js';
import type { Provider } from '../migrations/migrations.js';
import { SKIP_DUPLICATES } from '../migrations/create-missing.js';
import { uniqueViolation } from '../errors.js';
import { toMeeting } from './prisma-meeting-repository.js';
import { oneOf, type DomainColumns } from './rows.js';

/** Roles are stored as one comma-separated column, in the order of `ATTENDANCE_ROLES`. */
export function rolesText(roles: readonly AttendanceRole[]): string {
  return ATTENDANCE_ROLES.filter((role) => roles.includes(role)).join(',');
}

/** Maps an `attendance` row. */
export function toAttendance(row: AttendanceRow): Attendance {
  const { roles, ...columns }: Omit<DomainColumns<Attendance, AttendanceRow>, 'roles'> & { roles: string } =
    row;
  return {
    ...columns,
    roles: roles.split(',').map((role) => oneOf(ATTENDANCE_ROLES, role, 'attendance.roles')),
  };
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
    const data = { ...attendance, roles: rolesText(attendance.roles) };
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

  /**
   * Adds the role, or records the attendance with it (the insert is skipped on a duplicate). The
   * update reads the roles it extends, so callers that may race run it in a store transaction
   * (serializable: a conflicting writer is retried), as `/case next` and corrections do.
   */
  async addRole(attendance: Omit<Attendance, 'roles'>, role: AttendanceRole): Promise<void> {
    if (await this.record({ ...attendance, roles: [role] })) return;
    const where = { meetingId_userId: { meetingId: attendance.meetingId, userId: attendance.userId } };
    const row = await this.db.attendance.findUnique({ where });
    if (row === null) return;
    const roles = toAttendance(row).roles;
    if (roles.includes(role)) return;
    await this.db.attendance.update({ where, data: { roles: rolesText([...roles, role]) } });
  }

  /** A member's attended meetings in some circles and a time range, earliest first. */
  async listForMember(
    userId: string,
    filter: { circleIds: readonly string[]; from: Date; to: Date },
  ): Promise<AttendedMeeting[]> {
    const rows = await this.db.attendance.findMany({
      where: {
        userId,
        circleId: { in: [...filter.circleIds] },
        meeting: { startsAt: { gte: filter.from, lt: filter.to } },
      },
      include: { meeting: true },
      orderBy: [{ meeting: { startsAt: 'asc' } }, { meetingId: 'asc' }],
    });
    return rows.map(({ meeting, ...row }) => ({
      attendance: toAttendance(row),
      meeting: toMeeting(meeting),
    }));
  }

  /** Removes the role, and the row with the last one. */
  async removeRole(meetingId: string, userId: string, role: AttendanceRole): Promise<boolean> {
    const where = { meetingId_userId: { meetingId, userId } };
    const row = await this.db.attendance.findUnique({ where });
    if (row === null) return false;
    const roles = toAttendance(row).roles;
    if (!roles.includes(role)) return false;
    const left = roles.filter((held) => held !== role);
    if (left.length === 0) await this.db.attendance.delete({ where });
    else await this.db.attendance.update({ where, data: { roles: rolesText(left) } });
    return true;
  }

  /** One statement, so that several processes purging at once delete each row once. */
  async purgeBefore(cutoff: Date): Promise<number> {
    const { count } = await this.db.attendance.deleteMany({
      where: { meeting: { startsAt: { lt: cutoff } } },
    });
    return count;
  }

  /** Every attendance of a circle's meetings in a range, by meeting start, then check-in. */
  async listForCircle(circleId: string, range: { from: Date; to: Date }): Promise<AttendedMeeting[]> {
    const rows = await this.db.attendance.findMany({
      where: { circleId, meeting: { startsAt: { gte: range.from, lt: range.to } } },
      include: { meeting: true },
      orderBy: [
        { meeting: { startsAt: 'asc' } },
        { meetingId: 'asc' },
        { checkedInAt: 'asc' },
        { userId: 'asc' },
      ],
    });
    return rows.map(({ meeting, ...row }) => ({
      attendance: toAttendance(row),
      meeting: toMeeting(meeting),
    }));
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
