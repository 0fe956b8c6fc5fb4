import {
  type Actor,
  ConflictError,
  NotFoundError,
  type ServiceDeps,
  ValidationError,
} from '../kernel/index.js';
import { type Circle, findCircle, notFound } from '../circles/index.js';
import { discordTime, type Meeting, parseLocalDate } from '../meetings/index.js';
import { type Correction, type CorrectionInput, correctAttendance } from './corrections.js';
import { contactHours, recordSummary, type RecordSummary } from './hours.js';
import type { AttendanceRole } from './model.js';

/** Dates further back than this, or ahead of today by more than a year, are refused as mistakes. */
const OLDEST_YEARS = 10;
const DAY = 86_400_000;

/** One line of a member's record: a meeting they attended, in which roles, for how many hours. */
export interface RecordLine {
  circle: Circle;
  meeting: Meeting;
  roles: AttendanceRole[];
  hours: number;
}

/** How long attendance is kept, and how often the purge runs. */
export interface AttendanceOptions {
  /** Years after a meeting that its attendance is kept (default 4). */
  retentionYears?: number;
}

/** The purge runs at most once an hour per process; it is one idempotent statement. */
const PURGE_EVERY_MS = 3_600_000;

/** Check-ins and a member's attendance record, for continuing-education credit. */
export class AttendanceService {
  private lastPurge: number | null = null;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: AttendanceOptions = {},
  ) {}

  /** A leader's or moderator's correction of a past meeting's attendance (audited, with a reason code). */
  correct(actor: Actor, input: CorrectionInput): Promise<Correction> {
    return correctAttendance(this.deps, actor, input);
  }

  /**
   * Deletes the attendance of meetings older than the retention period (at most once an hour;
   * `force` runs it now). Safe with several processes: each row is deleted once. Returns how many.
   */
  async purgeExpired(force = false): Promise<number> {
    const now = this.deps.clock.now();
    if (!force && this.lastPurge !== null && now.getTime() - this.lastPurge < PURGE_EVERY_MS) return 0;
    this.lastPurge = now.getTime();
    const cutoff = new Date(now);
    cutoff.setUTCFullYear(cutoff.getUTCFullYear() - (this.options.retentionYears ?? 4));
    return this.deps.store.attendance.purgeBefore(cutoff);
  }

  /**
   * Records that an active member checked in to a meeting (once), between its first reminder
   * and its end, with the roles they hold in it (facilitator, co-facilitator, leader, co-leader).
   */
  async checkIn(
    userId: string,
    meetingId: string,
  ): Promise<{ circle: Circle; meeting: Meeting; roles: AttendanceRole[] }> {
    const { store, clock } = this.deps;
    const meeting = await store.meetings.findById(meetingId);
    const circle = meeting ? await store.circles.findById(meeting.circleId) : null;
    if (!meeting || !circle) throw new NotFoundError('That meeting no longer exists.');
    const membership = await store.memberships.find(circle.id, userId);
    if (membership?.status !== 'active')
      throw new ConflictError(`Only members of **${circle.name}** can check in to its meetings.`);
    if (meeting.status === 'cancelled') throw new ConflictError('This meeting was cancelled.');
    const now = clock.now();
    if (now >= meeting.endsAt) throw new ConflictError('This meeting has ended; check-ins are closed.');
    const opens = new Date(meeting.startsAt.getTime() - Math.max(...circle.reminderLeadMinutes) * 60_000);
    if (now < opens)
      throw new ConflictError(`Check-in opens with the first reminder, ${discordTime(opens, 'R')}.`);
    const roles = rolesOf(userId, circle, meeting);
    const recorded = await store.attendance.record({
      meetingId,
      circleId: circle.id,
      userId,
      roles,
      checkedInAt: now,
    });
    if (!recorded) throw new ConflictError('You have already checked in to this meeting.');
    return { circle, meeting, roles };
  }

  /**
   * The caller's own record in this server: the meetings they attended (in one circle, or all the
   * circles they belong or belonged to) between `from` and `to` (local dates, inclusive, read as UTC
   * days; default the last four years), with roles and contact hours, and totals.
   */
  async mine(
    actor: Actor,
    options: { circle?: string | null; from?: string | null; to?: string | null },
  ): Promise<{ lines: RecordLine[]; summary: RecordSummary; from: Date; to: Date }> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const { from, to } = dateRange(options.from ?? null, options.to ?? null, now);
    const memberships = await store.memberships.listByUser(actor.guildId, actor.userId, [
      'waitlisted',
      'pending',
      'active',
      'left',
    ]);
    let circles = memberships.map((m) => m.circle);
    if (options.circle) {
      const circle = await findCircle(store, actor, { name: options.circle, right: 'any', archived: true });
      circles = circles.filter((c) => c.id === circle.id);
      // Someone who was never in it learns nothing of it, not even that it exists.
      if (circles.length === 0) throw notFound(options.circle);
    }
    const byId = new Map(circles.map((c) => [c.id, c]));
    const attended = await store.attendance.listForMember(actor.userId, {
      circleIds: [...byId.keys()],
      from,
      to,
    });
    const lines = attended.flatMap(({ attendance, meeting }) => {
      const circle = byId.get(attendance.circleId);
      return circle ? [{ circle, meeting, roles: attendance.roles, hours: contactHours(meeting) }] : [];
    });
    return { lines, summary: recordSummary(lines), from, to };
  }
}

/** The roles a member holds in a meeting by its assignment and the circle's leaders. */
function rolesOf(userId: string, circle: Circle, meeting: Meeting): AttendanceRole[] {
  const roles: AttendanceRole[] = ['participant'];
  if (meeting.facilitatorId === userId) roles.push('facilitator');
  if (meeting.coFacilitatorId === userId) roles.push('co-facilitator');
  if (circle.leaderId === userId) roles.push('leader');
  if (circle.coLeaderId === userId) roles.push('co-leader');
  return roles;
}

/** `[from, to)` as instants from optional local dates, checked: in order, and not absurdly far. */
function dateRange(fromText: string | null, toText: string | null, now: Date): { from: Date; to: Date } {
  const parse = (text: string, name: string) => {
    const date = parseLocalDate(text);
    if (date === null) throw new ValidationError(`\`${name}\` must be a date such as 2026-12-01.`);
    return new Date(`${date}T00:00:00Z`);
  };
  const from = fromText ? parse(fromText, 'from') : new Date(now.getTime() - 4 * 365 * DAY);
  const to = toText ? new Date(parse(toText, 'to').getTime() + DAY) : now;
  if (from >= to) throw new ValidationError('`from` must be on or before `to`.');
  const oldest = new Date(now.getTime() - OLDEST_YEARS * 365 * DAY);
  const latest = new Date(now.getTime() + 366 * DAY);
  if (from < oldest || to > latest) {
    throw new ValidationError(`Dates must lie within the last ${OLDEST_YEARS} years and the coming year.`);
  }
  return { from, to };
}
