/** Domain model shared by the services and their ports. Plain data only. */

export const CIRCLE_KINDS = ['balint', 'peer-consultation', 'peer-supervision', 'study'] as const;
export type CircleKind = (typeof CIRCLE_KINDS)[number];

export const FACILITATION_MODES = ['rotating', 'designated'] as const;
export type FacilitationMode = (typeof FACILITATION_MODES)[number];

export type EnrolmentState = 'open' | 'locked' | 'archived';

/** `waitlisted` waits for a place; `pending` holds a place but has not accepted the agreement. */
export type MembershipStatus = 'waitlisted' | 'pending' | 'active' | 'left';

export interface GuildSettings {
  guildId: string;
  moderatorRoleId: string | null;
  categoryId: string | null;
  modLogChannelId: string | null;
}

export interface Circle {
  id: string;
  guildId: string;
  name: string;
  kind: CircleKind;
  capacity: number;
  state: EnrolmentState;
  facilitation: FacilitationMode;
  textChannelId: string;
  voiceChannelId: string;
  /** Version number of the agreement members must accept now. */
  agreementVersion: number;
  /** Designated leader and co-leader (members), if set. */
  leaderId: string | null;
  coLeaderId: string | null;
  /** Minutes before each meeting when the confidentiality reminder goes out, largest first. */
  reminderLeadMinutes: number[];
  /** Whether a reflection prompt follows each meeting. */
  reflectionPrompt: boolean;
  createdAt: Date;
  archivedAt: Date | null;
  /** Why a channel of the circle may be readable by outsiders or is missing; null when all is well. */
  exposure: Exposure | null;
  /** Since when it is exposed. */
  exposedAt: Date | null;
}

/**
 * How a circle is exposed, least grave first: a channel that does not stay as written, a repair
 * Discord refused, a channel that is gone.
 */
export const EXPOSURES = ['unsettled', 'repair-failed', 'channel-missing'] as const;
export type Exposure = (typeof EXPOSURES)[number];

export interface NewCircle {
  guildId: string;
  name: string;
  kind: CircleKind;
  capacity: number;
  facilitation: FacilitationMode;
  textChannelId: string;
  voiceChannelId: string;
  agreementText: string;
  createdBy: string;
  createdAt: Date;
}

export interface Membership {
  id: string;
  circleId: string;
  userId: string;
  status: MembershipStatus;
  /** When the current status began; orders the waitlist. */
  statusSince: Date;
  acceptedVersion: number | null;
  acceptedAt: Date | null;
  createdAt: Date;
}

export interface Agreement {
  circleId: string;
  version: number;
  text: string;
  createdBy: string;
  createdAt: Date;
}

/** What happened, to which circle, by whom. Never case content. */
export interface AuditEvent {
  guildId: string;
  circleId: string | null;
  actorId: string;
  action: string;
  /** Ids and counts only. */
  detail: Record<string, string | number | boolean | string[]>;
  at: Date;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A circle's recurring meeting time: a local wall time in an IANA zone. */
export interface Schedule {
  circleId: string;
  weekday: Weekday;
  /** Local wall time, `HH:MM`. */
  localTime: string;
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  everyWeeks: number;
  durationMinutes: number;
  /** Local date (`YYYY-MM-DD`) on or after which the first meeting falls. */
  startsOn: string;
  /** Counts changes of the schedule; meetings of an earlier revision are cancelled, never reused. */
  revision: number;
  /** Meetings exist up to this instant; the scheduler rolls it forward. */
  materialisedUntil: Date;
  createdBy: string;
  updatedAt: Date;
}

export type MeetingStatus = 'scheduled' | 'cancelled' | 'held';

/** One occurrence of a schedule. Instants are UTC. */
export interface Meeting {
  id: string;
  circleId: string;
  guildId: string;
  /** The slot in the schedule, `r<revision>:<local date>`; unique per circle, kept when moved. */
  occurrence: string;
  startsAt: Date;
  endsAt: Date;
  status: MeetingStatus;
  /** Start before the meeting was moved, if it was. */
  movedFrom: Date | null;
  facilitatorId: string | null;
  coFacilitatorId: string | null;
  /** Whose turn the rotation counted this meeting as; a swap changes the facilitator, not this. */
  turnOwnerId: string | null;
  /** When the facilitator was fixed (at the first reminder); null while it may still change. */
  assignedAt: Date | null;
  /** The Discord scheduled event that announces it, if any. */
  scheduledEventId: string | null;
  createdAt: Date;
}

export type NewMeeting = Pick<Meeting, 'circleId' | 'guildId' | 'occurrence' | 'startsAt' | 'endsAt'>;

export const REMINDER_KINDS = ['confidentiality', 'start', 'reflection'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export type ReminderStatus = 'pending' | 'claimed' | 'sent' | 'failed' | 'expired' | 'cancelled';

/**
 * An outbox row: one message the bot owes a circle for one meeting. Unique per meeting, kind
 * and offset; claimed with a lease, sent with a nonce, then marked sent.
 */
export interface Reminder {
  id: string;
  meetingId: string;
  circleId: string;
  kind: ReminderKind;
  /** Minutes before the start (confidentiality), 0 (start) or minutes after the end (reflection). */
  offsetMinutes: number;
  dueAt: Date;
  /** After this the reminder is pointless and is marked expired instead of sent. */
  expiresAt: Date;
  /** Not claimed before this (the due time, or later after a failed attempt). */
  availableAt: Date;
  status: ReminderStatus;
  attempts: number;
  leaseUntil: Date | null;
  claimedBy: string | null;
  messageId: string | null;
  sentAt: Date | null;
  /** An error code or status, never message text. */
  lastError: string | null;
}

export type NewReminder = Pick<
  Reminder,
  'meetingId' | 'circleId' | 'kind' | 'offsetMinutes' | 'dueAt' | 'expiresAt'
>;

export type AttendanceRole = 'participant' | 'facilitator' | 'presenter';

/** A check-in: who attended which meeting, in what role. */
export interface Attendance {
  meetingId: string;
  circleId: string;
  userId: string;
  role: AttendanceRole;
  checkedInAt: Date;
}

export const URGENCIES = ['routine', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];
export type CaseStatus = 'open' | 'presenting' | 'presented' | 'withdrawn';

/**
 * A member's request to present a case. `label` and `question` are de-identified before they are
 * stored, absent in Balint circles, and deleted once the case is presented or withdrawn.
 */
export interface CaseRequest {
  id: string;
  circleId: string;
  userId: string;
  status: CaseStatus;
  urgency: Urgency;
  label: string | null;
  question: string | null;
  submittedAt: Date;
  takenAt: Date | null;
  meetingId: string | null;
  closedAt: Date | null;
}

/** A member who takes turns facilitating a rotating circle. */
export interface PoolMember {
  circleId: string;
  userId: string;
  joinedAt: Date;
}

/** Local dates (inclusive, `YYYY-MM-DD`) on which a pool member cannot facilitate. */
export interface AwayPeriod {
  id: string;
  circleId: string;
  userId: string;
  fromDate: string;
  toDate: string;
}

export type SwapStatus = 'proposed' | 'accepted' | 'declined';

/** Two pool members trading their next duties; it holds while both still own those turns. */
export interface DutySwap {
  id: string;
  circleId: string;
  status: SwapStatus;
  requesterId: string;
  partnerId: string;
  /** The requester's meeting, which the partner takes. */
  requesterMeetingId: string;
  /** The partner's meeting, which the requester takes. */
  partnerMeetingId: string;
  createdAt: Date;
}
