import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type {
  ChannelRecord,
  GuildRecord,
  MessageRecord,
  ScheduledEventRecord,
  UserRecord,
} from './records.js';
import { SnowflakeGenerator } from './snowflake.js';

/** One REST action recorded with its `X-Audit-Log-Reason`. */
export interface AuditLogEntry {
  guildId: string | null;
  /** E.g. `POST /guilds/:guild/channels`. */
  action: string;
  targetId: string | null;
  reason: string | undefined;
  time: number;
}

/** All in-memory Discord data: ids, the bot's identity, users, guilds, channels, messages, events, lookups. */
export class DiscordRecords {
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
  /** Audit-log entries written through REST (from `X-Audit-Log-Reason`). */
  readonly auditLog: AuditLogEntry[] = [];

  constructor(
    /** Internal change notifications (`message`, `channelUpdate`, ...) with the records as payloads. */
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

  /** Guild channels sorted by position then id. */
  guildChannels(guildId: string): ChannelRecord[] {
    return [...this.channelMap.values()]
      .filter((c) => c.guildId === guildId)
      .sort((a, b) => a.position - b.position || (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }
}
