import { EventLimitError } from '../../src/services/kernel/errors.js';
import type {
  VoiceEvent,
  ChannelCheck,
  ChannelPolicy,
  RefusalCode,
  ChatPlatform,
  DriftReport,
  OutgoingMessage,
  PermissionReport,
} from '../../src/services/kernel/ports.js';

interface FakeChannel {
  id: string;
  guildId: string;
  name: string;
  kind: 'text' | 'voice' | 'category';
  parentId: string | null;
  /** Member ids with access, and whether read-only. */
  members: Map<string, 'full' | 'read-only'>;
}

/** An in-memory `ChatPlatform` for the services' own tests. Fails on demand. */
export class FakeChatPlatform implements ChatPlatform {
  readonly channels = new Map<string, FakeChannel>();
  readonly posts: { id: string; channelId: string; message: OutgoingMessage; nonce?: string }[] = [];
  readonly directMessages: { userId: string; message: OutgoingMessage; nonce?: string }[] = [];
  readonly closedDms = new Set<string>();
  report: PermissionReport = { missing: [], administratorRoleIds: [] };
  /** Names of methods that throw on their next call. */
  readonly failNext = new Set<keyof ChatPlatform>();
  private nextId = 1000;

  async ensureCategory(
    guildId: string,
    preferredId: string | null,
  ): Promise<{ id: string; created: boolean }> {
    this.maybeFail('ensureCategory');
    if (preferredId && this.channels.get(preferredId)?.kind === 'category')
      return { id: preferredId, created: false };
    const id = this.add({ guildId, name: 'Circles', kind: 'category', parentId: null });
    return { id, created: true };
  }

  async createChannel(input: {
    guildId: string;
    categoryId: string;
    name: string;
    policy: ChannelPolicy;
  }): Promise<string> {
    this.maybeFail('createChannel');
    const id = this.add({
      guildId: input.guildId,
      name: input.name,
      kind: input.policy.kind,
      parentId: input.categoryId,
    });
    this.apply(id, input.policy);
    return id;
  }

  async deleteChannel(channelId: string): Promise<void> {
    this.maybeFail('deleteChannel');
    this.channels.delete(channelId);
  }

  async grantMember(channelId: string, _kind: ChannelPolicy['kind'], userId: string): Promise<void> {
    this.maybeFail('grantMember');
    this.require(channelId).members.set(userId, 'full');
  }

  async revokeMember(channelId: string, userId: string): Promise<void> {
    this.maybeFail('revokeMember');
    this.channels.get(channelId)?.members.delete(userId);
  }

  async enforcePolicy(channelId: string, policy: ChannelPolicy): Promise<DriftReport | null> {
    this.maybeFail('enforcePolicy');
    const channel = this.channels.get(channelId);
    if (!channel) return null;
    const mode = policy.readOnly ? 'read-only' : 'full';
    const unexpected = [...channel.members.keys()].filter((id) => !policy.memberIds.includes(id));
    const missing = policy.memberIds.filter((id) => channel.members.get(id) !== mode);
    if (unexpected.length === 0 && missing.length === 0) return null;
    this.apply(channelId, policy);
    return { unexpectedViewers: unexpected, missingMembers: missing, otherChanges: 0 };
  }

  /** Channels whose overwrites Discord refuses to change, with the refusal code. */
  readonly refuse = new Map<string, RefusalCode>();
  /** Channels that accept a rewrite but do not end up as written. */
  readonly unsettled = new Set<string>();
  /** Number of rewrites asked for, by channel. */
  readonly rewrites = new Map<string, number>();

  async inspectChannel(channelId: string, policy: ChannelPolicy): Promise<ChannelCheck> {
    const channel = this.channels.get(channelId);
    if (!channel) return { status: 'missing' };
    const drift = this.drift(channel, policy);
    return drift ? { status: 'drifted', drift } : { status: 'as-written' };
  }

  async rewriteChannel(channelId: string, policy: ChannelPolicy): Promise<ChannelCheck> {
    this.maybeFail('rewriteChannel');
    this.rewrites.set(channelId, (this.rewrites.get(channelId) ?? 0) + 1);
    const channel = this.channels.get(channelId);
    if (!channel) return { status: 'missing' };
    const code = this.refuse.get(channelId);
    if (code) return { status: 'refused', code, drift: this.drift(channel, policy) };
    if (!this.unsettled.has(channelId)) this.apply(channelId, policy);
    return this.inspectChannel(channelId, policy);
  }

  private drift(channel: FakeChannel, policy: ChannelPolicy): DriftReport | null {
    const mode = policy.readOnly ? 'read-only' : 'full';
    const unexpected = [...channel.members.keys()].filter((id) => !policy.memberIds.includes(id));
    const missing = policy.memberIds.filter((id) => channel.members.get(id) !== mode);
    if (unexpected.length === 0 && missing.length === 0) return null;
    return { unexpectedViewers: unexpected, missingMembers: missing, otherChanges: 0 };
  }

  async postMessage(
    channelId: string,
    message: OutgoingMessage,
    options: { nonce?: string } = {},
  ): Promise<string> {
    this.maybeFail('postMessage');
    // Like Discord with enforce_nonce: the same nonce returns the message already made.
    const earlier = options.nonce ? this.posts.find((p) => p.nonce === options.nonce) : undefined;
    if (earlier) return earlier.id;
    const id = String(this.nextId++);
    this.posts.push({ id, channelId, message, nonce: options.nonce });
    return id;
  }

  /** Edits of posted messages, in order. */
  readonly edits: { channelId: string; messageId: string; message: OutgoingMessage }[] = [];

  async editMessage(channelId: string, messageId: string, message: OutgoingMessage): Promise<boolean> {
    this.maybeFail('editMessage');
    const post = this.posts.find((p) => p.id === messageId && p.channelId === channelId);
    if (!post) return false;
    post.message = message;
    this.edits.push({ channelId, messageId, message });
    return true;
  }

  /** Deletes a posted message, as someone in the channel might. */
  deletePost(messageId: string): void {
    const index = this.posts.findIndex((p) => p.id === messageId);
    if (index >= 0) this.posts.splice(index, 1);
  }

  /** Users who left the server. */
  readonly departed = new Set<string>();

  async isGuildMember(_guildId: string, userId: string): Promise<boolean> {
    this.maybeFail('isGuildMember');
    return !this.departed.has(userId);
  }

  /** Display names set by a test; others read `User <id>`. */
  readonly names = new Map<string, string>();

  async displayNames(_guildId: string, userIds: readonly string[]): Promise<Map<string, string>> {
    this.maybeFail('displayNames');
    return new Map(userIds.map((id) => [id, this.names.get(id) ?? `User ${id}`]));
  }

  readonly events = new Map<string, VoiceEvent>();
  eventLimit = 100;

  async createVoiceEvent(input: VoiceEvent): Promise<string> {
    this.maybeFail('createVoiceEvent');
    if (this.events.size >= this.eventLimit) throw new EventLimitError();
    const id = String(this.nextId++);
    this.events.set(id, input);
    return id;
  }

  async updateVoiceEvent(_guildId: string, eventId: string, input: VoiceEvent): Promise<void> {
    this.maybeFail('updateVoiceEvent');
    if (!this.events.has(eventId)) throw new Error(`unknown event ${eventId}`);
    this.events.set(eventId, input);
  }

  async deleteVoiceEvent(_guildId: string, eventId: string): Promise<void> {
    this.maybeFail('deleteVoiceEvent');
    this.events.delete(eventId);
  }

  async sendDirectMessage(
    userId: string,
    message: OutgoingMessage,
    options: { nonce?: string } = {},
  ): Promise<boolean> {
    this.maybeFail('sendDirectMessage');
    if (this.closedDms.has(userId)) return false;
    this.directMessages.push({ userId, message, ...options });
    return true;
  }

  async permissionReport(): Promise<PermissionReport> {
    return this.report;
  }

  /** Channels the bot cannot post in. */
  readonly mute = new Set<string>();

  async canPost(channelId: string): Promise<boolean> {
    return !this.mute.has(channelId);
  }

  /** Channels people who are not moderators can view (set by tests). */
  readonly publicChannels = new Set<string>();

  async nonModeratorsCanView(channelId: string): Promise<boolean> {
    return this.publicChannels.has(channelId);
  }

  /** Who has access to a channel, as member id → mode. */
  access(channelId: string): Record<string, 'full' | 'read-only'> {
    return Object.fromEntries(this.require(channelId).members);
  }

  private apply(channelId: string, policy: ChannelPolicy): void {
    const channel = this.require(channelId);
    channel.members = new Map(policy.memberIds.map((id) => [id, policy.readOnly ? 'read-only' : 'full']));
  }

  private add(channel: Omit<FakeChannel, 'id' | 'members'>): string {
    const id = String(this.nextId++);
    this.channels.set(id, { ...channel, id, members: new Map() });
    return id;
  }

  private require(channelId: string): FakeChannel {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`unknown channel ${channelId}`);
    return channel;
  }

  private maybeFail(method: keyof ChatPlatform): void {
    if (this.failNext.delete(method)) throw new Error(`injected failure in ${method}`);
  }
}

/** A clock that only moves when told to. */
export class FakeClock {
  constructor(private current = new Date('2026-03-01T12:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
}
