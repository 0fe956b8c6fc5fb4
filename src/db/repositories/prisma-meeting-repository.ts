/** Meetings: the occurrences of a circle's schedule. */
import type {
  Meeting,
  MeetingPatch,
  MeetingRepository,
  MeetingStatus,
  NewMeeting,
} from '../../services/meetings/index.js';
import { NotFoundError } from '../../services/kernel/index.js';
import type { Meeting as MeetingRow, Prisma } from '../../generated/sqlite/client.js';
import type { Db } from '../prisma-client.js';
import type { Provider } from '../migrations/migrations.js';
import { createMissing, SKIP_DUPLICATES, type MissingRowsTable } from '../migrations/create-missing.js';
import { isNotFound } from '../errors.js';
import { oneOf, type DomainColumns } from './rows.js';
import { updateData } from './update-data.js';

/** Every meeting status; `satisfies` keeps the list in step with the type. */
export const MEETING_STATUSES = Object.keys({ scheduled: 1, cancelled: 1, held: 1 } satisfies Record<
  MeetingStatus,
  1
>) as MeetingStatus[];

/** Maps a `meetings` row. */
export function toMeeting(row: MeetingRow): Meeting {
  const columns: DomainColumns<Meeting, MeetingRow> = row;
  return { ...columns, status: oneOf(MEETING_STATUSES, row.status, 'meeting.status') };
}

const keyOf = (meeting: { circleId: string; occurrence: string }): string =>
  JSON.stringify([meeting.circleId, meeting.occurrence]);

/** `MeetingRepository` over Prisma; a meeting is unique per circle and occurrence. */
export class PrismaMeetingRepository implements MeetingRepository {
  readonly #table: MissingRowsTable<Prisma.MeetingCreateManyInput, MeetingRow>;

  constructor(
    private readonly db: Db,
    private readonly provider: Provider,
  ) {
    this.#table = {
      keyOf,
      insertSkippingDuplicates: (data) => this.db.meeting.createManyAndReturn({ data, ...SKIP_DUPLICATES }),
      existingKeys: async (data) => {
        const rows = await this.db.meeting.findMany({
          where: {
            circleId: { in: [...new Set(data.map((row) => row.circleId))] },
            occurrence: { in: [...new Set(data.map((row) => row.occurrence))] },
          },
          select: { circleId: true, occurrence: true },
        });
        return new Set(rows.map(keyOf));
      },
      insertAll: (data) => this.db.meeting.createManyAndReturn({ data }),
      insertOne: (data) => this.db.meeting.create({ data }),
    };
  }

  /**
   * Creates, in status `scheduled`, the meetings whose (circle, occurrence) does not exist yet;
   * a meeting another process created meanwhile counts as existing. Returns those created.
   */
  async createMany(meetings: NewMeeting[]): Promise<Meeting[]> {
    const data = meetings.map((meeting): Prisma.MeetingCreateManyInput => ({
      circleId: meeting.circleId,
      guildId: meeting.guildId,
      occurrence: meeting.occurrence,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      status: 'scheduled',
    }));
    const rows = await createMissing(this.provider, this.#table, data);
    return rows.map(toMeeting);
  }

  async findById(id: string): Promise<Meeting | null> {
    const row = await this.db.meeting.findUnique({ where: { id } });
    return row === null ? null : toMeeting(row);
  }

  async findByOccurrence(circleId: string, occurrence: string): Promise<Meeting | null> {
    const row = await this.db.meeting.findUnique({
      where: { circleId_occurrence: { circleId, occurrence } },
    });
    return row === null ? null : toMeeting(row);
  }

  /** Meetings of the circle with `endsAt > after` in `statuses`, earliest start first (ties by occurrence). */
  async listUpcoming(
    circleId: string,
    after: Date,
    options: { statuses: MeetingStatus[]; limit?: number },
  ): Promise<Meeting[]> {
    const rows = await this.db.meeting.findMany({
      where: { circleId, status: { in: options.statuses }, endsAt: { gt: after } },
      orderBy: [{ startsAt: 'asc' }, { occurrence: 'asc' }],
      ...(options.limit !== undefined ? { take: options.limit } : {}),
    });
    return rows.map(toMeeting);
  }

  /** Meetings not cancelled that started in `[from, to)`, by start (latest first with `latest`). */
  async listHeld(
    circleId: string,
    range: { from: Date; to: Date },
    options: { limit?: number; latest?: boolean } = {},
  ): Promise<Meeting[]> {
    const order = options.latest ? 'desc' : 'asc';
    const rows = await this.db.meeting.findMany({
      where: { circleId, status: { not: 'cancelled' }, startsAt: { gte: range.from, lt: range.to } },
      orderBy: [{ startsAt: order }, { occurrence: order }],
      ...(options.limit !== undefined ? { take: options.limit } : {}),
    });
    return rows.map(toMeeting);
  }

  /** Unreviewed meetings not cancelled with `since < endsAt <= before`, earliest end first. */
  async listUnreviewed(since: Date, before: Date, limit: number): Promise<Meeting[]> {
    const rows = await this.db.meeting.findMany({
      where: { reviewedAt: null, status: { not: 'cancelled' }, endsAt: { gt: since, lte: before } },
      orderBy: [{ endsAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
    return rows.map(toMeeting);
  }

  /** One conditional UPDATE on `reviewed_at` being null: of several processes, one gets true. */
  async markReviewed(id: string, at: Date): Promise<boolean> {
    const { count } = await this.db.meeting.updateMany({
      where: { id, reviewedAt: null },
      data: { reviewedAt: at },
    });
    return count === 1;
  }

  /** Meetings with a scheduled event and `endsAt <= before`, earliest end first, at most `limit`. */
  async listEndedWithEvent(before: Date, limit: number): Promise<Meeting[]> {
    const rows = await this.db.meeting.findMany({
      where: { scheduledEventId: { not: null }, endsAt: { lte: before } },
      orderBy: [{ endsAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
    return rows.map(toMeeting);
  }

  /** Applies `patch`; `NotFoundError` when the meeting is gone. */
  async update(id: string, patch: MeetingPatch): Promise<Meeting> {
    const data = updateData<MeetingPatch, Prisma.MeetingUpdateInput>(patch);
    try {
      return toMeeting(await this.db.meeting.update({ where: { id }, data }));
    } catch (error) {
      if (isNotFound(error)) throw new NotFoundError('That meeting no longer exists.');
      throw error;
    }
  }

  /** One conditional UPDATE: sets the event id to `next` only while it is `expected` (null: none). */
  async setEventIdIf(id: string, expected: string | null, next: string | null): Promise<boolean> {
    const { count } = await this.db.meeting.updateMany({
      where: { id, scheduledEventId: expected },
      data: { scheduledEventId: next },
    });
    return count === 1;
  }

  /** Fixes the facilitation once (conditional on `assigned_at` being null). */
  async fixAssignment(
    id: string,
    assignment: {
      facilitatorId: string | null;
      coFacilitatorId: string | null;
      turnOwnerId: string | null;
      assignedAt: Date;
    },
  ): Promise<boolean> {
    const { count } = await this.db.meeting.updateMany({ where: { id, assignedAt: null }, data: assignment });
    return count === 1;
  }

  /** The latest fixed turn of each member in a circle (cancelled meetings do not count). */
  async lastTurns(circleId: string): Promise<Record<string, Date>> {
    const rows = await this.db.meeting.groupBy({
      by: ['turnOwnerId'],
      where: {
        circleId,
        assignedAt: { not: null },
        turnOwnerId: { not: null },
        status: { not: 'cancelled' },
      },
      _max: { startsAt: true },
    });
    return Object.fromEntries(
      rows.flatMap((r) => (r.turnOwnerId && r._max.startsAt ? [[r.turnOwnerId, r._max.startsAt]] : [])),
    );
  }
}
