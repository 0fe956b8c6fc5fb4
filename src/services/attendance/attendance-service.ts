import { type Actor, ConflictError, NotFoundError, type ServiceDeps } from '../kernel/index.js';
import { type Circle, findCircle, notFound } from '../circles/index.js';
import { discordTime, type Meeting } from '../meetings/index.js';
import {
  type IssuedCertificate,
  issueCertificate,
  type Verification,
  verifyCertificate,
} from './certificate.js';
import { type Correction, type CorrectionInput, correctAttendance } from './corrections.js';
import { type AttendanceExport, exportAttendance } from './export.js';
import { contactHours, recordSummary, type RecordSummary } from './hours.js';
import type { AttendanceRole } from './model.js';
import { currentDropIn } from '../dropins/index.js';
import { dateRange } from './range.js';
import { circleStanding, type Standing, standingText } from './standing.js';

/** One line of a member's record: a meeting they attended, in which roles, for how many hours. */
export interface RecordLine {
  circle: Circle;
  meeting: Meeting;
  roles: AttendanceRole[];
  hours: number;
}

/** A member's standing in one of their circles. */
export interface MyStanding {
  circle: Circle;
  standing: Standing;
}

/** Check-ins and a member's attendance record, for continuing-education credit. */
export class AttendanceService {
  constructor(private readonly deps: ServiceDeps) {}

  /** A circle's attendance as CSV, with its leadership log (moderators and the circle's leaders). */
  export(
    actor: Actor,
    options: { circle: string; from?: string | null; to?: string | null },
  ): Promise<AttendanceExport> {
    return exportAttendance(this.deps, actor, options);
  }

  /** The caller's certificate of attendance of one circle, as a PDF with a verification code. */
  certificate(
    actor: Actor,
    options: { circle: string; from?: string | null; to?: string | null; serverName: string },
  ): Promise<IssuedCertificate> {
    return issueCertificate(this.deps, actor, options);
  }

  /** Whether a verification code is that of a certificate of this server, and unchanged. */
  verify(actor: Actor, code: string): Promise<Verification> {
    return verifyCertificate(this.deps, actor, code);
  }

  /** Every active member's standing against the circle's expectation (moderators and its leaders). */
  async standing(actor: Actor, name: string): Promise<{ circle: Circle; standings: Standing[] }> {
    const circle = await findCircle(this.deps.store, actor, {
      name,
      right: 'leader-or-moderator',
      archived: true,
      refusal: 'Only moderators and the circle’s leaders can see members’ attendance.',
    });
    if (circle.attendanceMinimum === null)
      throw new ConflictError(
        `**${circle.name}** sets no attendance expectation. Moderators set one with \`/circle-admin settings attendance: 6 of 8\`.`,
      );
    const standings = await circleStanding(this.deps.store, circle, this.deps.clock.now());
    // Those below first, then fewest attended.
    standings.sort(
      (a, b) =>
        Number(b.below) - Number(a.below) || a.attended - b.attended || a.userId.localeCompare(b.userId),
    );
    return { circle, standings };
  }

  /**
   * After each meeting ends (once, by one process): members of a circle with an expectation who fell
   * below it with this meeting get a private reminder by direct message, never a post in the channel.
   * Meetings that ended more than a day ago are not reviewed (nor reminded about) any more.
   */
  async reviewEnded(limit = 50): Promise<{ reviewed: number; reminded: number }> {
    const { store, clock, platform, log } = this.deps;
    const now = clock.now();
    let reviewed = 0;
    let reminded = 0;
    for (const meeting of await store.meetings.listUnreviewed(
      new Date(now.getTime() - 86_400_000),
      now,
      limit,
    )) {
      if (!(await store.meetings.markReviewed(meeting.id, now))) continue;
      reviewed += 1;
      const circle = await store.circles.findById(meeting.circleId);
      if (!circle || circle.state === 'archived' || circle.attendanceMinimum === null) continue;
      const before = new Map(
        (await circleStanding(store, circle, meeting.startsAt)).map((s) => [s.userId, s.below]),
      );
      for (const standing of await circleStanding(store, circle, meeting.endsAt)) {
        if (!standing.below || before.get(standing.userId) === true) continue;
        const sent = await platform
          .sendDirectMessage(standing.userId, {
            content:
              `A private note about **${circle.name}**: you have attended ${standingText(standing)}. ` +
              'Regular attendance is what lets the group hold its cases. If something keeps you away, tell your ' +
              'leader, or declare time away with `/facilitator away`. Only you and the circle’s leaders see this.',
          })
          .catch(() => false);
        if (sent) reminded += 1;
        else log.info({ circleId: circle.id, meetingId: meeting.id }, 'attendance reminder not delivered');
      }
    }
    return { reviewed, reminded };
  }

  /** A leader's or moderator's correction of a past meeting's attendance (audited, with a reason code). */
  correct(actor: Actor, input: CorrectionInput): Promise<Correction> {
    return correctAttendance(this.deps, actor, input);
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
    const now = clock.now();
    // A drop-in checks in to the one meeting their place is for, as a participant only.
    const dropIn = membership?.status === 'active' ? null : await currentDropIn(store, meeting, userId, now);
    if (membership?.status !== 'active' && !dropIn)
      throw new ConflictError(`Only members of **${circle.name}** can check in to its meetings.`);
    if (meeting.status === 'cancelled') throw new ConflictError('This meeting was cancelled.');
    if (now >= meeting.endsAt) throw new ConflictError('This meeting has ended; check-ins are closed.');
    const opens = new Date(meeting.startsAt.getTime() - Math.max(...circle.reminderLeadMinutes) * 60_000);
    if (now < opens)
      throw new ConflictError(`Check-in opens with the first reminder, ${discordTime(opens, 'R')}.`);
    const roles: AttendanceRole[] = dropIn ? ['participant'] : rolesOf(userId, circle, meeting);
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
   * days; default the last four years), with roles and contact hours, totals, and their standing in
   * each active circle that sets an attendance expectation.
   */
  async mine(
    actor: Actor,
    options: { circle?: string | null; from?: string | null; to?: string | null },
  ): Promise<{ lines: RecordLine[]; summary: RecordSummary; from: Date; to: Date; standings: MyStanding[] }> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const { from, to } = dateRange(options.from, options.to, now);
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
    const standings: MyStanding[] = [];
    for (const { circle, status } of memberships) {
      if (status !== 'active' || !byId.has(circle.id) || circle.attendanceMinimum === null) continue;
      const standing = (await circleStanding(store, circle, now)).find((s) => s.userId === actor.userId);
      if (standing) standings.push({ circle, standing });
    }
    return { lines, summary: recordSummary(lines), from, to, standings };
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
