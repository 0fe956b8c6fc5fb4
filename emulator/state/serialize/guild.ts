import type { Json, JsonObject } from '../json.js';
import {
  ChannelKind,
  type ChannelRecord,
  type GuildRecord,
  type MemberRecord,
  type RoleRecord,
  type UserRecord,
} from '../records.js';

/** Discord user object. */
export function apiUser(user: UserRecord): JsonObject {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName,
    avatar: null,
    avatar_decoration_data: null,
    banner: null,
    accent_color: null,
    bot: user.bot,
    system: false,
    public_flags: 0,
    flags: 0,
  };
}

/** Discord role object. */
export function apiRole(role: RoleRecord): JsonObject {
  const out: JsonObject = {
    id: role.id,
    name: role.name,
    color: role.color,
    colors: { primary_color: role.color, secondary_color: null, tertiary_color: null },
    hoist: role.hoist,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.botId !== undefined,
    mentionable: role.mentionable,
    flags: 0,
  };
  if (role.botId !== undefined) out['tags'] = { bot_id: role.botId };
  return out;
}

/** Discord guild member object (without `permissions`). */
export function apiMember(member: MemberRecord, user: UserRecord): JsonObject {
  return {
    user: apiUser(user),
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roles],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

/** Discord channel object (guild channel or DM). */
export function apiChannel(channel: ChannelRecord, recipient?: UserRecord): JsonObject {
  if (channel.type === ChannelKind.DM) {
    return {
      id: channel.id,
      type: ChannelKind.DM,
      last_message_id: channel.lastMessageId,
      flags: 0,
      recipients: recipient ? [apiUser(recipient)] : [],
    };
  }
  const out: JsonObject = {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position: channel.position,
    flags: 0,
    parent_id: channel.parentId,
    nsfw: channel.nsfw,
    permission_overwrites: channel.overwrites.map((o) => ({
      id: o.id,
      type: o.type,
      allow: o.allow.toString(),
      deny: o.deny.toString(),
    })),
  };
  if (channel.type === ChannelKind.Text || channel.type === ChannelKind.Announcement) {
    out['topic'] = channel.topic;
    out['last_message_id'] = channel.lastMessageId;
    out['rate_limit_per_user'] = channel.rateLimitPerUser;
    out['default_auto_archive_duration'] = null;
  } else if (channel.type === ChannelKind.Voice || channel.type === ChannelKind.Stage) {
    out['bitrate'] = channel.bitrate;
    out['user_limit'] = channel.userLimit;
    out['rtc_region'] = null;
    out['video_quality_mode'] = 1;
    out['last_message_id'] = channel.lastMessageId;
    out['rate_limit_per_user'] = channel.rateLimitPerUser;
  }
  return out;
}

/** Full GUILD_CREATE guild object. */
export function apiGuild(
  guild: GuildRecord,
  channels: ChannelRecord[],
  members: JsonObject[],
  gatewayExtras: boolean,
  scheduledEvents: JsonObject[] = [],
): JsonObject {
  const base: JsonObject = {
    id: guild.id,
    name: guild.name,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    region: 'deprecated',
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [...guild.roles.values()].map(apiRole),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: guild.systemChannelId,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    max_presences: null,
    max_members: 500000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    nsfw: false,
    incidents_data: null,
  };
  if (!gatewayExtras) return base;
  const extras: Record<string, Json> = {
    joined_at: guild.createdAt,
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    members,
    channels: channels.map((c) => apiChannel(c)),
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: scheduledEvents,
    soundboard_sounds: [],
  };
  return { ...base, ...extras };
}
