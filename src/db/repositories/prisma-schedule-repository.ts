/** Circles' recurring meeting times. */
import type { Schedule, ScheduleRepository, Weekday } from '../../services/meetings/index.js';
import type { Schedule as ScheduleRow } from '../../generated/sqlite/client.js';
import type { Db } from '../prisma-client.js';
import { CorruptRowError, type DomainColumns } from './rows.js';

function weekday(row: ScheduleRow): Weekday {
  if (Number.isInteger(row.weekday) && row.weekday >= 1 && row.weekday <= 7) return row.weekday as Weekday;
  throw new CorruptRowError(`schedule of circle ${row.circleId} has weekday ${row.weekday}`);
}

/** Maps a `schedules` row. */
export function toSchedule(row: ScheduleRow): Schedule {
  const columns: DomainColumns<Schedule, ScheduleRow> = row;
  return { ...columns, weekday: weekday(row) };
}

/** `ScheduleRepository` over Prisma: one row per circle. */
export class PrismaScheduleRepository implements ScheduleRepository {
  constructor(private readonly db: Db) {}

  async get(circleId: string): Promise<Schedule | null> {
    const row = await this.db.schedule.findUnique({ where: { circleId } });
    return row === null ? null : toSchedule(row);
  }

  /** Creates or replaces the circle's schedule (every field, `createdBy` included). */
  async save(schedule: Schedule): Promise<Schedule> {
    const { circleId, ...fields } = schedule;
    const row = await this.db.schedule.upsert({
      where: { circleId },
      create: schedule,
      update: fields,
    });
    return toSchedule(row);
  }

  /**
   * Schedules with `materialisedUntil < before` whose circle is not archived (neither in state
   * `archived` nor with `archivedAt` set), oldest `materialisedUntil` first, at most `limit`.
   */
  async listDue(before: Date, limit: number): Promise<Schedule[]> {
    const rows = await this.db.schedule.findMany({
      where: {
        materialisedUntil: { lt: before },
        circle: { state: { not: 'archived' }, archivedAt: null },
      },
      orderBy: [{ materialisedUntil: 'asc' }, { circleId: 'asc' }],
      take: limit,
    });
    return rows.map(toSchedule);
  }

  /** Moves `materialisedUntil` forward, only while the schedule is still at `revision`. */
  async extend(circleId: string, revision: number, until: Date): Promise<boolean> {
    const { count } = await this.db.schedule.updateMany({
      where: { circleId, revision, materialisedUntil: { lt: until } },
      data: { materialisedUntil: until },
    });
    return count === 1;
  }

  /** Schedules of live circles, by circle id, `limit` at a time after `afterCircleId`. */
  async list(limit: number, afterCircleId?: string): Promise<Schedule[]> {
    const rows = await this.db.schedule.findMany({
      where: {
        circle: { state: { not: 'archived' }, archivedAt: null },
        ...(afterCircleId ? { circleId: { gt: afterCircleId } } : {}),
      },
      orderBy: { circleId: 'asc' },
      take: limit,
    });
    return rows.map(toSchedule);
  }

  /** Distinct zones of the guild's live circles' schedules, most circles first, then by name. */
  async timeZonesOfGuild(guildId: string): Promise<string[]> {
    const groups = await this.db.schedule.groupBy({
      by: ['timeZone'],
      where: { circle: { guildId, state: { not: 'archived' }, archivedAt: null } },
      _count: { circleId: true },
    });
    return groups
      .sort((a, b) => b._count.circleId - a._count.circleId || a.timeZone.localeCompare(b.timeZone))
      .map((group) => group.timeZone);
  }
}
