/**
 * The ports through which the services reach the world. Services depend on these
 * interfaces only; adapters in `src/db` and `src/platform` implement them.
 */
import type { Store } from './store.js';

/** The only source of the current time. */
export interface Clock {
  now(): Date;
}

/** A message the bot posts; rendering to Discord components is the platform's job. */
export interface OutgoingMessage {
  content: string;
  /** A titled block of longer text (up to 4,000 characters), e.g. an agreement. */
  panel?: { title: string; text: string };
  /** Buttons by custom id and label. */
  buttons?: { customId: string; label: string; style?: 'primary' | 'secondary' | 'success' | 'danger' }[];
  /**
   * Users whose mentions in `content` notify them. Every other mention names without notifying;
   * `@everyone`, `@here` and roles never notify.
   */
  notify?: readonly string[];
}

/** Who may use a circle channel: its members in full, or former members read-only once archived. */
export interface ChannelPolicy {
  kind: 'text' | 'voice';
  memberIds: string[];
  readOnly: boolean;
}

/** What was wrong with a channel's overwrites before the platform restored them. */
export interface DriftReport {
  /** Ids of roles or members (or `everyone`) that could view the channel but should not. */
  unexpectedViewers: string[];
  /** Roster members who had lost their access. */
  missingMembers: string[];
  /** Other differences (changed bits on the bot's or @everyone's overwrite, stray denies). */
  otherChanges: number;
  /**
   * True when the only difference is that the bot's own overwrite lacks bits it should carry (as
   * after an update that widened it): upkeep that exposes nobody, so no alert.
   */
  botUpkeepOnly?: boolean;
}

/** Why Discord refused to show or change a channel: Missing Access (50001), Missing Permissions (50013). */
export type RefusalCode = 50001 | 50013;

/**
 * What a circle channel looks like against its policy: as written, drifted (with what differs),
 * gone, or out of the bot's reach (Discord refused).
 */
export type ChannelCheck =
  | { status: 'as-written' }
  | { status: 'drifted'; drift: DriftReport }
  | { status: 'missing' }
  | { status: 'refused'; code: RefusalCode; drift: DriftReport | null };

export interface PermissionReport {
  /** Names of permissions the bot lacks in the server. */
  missing: string[];
  /** Roles holding Administrator: they see every channel whatever the overwrites say. */
  administratorRoleIds: string[];
}

export interface ChatPlatform {
  /** Returns the category to hold circle channels: `preferredId` if it still exists, else a new private one. */
  ensureCategory(
    guildId: string,
    preferredId: string | null,
    reason: string,
  ): Promise<{ id: string; created: boolean }>;
  /** Creates a text or voice channel whose overwrites follow `policy` from the start. */
  createChannel(input: {
    guildId: string;
    categoryId: string;
    name: string;
    policy: ChannelPolicy;
    reason: string;
  }): Promise<string>;
  deleteChannel(channelId: string, reason: string): Promise<void>;
  /** Gives one member access (member overwrite) to a circle channel. */
  grantMember(channelId: string, kind: ChannelPolicy['kind'], userId: string, reason: string): Promise<void>;
  /** Takes one member's overwrite away. */
  revokeMember(channelId: string, userId: string, reason: string): Promise<void>;
  /**
   * Compares the channel's overwrites with `policy` and, when they differ, replaces them.
   * Returns what differed, or null when they already matched. Returns null for a channel that no longer exists.
   */
  enforcePolicy(channelId: string, policy: ChannelPolicy, reason: string): Promise<DriftReport | null>;
  /** Compares a channel's overwrites with `policy`, changing nothing. */
  inspectChannel(channelId: string, policy: ChannelPolicy): Promise<ChannelCheck>;
  /**
   * Replaces a channel's overwrites with `policy` and reads them back: `as-written` when they
   * now match, `drifted` when Discord answered but the channel did not end up as written.
   */
  rewriteChannel(channelId: string, policy: ChannelPolicy, reason: string): Promise<ChannelCheck>;
  /**
   * Posts a message and returns its id. With a `nonce`, Discord creates at most one message for
   * it within a few minutes, so a retried send cannot post twice.
   */
  postMessage(channelId: string, message: OutgoingMessage, options?: { nonce?: string }): Promise<string>;
  /**
   * Replaces the content, panel and buttons of a message the bot posted (a message without buttons
   * loses its buttons). Mentions ping nobody. Returns false when the message or its channel is gone.
   */
  editMessage(channelId: string, messageId: string, message: OutgoingMessage): Promise<boolean>;
  /** Sends a direct message; false when the user does not accept them. */
  sendDirectMessage(userId: string, message: OutgoingMessage, options?: { nonce?: string }): Promise<boolean>;
  permissionReport(guildId: string): Promise<PermissionReport>;
  /** Whether the bot can view and post in a channel. */
  canPost(channelId: string): Promise<boolean>;
  /**
   * Whether people who are not moderators can view a channel: `@everyone`, or any role other than
   * the moderator role that holds neither Manage Server nor Administrator (bots' own roles aside).
   * Such a channel is public to the bot: no member of a circle is named there.
   */
  nonModeratorsCanView(channelId: string, moderatorRoleId: string | null): Promise<boolean>;
  /** Whether a user is still a member of a server (a REST look-up; no privileged intent). */
  isGuildMember(guildId: string, userId: string): Promise<boolean>;
  /**
   * Display names by user id: the name shown in the server, or for someone who left it their
   * Discord name. Users Discord no longer knows are absent from the map.
   */
  displayNames(guildId: string, userIds: readonly string[]): Promise<Map<string, string>>;
  /**
   * Creates a scheduled event on a voice channel (visible only to those who can view it).
   * Throws `EventLimitError` when the server has its maximum of scheduled events.
   */
  createVoiceEvent(input: VoiceEvent): Promise<string>;
  updateVoiceEvent(guildId: string, eventId: string, input: VoiceEvent): Promise<void>;
  /** Deletes a scheduled event; an event that is already gone is not an error. */
  deleteVoiceEvent(guildId: string, eventId: string): Promise<void>;
}

export interface VoiceEvent {
  guildId: string;
  channelId: string;
  name: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
}

/** Structured log lines: ids, counts and codes only, never text a member wrote. */
export interface Log {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/**
 * Told after a change that may alter what a circle's public open call shows (places, enrolment,
 * schedule, leader). The change is committed already: this never throws, so a card that cannot be
 * updated never fails the change itself.
 */
export interface CircleChangeListener {
  circleChanged(circleId: string): Promise<void>;
}

/** What every service receives. */
export interface ServiceDeps {
  store: Store;
  platform: ChatPlatform;
  clock: Clock;
  log: Log;
  /** Keeps projections of a circle (its open calls) current; absent where nothing listens. */
  changes?: CircleChangeListener;
}
