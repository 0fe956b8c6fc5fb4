/**
 * The repository ports: how the services read and write what the bot keeps. Implemented over
 * Prisma in `src/db`; one contract suite runs them against SQLite and PostgreSQL.
 */
import type {
  AwayPeriod,
  DutySwap,
  PoolMember,
  SwapStatus,
  CaseRequest,
  CaseStatus,
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
  Exposure,
  GuildSettings,
  Membership,
  MembershipStatus,
  NewCircle,
} from './model.js';

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
  textChannelId?: string;
  voiceChannelId?: string;
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
  /**
   * Marks a circle exposed, unless it already is with this or a graver exposure (see `EXPOSURES`).
   * A conditional update: of several processes noticing the same thing, exactly one gets true.
   */
  markExposed(id: string, exposure: Exposure, at: Date): Promise<boolean>;
  /** Clears the exposure if it is one of `exposures`; returns whether it was cleared. */
  clearExposure(id: string, exposures: readonly Exposure[]): Promise<boolean>;
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
  /**
   * Moves `materialisedUntil` forward only while the schedule is still at `revision` (a top-up
   * must never overwrite a schedule changed meanwhile). Returns whether it moved.
   */
  extend(circleId: string, revision: number, until: Date): Promise<boolean>;
  /** Schedules of live circles, ordered by circle id, `limit` at a time after `afterCircleId`. */
  list(limit: number, afterCircleId?: string): Promise<Schedule[]>;
}

export interface MeetingPatch {
  startsAt?: Date;
  endsAt?: Date;
  status?: MeetingStatus;
  movedFrom?: Date | null;
  facilitatorId?: string | null;
  coFacilitatorId?: string | null;
  scheduledEventId?: string | null;
  turnOwnerId?: string | null;
  assignedAt?: Date | null;
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
  /** Fixes a meeting's facilitation once: only while `assignedAt` is still null. Returns whether it did. */
  fixAssignment(
    id: string,
    assignment: {
      facilitatorId: string | null;
      coFacilitatorId: string | null;
      turnOwnerId: string | null;
      assignedAt: Date;
    },
  ): Promise<boolean>;
  /** When each member last had a fixed turn in a circle (not counting cancelled meetings), by user id. */
  lastTurns(circleId: string): Promise<Record<string, Date>>;
}

export interface ReminderRepository {
  /** Creates the reminders that do not exist yet (same meeting, kind and offset). */
  createMany(reminders: NewReminder[]): Promise<number>;
  listForMeeting(meetingId: string): Promise<Reminder[]>;
  /**
   * Changes a reminder only while its status is one of `from` (another scheduler may have claimed
   * it) and, when given, only while `claimedBy` still holds the claim (a worker whose lease ran out
   * must not overwrite the one that took over) and `dueAt` is unchanged (the meeting did not move
   * meanwhile). Returns whether it changed.
   */
  updateIf(
    id: string,
    from: ReminderStatus[],
    patch: Partial<Omit<Reminder, 'id' | 'meetingId' | 'circleId' | 'kind' | 'offsetMinutes'>>,
    expect?: { claimedBy?: string; dueAt?: Date },
  ): Promise<boolean>;
  /**
   * Marks reminders whose `expiresAt` has passed as expired: pending ones, and claimed ones whose
   * lease lapsed (their worker died). Returns how many.
   */
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

export interface CaseRepository {
  create(
    request: Pick<CaseRequest, 'circleId' | 'userId' | 'urgency' | 'label' | 'question' | 'submittedAt'>,
  ): Promise<CaseRequest>;
  /** A circle's requests in the given statuses, oldest submission first. */
  listByCircle(circleId: string, statuses: CaseStatus[]): Promise<CaseRequest[]>;
  /** Requests still to close after their meeting: presenting, or presented with text left. At most `limit`. */
  listUnclosed(limit: number): Promise<CaseRequest[]>;
  /** When each member of a circle last presented (took the floor), by user id. */
  lastPresented(circleId: string): Promise<Record<string, Date>>;
  /** Changes a request only while its status is one of `from` (an atomic claim). Returns whether it changed. */
  updateIf(
    id: string,
    from: CaseStatus[],
    patch: Partial<Omit<CaseRequest, 'id' | 'circleId' | 'userId' | 'submittedAt'>>,
  ): Promise<boolean>;
}

export interface FacilitationRepository {
  pool(circleId: string): Promise<PoolMember[]>;
  /** Adds to the pool; false when already in it. */
  joinPool(member: PoolMember): Promise<boolean>;
  /** Removes from the pool; false when not in it. */
  leavePool(circleId: string, userId: string): Promise<boolean>;
  addAway(period: Omit<AwayPeriod, 'id'>): Promise<AwayPeriod>;
  away(circleId: string): Promise<AwayPeriod[]>;
  createSwap(swap: Omit<DutySwap, 'id'>): Promise<DutySwap>;
  findSwap(id: string): Promise<DutySwap | null>;
  /** Moves a swap from `proposed` to accepted or declined, once. */
  answerSwap(id: string, status: 'accepted' | 'declined'): Promise<boolean>;
  swaps(circleId: string, statuses: SwapStatus[]): Promise<DutySwap[]>;
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
  cases: CaseRepository;
  facilitation: FacilitationRepository;
}

export interface Store extends Repositories {
  /**
   * Runs `work` in one serializable transaction, retrying it when the database reports a
   * serialization conflict. Everything `work` writes through `tx` commits together or not at all.
   */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
