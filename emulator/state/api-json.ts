import type { PermissionQueries } from '../permissions/queries.js';
import type { DiscordRecords } from './discord-records.js';
import type { InteractionStore } from './interactions.js';
import type { JsonObject } from './json.js';
import type {
  ChannelRecord,
  GuildRecord,
  MemberRecord,
  MessageRecord,
  ScheduledEventRecord,
} from './records.js';
import { apiChannel, apiGuild, apiMember, apiUser } from './serialize/guild.js';
import { apiMessage } from './serialize/message.js';
import { apiScheduledEvent } from './serialize/scheduled-event.js';

/** Records in Discord's JSON shapes, resolving the users, channels and interactions they refer to. */
export class ApiJson {
  constructor(
    private readonly records: DiscordRecords,
    private readonly permissions: PermissionQueries,
    private readonly interactions: InteractionStore,
    /** The emulator's base URL (`http://127.0.0.1:PORT`), read when a message is serialized. */
    private readonly cdnBase: () => string,
  ) {}

  /** API member object. */
  apiMember(guild: GuildRecord, member: MemberRecord): JsonObject {
    return apiMember(member, this.records.user(member.userId));
  }

  /** API user object by id. */
  apiUserById(id: string): JsonObject {
    return apiUser(this.records.user(id));
  }

  /** API channel object (DMs include the recipient). */
  apiChannel(channel: ChannelRecord): JsonObject {
    return apiChannel(channel, channel.recipientId ? this.records.users.get(channel.recipientId) : undefined);
  }

  /** API message object. */
  apiMessage(message: MessageRecord): JsonObject {
    const meta = message.interactionId ? this.interactions.meta(message.interactionId) : undefined;
    return apiMessage(message, (id) => this.records.users.get(id), this.cdnBase(), meta);
  }

  /** API guild scheduled event object. */
  apiScheduledEvent(event: ScheduledEventRecord, withUserCount = false): JsonObject {
    const creator = event.creatorId ? this.records.users.get(event.creatorId) : undefined;
    return apiScheduledEvent(event, creator, withUserCount);
  }

  /**
   * Full guild object for GUILD_CREATE (members: the bot's own member only, as without GUILD_MEMBERS).
   * `guild_scheduled_events` lists the scheduled / active events the bot can see, whatever its intents.
   */
  gatewayGuild(guild: GuildRecord): JsonObject {
    const bot = guild.members.get(this.records.botUserId);
    const members = bot ? [this.apiMember(guild, bot)] : [];
    const events = this.permissions
      .scheduledEventsVisibleTo(this.records.botUserId, guild.id)
      .map((e) => this.apiScheduledEvent(e));
    return apiGuild(guild, this.records.guildChannels(guild.id), members, true, events);
  }

  /** REST guild object. */
  restGuild(guild: GuildRecord): JsonObject {
    return apiGuild(guild, [], [], false);
  }
}
