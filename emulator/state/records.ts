import type { Json, JsonObject } from './json.js';

/** Discord channel types the emulator models. */
export const ChannelKind = { Text: 0, DM: 1, Voice: 2, Category: 4, Announcement: 5, Stage: 13 } as const;

/** A stored user (human or bot). */
export interface UserRecord {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  /** When false, the bot cannot DM this user (50007). */
  dmsOpen: boolean;
}

/** A stored guild role. `everyone` role id equals the guild id, as on Discord. */
export interface RoleRecord {
  id: string;
  guildId: string;
  name: string;
  permissions: bigint;
  position: number;
  color: number;
  hoist: boolean;
  mentionable: boolean;
  /** Set for a bot's managed role. */
  botId?: string;
}

/** A guild member. */
export interface MemberRecord {
  userId: string;
  roles: string[];
  joinedAt: string;
  nick: string | null;
}

/** A permission overwrite with bigint bitfields. `type` 0 = role, 1 = member. */
export interface OverwriteRecord {
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

/** Overwrite in Discord's wire shape (bitfields as strings), as accepted by the test API. */
export interface OverwriteInput {
  id: string;
  type: 0 | 1;
  allow?: bigint | string | number;
  deny?: bigint | string | number;
}

/** A stored guild or DM channel. */
export interface ChannelRecord {
  id: string;
  type: number;
  guildId: string | null;
  name: string;
  topic: string | null;
  parentId: string | null;
  position: number;
  overwrites: OverwriteRecord[];
  nsfw: boolean;
  rateLimitPerUser: number;
  bitrate: number;
  userLimit: number;
  lastMessageId: string | null;
  /** For DM channels: the human recipient. */
  recipientId?: string;
}

/** A stored guild. */
export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  botRoleId: string;
  roles: Map<string, RoleRecord>;
  members: Map<string, MemberRecord>;
  createdAt: string;
  /** Where Discord posts its own notices; null when the server has none. */
  systemChannelId: string | null;
}

/** A file attached to a message, kept with its bytes. */
export interface AttachmentRecord {
  /** Snowflake. */
  id: string;
  filename: string;
  description: string | null;
  /** Media type the upload declared, or null when it declared none. */
  contentType: string | null;
  /** Size in bytes. */
  size: number;
  data: Buffer;
}

/** A stored message. Ephemeral messages have `ephemeralFor` set and are kept out of channel listings. */
export interface MessageRecord {
  id: string;
  channelId: string;
  guildId: string | null;
  authorId: string;
  content: string;
  embeds: Json[];
  components: Json[];
  /** Files attached to the message, in their order on Discord. */
  attachments: AttachmentRecord[];
  flags: number;
  nonce: string | number | null;
  timestamp: string;
  editedTimestamp: string | null;
  tts: boolean;
  type: number;
  pinned: boolean;
  /** Set when the message was created through an interaction token / webhook. */
  webhookId?: string;
  /** The interaction that produced this message (reply or follow-up). */
  interactionId?: string;
  /** User id who alone can see this ephemeral message. */
  ephemeralFor?: string;
  deleted: boolean;
  /** Raw extra fields the bot sent (allowed_mentions, message_reference, ...). */
  extra: JsonObject;
}

/** A registered application command, as Discord stores it. */
export interface CommandRecord {
  id: string;
  applicationId: string;
  guildId: string | null;
  version: string;
  /** The full command object as the emulator returns it. */
  data: JsonObject;
}

/** A stored guild scheduled event (times in ms since the epoch). */
export interface ScheduledEventRecord {
  id: string;
  guildId: string;
  /** Voice / stage channel for entity types 2 / 1; null for external events. */
  channelId: string | null;
  creatorId: string | null;
  name: string;
  description: string | null;
  start: number;
  end: number | null;
  privacyLevel: number;
  /** 1 scheduled, 2 active, 3 completed, 4 canceled. */
  status: number;
  /** 1 stage instance, 2 voice, 3 external. */
  entityType: number;
  /** `entity_metadata.location` of external events. */
  location: string | null;
  image: string | null;
  recurrenceRule: Json | null;
  /** Ids of users interested in the event (`user_count`). */
  subscribers: Set<string>;
}
