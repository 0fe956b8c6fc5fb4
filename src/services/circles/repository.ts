/**
 * The repository port of the circles feature: how its services read and write what the bot keeps.
 * Implemented over Prisma in `src/db/repositories`.
 */
import type { Circle, EnrolmentState, Exposure, NewCircle } from './model.js';

/** The fields of a circle that `update` may change; a field left out stays as it is. */
export type CirclePatch = Partial<
  Pick<
    Circle,
    | 'name'
    | 'capacity'
    | 'state'
    | 'agreementVersion'
    | 'archivedAt'
    | 'leaderId'
    | 'coLeaderId'
    | 'reminderLeadMinutes'
    | 'reflectionPrompt'
    | 'mentionMembers'
    | 'attendanceMinimum'
    | 'attendanceWindow'
    | 'dropInPlaces'
    | 'textChannelId'
    | 'voiceChannelId'
  >
>;

/** Circles, their names (unique per server) and their exposure. */
export interface CircleRepository {
  /** Creates the circle and its first agreement (version 1). Throws `DuplicateError` on a taken name. */
  create(circle: NewCircle): Promise<Circle>;
  findById(id: string): Promise<Circle | null>;
  /** Case-insensitive match on the name within one server. */
  findByName(guildId: string, name: string): Promise<Circle | null>;
  findByChannel(channelId: string): Promise<Circle | null>;
  /** Circles of a server in the given states, ordered by name; `prefix` filters names case-insensitively. */
  list(
    guildId: string,
    options: { states: EnrolmentState[]; prefix?: string; limit?: number },
  ): Promise<Circle[]>;
  /** Applies `patch`. Throws `DuplicateError` on a taken name, `NotFoundError` when the circle is gone. */
  update(id: string, patch: CirclePatch): Promise<Circle>;
  /**
   * Marks a circle exposed, unless it already is with this or a graver exposure (see `EXPOSURES`).
   * A conditional update: of several processes noticing the same thing, exactly one gets true.
   */
  markExposed(id: string, exposure: Exposure, at: Date): Promise<boolean>;
  /** Clears the exposure if it is one of `exposures`; returns whether it was cleared. */
  clearExposure(id: string, exposures: readonly Exposure[]): Promise<boolean>;
}
