/** Circles and their first agreement. */
import {
  type Circle,
  type CirclePatch,
  type CircleRepository,
  type EnrolmentState,
  type Exposure,
  EXPOSURES,
  type NewCircle,
} from '../../services/circles/index.js';
import { NotFoundError } from '../../services/kernel/index.js';
import type { Prisma } from '../../generated/sqlite/client.js';
import type { Db } from '../prisma-client.js';
import { isNotFound, mapDuplicate } from '../errors.js';
import { leadMinutesText, nameKeyOf, toCircle } from './mappers.js';

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
    const data: Prisma.CircleUpdateInput = {};
    if (patch.name !== undefined) {
      data.name = patch.name;
      data.nameKey = nameKeyOf(patch.name);
    }
    if (patch.capacity !== undefined) data.capacity = patch.capacity;
    if (patch.state !== undefined) data.state = patch.state;
    if (patch.agreementVersion !== undefined) data.agreementVersion = patch.agreementVersion;
    if (patch.archivedAt !== undefined) data.archivedAt = patch.archivedAt;
    if (patch.leaderId !== undefined) data.leaderId = patch.leaderId;
    if (patch.coLeaderId !== undefined) data.coLeaderId = patch.coLeaderId;
    if (patch.reminderLeadMinutes !== undefined)
      data.reminderLeadMinutes = leadMinutesText(patch.reminderLeadMinutes);
    if (patch.reflectionPrompt !== undefined) data.reflectionPrompt = patch.reflectionPrompt;
    if (patch.textChannelId !== undefined) data.textChannelId = patch.textChannelId;
    if (patch.voiceChannelId !== undefined) data.voiceChannelId = patch.voiceChannelId;
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
