/** Circles and their first agreement. */
import {
  type Circle,
  CIRCLE_KINDS,
  circleNameKey,
  type CirclePatch,
  type CircleRepository,
  type EnrolmentState,
  type Exposure,
  EXPOSURES,
  FACILITATION_MODES,
  type NewCircle,
} from '../../services/circles/index.js';
import { NotFoundError } from '../../services/kernel/index.js';
import type { Circle as CircleRow, Prisma } from '../../generated/sqlite/client.js';
import type { Db } from '../prisma-client.js';
import { isNotFound, mapDuplicate } from '../errors.js';
import { CorruptRowError, oneOf, withoutColumns, type DomainColumns } from './rows.js';
import { updateData } from './update-data.js';

/** Every enrolment state; `satisfies` keeps the list in step with the type. */
export const ENROLMENT_STATES = Object.keys({ open: 1, locked: 1, archived: 1 } satisfies Record<
  EnrolmentState,
  1
>) as EnrolmentState[];

/** The unique key of a circle name (see {@link circleNameKey}). */
export function nameKeyOf(name: string): string {
  return circleNameKey(name);
}

/**
 * The stored form of `Circle.reminderLeadMinutes`: JSON text of the distinct minutes, largest first.
 * @param minutes - Whole minutes before a meeting.
 * @returns JSON text such as `[60,15]`.
 */
export function leadMinutesText(minutes: readonly number[]): string {
  for (const minute of minutes) {
    if (!Number.isSafeInteger(minute)) throw new RangeError(`reminder lead ${minute} is not a whole number`);
  }
  return JSON.stringify([...new Set(minutes)].sort((a, b) => b - a));
}

function parseLeadMinutes(circleId: string, text: string): number[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CorruptRowError(`circle ${circleId} has invalid JSON reminder_lead_minutes`);
  }
  if (!Array.isArray(value) || !value.every((item) => Number.isSafeInteger(item))) {
    throw new CorruptRowError(`circle ${circleId} reminder_lead_minutes is not an array of whole numbers`);
  }
  return value as number[];
}

/** Maps a `circles` row (its `nameKey` stays behind). */
export function toCircle(row: CircleRow): Circle {
  const columns: DomainColumns<Circle, CircleRow, 'nameKey'> = withoutColumns(row, 'nameKey');
  return {
    ...columns,
    kind: oneOf(CIRCLE_KINDS, row.kind, 'circle.kind'),
    state: oneOf(ENROLMENT_STATES, row.state, 'circle.state'),
    facilitation: oneOf(FACILITATION_MODES, row.facilitation, 'circle.facilitation'),
    reminderLeadMinutes: parseLeadMinutes(row.id, row.reminderLeadMinutes),
    exposure: row.exposure === null ? null : oneOf(EXPOSURES, row.exposure, 'circle.exposure'),
  };
}

/** Characters LIKE treats specially; Prisma's `startsWith` does not escape them. */
const LIKE_SPECIAL = /[%_\\]/;

/** `CircleRepository` over Prisma; names are unique per server through `nameKey`. */
export class PrismaCircleRepository implements CircleRepository {
  constructor(private readonly db: Db) {}

  /** Creates the circle (state `open`) and agreement version 1; `DuplicateError` on a taken name or channel. */
  async create(circle: NewCircle): Promise<Circle> {
    const row = await mapDuplicate('Circle', () =>
      this.db.circle.create({
        data: {
          guildId: circle.guildId,
          name: circle.name,
          nameKey: nameKeyOf(circle.name),
          kind: circle.kind,
          capacity: circle.capacity,
          state: 'open',
          facilitation: circle.facilitation,
          textChannelId: circle.textChannelId,
          voiceChannelId: circle.voiceChannelId,
          agreementVersion: 1,
          createdAt: circle.createdAt,
          agreements: {
            create: {
              version: 1,
              text: circle.agreementText,
              createdBy: circle.createdBy,
              createdAt: circle.createdAt,
            },
          },
        },
      }),
    );
    return toCircle(row);
  }

  async findById(id: string): Promise<Circle | null> {
    const row = await this.db.circle.findUnique({ where: { id } });
    return row === null ? null : toCircle(row);
  }

  /**
   * The circle whose name looks like `name`. A name written exactly as stored wins: two circles
   * created before look-alike names were folded may share a look (see rekeyCircleNames), and each
   * must stay reachable by its own name.
   */
  async findByName(guildId: string, name: string): Promise<Circle | null> {
    const row = await this.db.circle.findUnique({
      where: { guildId_nameKey: { guildId, nameKey: nameKeyOf(name) } },
    });
    if (row !== null && row.name !== name) {
      const exact = await this.db.circle.findFirst({ where: { guildId, name } });
      if (exact !== null) return toCircle(exact);
    }
    return row === null ? null : toCircle(row);
  }

  async findByChannel(channelId: string): Promise<Circle | null> {
    const row = await this.db.circle.findFirst({
      where: { OR: [{ textChannelId: channelId }, { voiceChannelId: channelId }] },
    });
    return row === null ? null : toCircle(row);
  }

  /**
   * Circles in `states`, ordered by name (case-insensitively). A `prefix` holding a LIKE wildcard
   * (`%`, `_`, `\`) is matched in memory after the database narrows on the part before it.
   */
  async list(
    guildId: string,
    options: { states: EnrolmentState[]; prefix?: string; limit?: number },
  ): Promise<Circle[]> {
    const prefix = options.prefix === undefined ? '' : nameKeyOf(options.prefix);
    const special = prefix.search(LIKE_SPECIAL);
    const safePrefix = special === -1 ? prefix : prefix.slice(0, special);
    const where: Prisma.CircleWhereInput = { guildId, state: { in: options.states } };
    if (safePrefix !== '') where.nameKey = { startsWith: safePrefix };
    const rows = await this.db.circle.findMany({
      where,
      orderBy: { nameKey: 'asc' },
      ...(special === -1 && options.limit !== undefined ? { take: options.limit } : {}),
    });
    const matching = special === -1 ? rows : rows.filter((row) => row.nameKey.startsWith(prefix));
    return matching.slice(0, options.limit ?? matching.length).map(toCircle);
  }

  /**
   * Applies `patch` (a new name moves the name key too; reminder leads are stored distinct, largest
   * first); `DuplicateError` on a taken name.
   */
  async update(id: string, patch: CirclePatch): Promise<Circle> {
    const data = updateData<CirclePatch, Prisma.CircleUpdateInput>(patch, {
      name: (name) => ({ name, nameKey: nameKeyOf(name) }),
      reminderLeadMinutes: (minutes) => ({ reminderLeadMinutes: leadMinutesText(minutes) }),
    });
    try {
      return toCircle(await mapDuplicate('Circle', () => this.db.circle.update({ where: { id }, data })));
    } catch (error) {
      if (isNotFound(error)) throw new NotFoundError('That circle no longer exists.');
      throw error;
    }
  }

  /**
   * Two conditional updates: a circle not exposed gets the exposure and its time; one exposed less
   * gravely gets the graver exposure and keeps the time it was first exposed.
   */
  async markExposed(id: string, exposure: Exposure, at: Date): Promise<boolean> {
    const fresh = await this.db.circle.updateMany({
      where: { id, exposure: null },
      data: { exposure, exposedAt: at },
    });
    if (fresh.count === 1) return true;
    const lesser = EXPOSURES.slice(0, EXPOSURES.indexOf(exposure));
    if (lesser.length === 0) return false;
    const graver = await this.db.circle.updateMany({
      where: { id, exposure: { in: lesser } },
      data: { exposure },
    });
    return graver.count === 1;
  }

  async clearExposure(id: string, exposures: readonly Exposure[]): Promise<boolean> {
    const cleared = await this.db.circle.updateMany({
      where: { id, exposure: { in: [...exposures] } },
      data: { exposure: null, exposedAt: null },
    });
    return cleared.count === 1;
  }
}
