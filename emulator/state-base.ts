import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { P, computeBasePermissions, computeChannelPermissions, has } from './permissions.js';
import { apiChannel, apiMember, apiMessage, apiScheduledEvent, apiUser } from './serialize.js';
import { SnowflakeGenerator } from './snowflake.js';
import type {
  ChannelRecord,
  GuildRecord,
  JsonObject,
  MemberRecord,
  MessageRecord,
  OverwriteInput,
  ScheduledEventRecord,
  UserRecord,
} from './types.js';

/** Gateway intent bits relevant to which dispatches a session receives. */
export const Intent = { Guilds: 1 << 0, GuildMembers: 1 << 1, GuildScheduledEvents: 1 << 16 } as const;

/** Sends a dispatch to every identified gateway session whose intents include `intent` (0 = always). */
export type DispatchFn = (event: string, data: JsonObject, intent: number) => void;

/** One REST action recorded with its `X-Audit-Log-Reason`. */
export interface AuditLogEntry {
  guildId: string | null;
  /** E.g. `POST /guilds/:guild/channels`. */
  action: string;
  targetId: string | null;
  reason: string | undefined;
  time: number;
}

/** Options for {@link EmulatorState.createGuild}. */
export interface CreateGuildOptions {
  name: string;
  /** Owner user id; a user is created when omitted. */
  ownerId?: string;
  /** Permissions of the bot's managed role. */
  botPermissions?: bigint;
  /** Permissions of @everyone. */
  everyonePermissions?: bigint;
}

/** Options for creating a channel. */
export interface CreateChannelOptions {
  name: string;
  type?: number;
  parentId?: string | null;
  topic?: string | null;
  position?: number;
  overwrites?: OverwriteInput[];
  bitrate?: number;
  userLimit?: number;
  nsfw?: boolean;
  rateLimitPerUser?: number;
}

/** All in-memory Discord data, plus the dispatch hook to the gateway. */
/** Core in-memory data: ids, users, lookups, permission queries and JSON serialization. */
export class StateBase {
  readonly ids = new SnowflakeGenerator();
  readonly users = new Map<string, UserRecord>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly channelMap = new Map<string, ChannelRecord>();
  readonly messageMap = new Map<string, MessageRecord>();
  readonly scheduledEventMap = new Map<string, ScheduledEventRecord>();
  /** DM channel id by recipient user id. */
  readonly dmChannels = new Map<string, string>();
  readonly botUserId: string;
  readonly applicationId: string;
  readonly botToken: string;
  dispatch: DispatchFn = () => {};
  /** Audit-log entries written through REST (from `X-Audit-Log-Reason`). */
  readonly auditLog: AuditLogEntry[] = [];

  constructor(
    readonly events: EventEmitter,
    botUsername = 'Circlekeeper',
  ) {
    this.botUserId = this.ids.next();
    this.applicationId = this.botUserId;
    this.users.set(this.botUserId, {
      id: this.botUserId,
      username: botUsername,
      globalName: null,
      bot: true,
      dmsOpen: false,
    });
    const idPart = Buffer.from(this.botUserId).toString('base64url');
    this.botToken = `${idPart}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
  }

  /** Creates a user and returns its id. */
  createUser(opts: { username: string; globalName?: string; dmsOpen?: boolean; bot?: boolean }): string {
    const id = this.ids.next();
    this.users.set(id, {
      id,
      username: opts.username,
      globalName: opts.globalName ?? null,
      bot: opts.bot ?? false,
      dmsOpen: opts.dmsOpen ?? true,
    });
    return id;
  }

  /** Looks up a user or throws. */
  user(id: string): UserRecord {
    const user = this.users.get(id);
    if (!user) throw new Error(`Emulator: unknown user ${id}`);
    return user;
  }

  /** Looks up a guild or throws. */
  guild(id: string): GuildRecord {
    const guild = this.guilds.get(id);
    if (!guild) throw new Error(`Emulator: unknown guild ${id}`);
    return guild;
  }

  /** Looks up a channel or throws. */
  channel(id: string): ChannelRecord {
    const channel = this.channelMap.get(id);
    if (!channel) throw new Error(`Emulator: unknown channel ${id}`);
    return channel;
  }

  /** Permissions of a user in a channel (0n for DMs / non-members). */
  permissionsIn(userId: string, channelId: string): bigint {
    const channel = this.channel(channelId);
    if (!channel.guildId) return 0n;
    return computeChannelPermissions(this.guild(channel.guildId), userId, channel);
  }

  /** Guild-level permissions of a member. */
  guildPermissions(guildId: string, userId: string): bigint {
    return computeBasePermissions(this.guild(guildId), userId);
  }

  /** API member object. */
  apiMember(guild: GuildRecord, member: MemberRecord): JsonObject {
    return apiMember(member, this.user(member.userId));
  }

  /** API user object by id. */
  apiUserById(id: string): JsonObject {
    return apiUser(this.user(id));
  }

  /** API channel object (DMs include the recipient). */
  apiChannel(channel: ChannelRecord): JsonObject {
    return apiChannel(channel, channel.recipientId ? this.users.get(channel.recipientId) : undefined);
  }

  /** Resolves `interaction_metadata` for messages produced by interactions (set by the interaction store). */
  interactionMeta: (
    interactionId: string,
  ) => { id: string; type: number; userId: string; name?: string; owners?: JsonObject } | undefined = () =>
    undefined;

  /** API message object. */
  apiMessage(message: MessageRecord): JsonObject {
    const meta = message.interactionId ? this.interactionMeta(message.interactionId) : undefined;
    return apiMessage(message, (id) => this.users.get(id), meta);
  }

  /**
   * Scheduled or active events of a guild that `userId` sees in the Events list: external ones for every
   * member, voice / stage ones only when the user can view the channel.
   */
  scheduledEventsVisibleTo(userId: string, guildId: string): ScheduledEventRecord[] {
    const guild = this.guild(guildId);
    if (!guild.members.has(userId)) return [];
    return [...this.scheduledEventMap.values()].filter(
      (e) =>
        e.guildId === guildId &&
        (e.status === 1 || e.status === 2) &&
        (e.channelId === null ||
          (this.channelMap.has(e.channelId) && has(this.permissionsIn(userId, e.channelId), P.ViewChannel))),
    );
  }

  /** API guild scheduled event object. */
  apiScheduledEvent(event: ScheduledEventRecord, withUserCount = false): JsonObject {
    const creator = event.creatorId ? this.users.get(event.creatorId) : undefined;
    return apiScheduledEvent(event, creator, withUserCount);
  }
}
