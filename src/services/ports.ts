/**
 * The ports through which the services reach the world. Services depend on these
 * interfaces only; adapters in `src/db` and `src/platform` implement them.
 */
import type {
  Attendance,
  Meeting,
  MeetingStatus,
  NewMeeting,
  NewReminder,
  Reminder,
  ReminderStatus,
  Schedule,
  Agreement,
  AuditEvent,
  Circle,
  EnrolmentState,
  GuildSettings,
  Membership,
  MembershipStatus,
  NewCircle,
} from './model.js';

/** The only source of the current time. */
export interface Clock {
  now(): Date;
}

export interface GuildSettingsRepository {
  get(guildId: string): Promise<GuildSettings | null>;
  save(settings: GuildSettings): Promise<GuildSettings>;
}

export interface CirclePatch {
  name?: string;
  capacity?: number;
  state?: EnrolmentState;
  agreementVersion?: number;
  archivedAt?: Date | null;
  leaderId?: string | null;
  coLeaderId?: string | null;
  reminderLeadMinutes?: number[];
  reflectionPrompt?: boolean;
}

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
  update(id: string, patch: CirclePatch): Promise<Circle>;
}

export interface MembershipPatch {
  status?: MembershipStatus;
  statusSince?: Date;
  acceptedVersion?: number | null;
  acceptedAt?: Date | null;
}

export interface MembershipWithCircle extends Membership {
  circle: Circle;
}

export interface MembershipRepository {
  find(circleId: string, userId: string): Promise<Membership | null>;
  /** Creates the membership, or reuses the row of someone who left. */
  upsert(
    circleId: string,
    userId: string,
    patch: Required<Pick<MembershipPatch, 'status' | 'statusSince'>>,
    now: Date,
  ): Promise<Membership>;
  update(id: string, patch: MembershipPatch): Promise<Membership>;
  /** Memberships of a circle in the given statuses, oldest `statusSince` first. */
  listByCircle(circleId: string, statuses: MembershipStatus[]): Promise<Membership[]>;
  /** A user's memberships in one server (with their circles) in the given statuses. */
  listByUser(guildId: string, userId: string, statuses: MembershipStatus[]): Promise<MembershipWithCircle[]>;
  /** Number of places taken: pending plus active. */
  countSeats(circleId: string): Promise<number>;
}

export interface AgreementRepository {
  get(circleId: string, version: number): Promise<Agreement | null>;
  /** Adds the next version; the caller moves `Circle.agreementVersion` in the same transaction. */
  add(agreement: Agreement): Promise<Agreement>;
  recordAcceptance(acceptance: {
    circleId: string;
    userId: string;
    version: number;
    at: Date;
  }): Promise<void>;
  /** Versions a user accepted in a circle, oldest first. */
  acceptances(circleId: string, userId: string): Promise<{ version: number; at: Date }[]>;
}

export interface AuditRepository {
  record(event: AuditEvent): Promise<void>;
  /** Newest first. */
  list(filter: { guildId: string; circleId?: string; limit?: number }): Promise<AuditEvent[]>;
}

export interface ScheduleRepository {
  get(circleId: string): Promise<Schedule | null>;
  /** Creates or replaces the circle's schedule. */
  save(schedule: Schedule): Promise<Schedule>;
  /** Schedules of live circles whose meetings are materialised only up to before `before`, oldest first. */
  listDue(before: Date, limit: number): Promise<Schedule[]>;
}

export interface MeetingPatch {
  startsAt?: Date;
  endsAt?: Date;
  status?: MeetingStatus;
  movedFrom?: Date | null;
  facilitatorId?: string | null;
  coFacilitatorId?: string | null;
  scheduledEventId?: string | null;
}

export interface MeetingRepository {
  /** Creates the meetings that do not exist yet (same circle and occurrence); returns those created. */
  createMany(meetings: NewMeeting[]): Promise<Meeting[]>;
  findById(id: string): Promise<Meeting | null>;
  findByOccurrence(circleId: string, occurrence: string): Promise<Meeting | null>;
  /** Meetings of a circle in the given statuses that end after `after`, earliest start first. */
  listUpcoming(
    circleId: string,
    after: Date,
    options: { statuses: MeetingStatus[]; limit?: number },
  ): Promise<Meeting[]>;
  /** Meetings with a scheduled event that ended before `before` (their event can be replaced by the next one). */
  listEndedWithEvent(before: Date, limit: number): Promise<Meeting[]>;
  update(id: string, patch: MeetingPatch): Promise<Meeting>;
  /**
   * Sets `scheduledEventId` to `next` only while it is still `expected` (one conditional update),
   * so that two processes never both create an event for one meeting. Returns whether it changed.
   */
  setEventIdIf(id: string, expected: string | null, next: string | null): Promise<boolean>;
}

export interface ReminderRepository {
  /** Creates the reminders that do not exist yet (same meeting, kind and offset). */
  createMany(reminders: NewReminder[]): Promise<number>;
  listForMeeting(meetingId: string): Promise<Reminder[]>;
  /**
   * Changes a reminder only while its status is one of `from` (another scheduler may have claimed
   * it), and, when `claimedBy` is given, only while that worker still holds the claim (a worker
   * whose lease ran out must not overwrite the one that took over). Returns whether it changed.
   */
  updateIf(
    id: string,
    from: ReminderStatus[],
    patch: Partial<Omit<Reminder, 'id' | 'meetingId' | 'circleId' | 'kind' | 'offsetMinutes'>>,
    claimedBy?: string,
  ): Promise<boolean>;
  /** Marks pending reminders whose `expiresAt` has passed as expired; returns how many. */
  expireOverdue(now: Date): Promise<number>;
  /**
   * Reminders a scheduler could claim now: pending with `availableAt` passed, or claimed with an
   * expired lease; not yet expired. Oldest `availableAt` first.
   */
  listClaimable(now: Date, limit: number): Promise<Reminder[]>;
  /**
   * Claims one reminder with a conditional update: only if it is still claimable at `now`.
   * Sets `claimed`, the lease and the worker, and counts the attempt. Returns the claimed row or null.
   */
  claim(id: string, now: Date, workerId: string, leaseUntil: Date): Promise<Reminder | null>;
  /** Counts reminders by status (for reports and tests). */
  countByStatus(filter?: { circleId?: string }): Promise<Partial<Record<ReminderStatus, number>>>;
}

export interface AttendanceRepository {
  /** Records a check-in; false when that member already checked in to that meeting. */
  record(attendance: Attendance): Promise<boolean>;
  listForMeeting(meetingId: string): Promise<Attendance[]>;
}

/** Small persistent values of the bot itself (e.g. the hash of the registered commands). */
export interface KeyValueRepository {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

export interface Repositories {
  guilds: GuildSettingsRepository;
  circles: CircleRepository;
  memberships: MembershipRepository;
  agreements: AgreementRepository;
  audit: AuditRepository;
  keyValues: KeyValueRepository;
  schedules: ScheduleRepository;
  meetings: MeetingRepository;
  reminders: ReminderRepository;
  attendance: AttendanceRepository;
}

export interface Store extends Repositories {
  /**
   * Runs `work` in one serializable transaction, retrying it when the database reports a
   * serialization conflict. Everything `work` writes through `tx` commits together or not at all.
   */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A message the bot posts; rendering to Discord components is the platform's job. */
export interface OutgoingMessage {
  content: string;
  /** A titled block of longer text (up to 4,000 characters), e.g. an agreement. */
  panel?: { title: string; text: string };
  /** Buttons by custom id and label. */
  buttons?: { customId: string; label: string; style?: 'primary' | 'secondary' | 'success' | 'danger' }[];
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
}

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
  /**
   * Posts a message and returns its id. With a `nonce`, Discord creates at most one message for
   * it within a few minutes, so a retried send cannot post twice.
   */
  postMessage(channelId: string, message: OutgoingMessage, options?: { nonce?: string }): Promise<string>;
  /** Sends a direct message; false when the user does not accept them. */
  sendDirectMessage(userId: string, message: OutgoingMessage): Promise<boolean>;
  permissionReport(guildId: string): Promise<PermissionReport>;
  /** Whether the bot can view and post in a channel. */
  canPost(channelId: string): Promise<boolean>;
  /** Whether a user is still a member of a server (a REST look-up; no privileged intent). */
  isGuildMember(guildId: string, userId: string): Promise<boolean>;
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

/** What every service receives. */
export interface ServiceDeps {
  store: Store;
  platform: ChatPlatform;
  clock: Clock;
  log: Log;
}
