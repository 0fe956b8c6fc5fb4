import { ConflictError, NotFoundError, type ServiceDeps } from '../kernel/index.js';
import type { AttendanceRole } from './model.js';
import type { Circle } from '../circles/index.js';
import { discordTime, type Meeting } from '../meetings/index.js';

/** Check-ins: who attended which meeting, for continuing-education records. */
export class AttendanceService {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Records that an active member checked in to a meeting (once), between its first reminder
   * and its end. The role is facilitator for the meeting's facilitator or the designated leaders.
   */
  async checkIn(
    userId: string,
    meetingId: string,
  ): Promise<{ circle: Circle; meeting: Meeting; role: AttendanceRole }> {
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
    const leads = [
      meeting.facilitatorId,
      meeting.coFacilitatorId,
      ...(meeting.facilitatorId ? [] : [circle.leaderId, circle.coLeaderId]),
    ];
    const role: AttendanceRole = leads.includes(userId) ? 'facilitator' : 'participant';
    const recorded = await store.attendance.record({
      meetingId,
      circleId: circle.id,
      userId,
      role,
      checkedInAt: now,
    });
    if (!recorded) throw new ConflictError('You have already checked in to this meeting.');
    return { circle, meeting, role };
  }
}
