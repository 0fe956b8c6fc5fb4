import type { DiscordRecords } from '../state/discord-records.js';
import type { ScheduledEventRecord } from '../state/records.js';
import { P, computeBasePermissions, computeChannelPermissions, has } from './compute.js';

/** Who holds which permissions and who sees what, computed over the records with Discord's algorithm. */
export class PermissionQueries {
  constructor(private readonly records: DiscordRecords) {}

  /** Permissions of a user in a channel (0n for DMs / non-members). */
  permissionsIn(userId: string, channelId: string): bigint {
    const channel = this.records.channel(channelId);
    if (!channel.guildId) return 0n;
    return computeChannelPermissions(this.records.guild(channel.guildId), userId, channel);
  }

  /** Guild-level permissions of a member. */
  guildPermissions(guildId: string, userId: string): bigint {
    return computeBasePermissions(this.records.guild(guildId), userId);
  }

  /** Permissions of a user: in `channelId` when given, else guild-level in `guildId`. */
  permissionsFor(guildId: string | undefined, userId: string, channelId?: string): bigint {
    if (channelId) return this.permissionsIn(userId, channelId);
    if (!guildId) throw new Error('permissionsFor needs a guildId or a channelId');
    return this.guildPermissions(guildId, userId);
  }

  /** Whether a user can view a channel (DMs: the recipient and the bot). */
  canView(userId: string, channelId: string): boolean {
    const channel = this.records.channel(channelId);
    if (!channel.guildId) return userId === channel.recipientId || userId === this.records.botUserId;
    return has(this.permissionsIn(userId, channelId), P.ViewChannel);
  }

  /** Ids of guild members who can view a channel. */
  viewersOf(channelId: string): string[] {
    const channel = this.records.channel(channelId);
    if (!channel.guildId) return [channel.recipientId ?? '', this.records.botUserId].filter(Boolean);
    return [...this.records.guild(channel.guildId).members.keys()].filter((id) =>
      this.canView(id, channelId),
    );
  }

  /**
   * Scheduled or active events of a guild that `userId` sees in the Events list: external ones for every
   * member, voice / stage ones only when the user can view the channel.
   */
  scheduledEventsVisibleTo(userId: string, guildId: string): ScheduledEventRecord[] {
    const guild = this.records.guild(guildId);
    if (!guild.members.has(userId)) return [];
    return [...this.records.scheduledEventMap.values()].filter(
      (e) =>
        e.guildId === guildId &&
        (e.status === 1 || e.status === 2) &&
        (e.channelId === null ||
          (this.records.channelMap.has(e.channelId) &&
            has(this.permissionsIn(userId, e.channelId), P.ViewChannel))),
    );
  }
}
