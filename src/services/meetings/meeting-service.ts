import {
  type Actor,
  ConflictError,
  errorFields,
  NotFoundError,
  type ServiceDeps,
  ValidationError,
} from '../kernel/index.js';
import { endCases } from '../cases/index.js';
import { auditCircle } from '../audit/index.js';
import { type Circle, findCircle } from '../circles/index.js';
import type { FacilitationService } from '../facilitation/index.js';
import type { DropInService } from '../dropins/index.js';
import type { MeetingEventsService } from './meeting-events-service.js';
import { syncReminders } from './meeting-plan.js';
import type { Meeting, Schedule } from './model.js';
import { discordTime, localDate, parseLocalDate, parseLocalTime, zonedInstant } from './time.js';

export interface NextMeeting {
  circle: Circle;
  meeting: Meeting;
  /** Who facilitates: as fixed, or as the rotation (or the designated leader) stands now. */
  facilitatorId: string | null;
  /** Cases waiting in the circle's queue. */
  queueSize: number;
}

/** What cancelling a meeting would do. */
export interface CancelPreview {
  circle: Circle;
  meeting: Meeting;
  /** Who was to facilitate it (as fixed, or as the rotation stands now). */
  facilitatorId: string | null;
  coFacilitatorId: string | null;
  /** Its reminders not yet sent, which will not be. */
  reminders: number;
}

/** One meeting at a time: what is next, and cancelling or moving one occurrence. */
export class MeetingService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly events: MeetingEventsService,
    private readonly facilitation: FacilitationService,
    private readonly dropIns: DropInService,
  ) {}

  /** The next meeting of one circle, or of each of the caller's circles, soonest first. */
  async next(actor: Actor, name?: string | null): Promise<NextMeeting[]> {
    const { store, clock } = this.deps;
    const now = clock.now();
    let circles: Circle[];
    if (name) {
      circles = [await findCircle(store, actor, { name, right: 'member-or-moderator', hide: true })];
    } else {
      const mine = await store.memberships.listByUser(actor.guildId, actor.userId, ['active']);
      circles = mine.map((m) => m.circle).filter((c) => c.state !== 'archived');
    }
    const found: NextMeeting[] = [];
    for (const circle of circles) {
      const [meeting] = await store.meetings.listUpcoming(circle.id, now, {
        statuses: ['scheduled'],
        limit: 1,
      });
      if (!meeting) continue;
      const queueSize = (await store.cases.listByCircle(circle.id, ['open'])).length;
      const duty = await this.facilitation.dutyFor(circle, meeting.id);
      found.push({ circle, meeting, facilitatorId: duty?.facilitatorId ?? null, queueSize });
    }
    return found.sort((a, b) => a.meeting.startsAt.getTime() - b.meeting.startsAt.getTime());
  }

  /** What cancelling one occurrence (the next, or the one on `date`) would do; nothing changes. */
  async previewCancel(actor: Actor, name: string, date?: string | null): Promise<CancelPreview> {
    const { circle, meeting } = await this.pick(actor, name, date);
    const duty = await this.facilitation.dutyFor(circle, meeting.id);
    const reminders = (await this.deps.store.reminders.listForMeeting(meeting.id)).filter(
      (r) => r.status === 'pending',
    ).length;
    return {
      circle,
      meeting,
      facilitatorId: duty?.facilitatorId ?? null,
      coFacilitatorId: duty?.coFacilitatorId ?? null,
      reminders,
    };
  }

  /** Cancels one occurrence (the next, or the one on `date`): its reminders and event go too. */
  async cancel(
    actor: Actor,
    name: string,
    date?: string | null,
  ): Promise<{ circle: Circle; meeting: Meeting }> {
    const { circle, meeting } = await this.pick(actor, name, date);
    return this.cancelMeeting(actor, circle, meeting);
  }

  /**
   * Cancels the meeting a confirmation names, as things stand at the click: refused when its circle
   * was archived, or the meeting was cancelled or has started meanwhile.
   */
  async cancelById(actor: Actor, meetingId: string): Promise<{ circle: Circle; meeting: Meeting }> {
    const { store, clock } = this.deps;
    const meeting = await store.meetings.findById(meetingId);
    if (!meeting) throw new NotFoundError('That meeting no longer exists.');
    const circle = await findCircle(store, actor, {
      id: meeting.circleId,
      right: 'leader-or-moderator',
      archived: true,
      refusal: 'Only moderators and the circle’s leaders can change its meetings.',
    });
    if (circle.state === 'archived')
      throw new ConflictError(`**${circle.name}** has been archived: its meetings are cancelled already.`);
    if (meeting.status === 'cancelled') throw new ConflictError('That meeting is already cancelled.');
    if (meeting.status === 'held' || meeting.startsAt <= clock.now())
      throw new ConflictError('That meeting has already started: it can no longer be cancelled.');
    return this.cancelMeeting(actor, circle, meeting);
  }

  private async cancelMeeting(
    actor: Actor,
    circle: Circle,
    meeting: Meeting,
  ): Promise<{ circle: Circle; meeting: Meeting }> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const cancelled = await store.transaction(async (tx) => {
      const current = await tx.meetings.findById(meeting.id);
      if (current?.status !== 'scheduled') throw new ConflictError('That meeting is already cancelled.');
      const updated = await tx.meetings.update(meeting.id, { status: 'cancelled' });
      await syncReminders(tx, updated, circle);
      // A case already taken for this meeting ends with it; open ones carry over to the next.
      const taken = await tx.cases.listByCircle(circle.id, ['presenting', 'presented']);
      await endCases(
        tx.cases,
        taken.filter((request) => request.meetingId === meeting.id),
        now,
      );
      await auditCircle(tx, circle, actor.userId, 'meeting.cancelled', now, { meetingId: meeting.id });
      return updated;
    });
    await this.announce(circle, `❌ The meeting of ${discordTime(meeting.startsAt)} is cancelled.`);
    await this.events.onMeetingChanged(cancelled);
    await this.dropIns.onMeetingCancelled(circle, cancelled);
    return { circle, meeting: cancelled };
  }

  /** Moves one occurrence to another local date and time (in the schedule's zone), keeping its length. */
  async move(
    actor: Actor,
    name: string,
    input: { date: string; time: string; from?: string | null },
  ): Promise<{ circle: Circle; meeting: Meeting; from: Date }> {
    const { store, clock } = this.deps;
    const { circle, meeting, schedule } = await this.pick(actor, name, input.from);
    const date = parseLocalDate(input.date);
    if (!date) throw new ValidationError('Give the new date as year-month-day, such as 2026-12-01.');
    const time = parseLocalTime(input.time);
    if (!time)
      throw new ValidationError(
        `“${input.time.slice(0, 20)}” is not a time. Use the 24-hour clock, such as 19:30.`,
      );
    const startsAt = zonedInstant(date, time, schedule.timeZone);
    const now = clock.now();
    if (startsAt <= now) throw new ValidationError('You cannot move a meeting into the past.');
    const endsAt = new Date(startsAt.getTime() + (meeting.endsAt.getTime() - meeting.startsAt.getTime()));
    const moved = await store.transaction(async (tx) => {
      const current = await tx.meetings.findById(meeting.id);
      if (current?.status !== 'scheduled')
        throw new ConflictError('That meeting was cancelled in the meantime.');
      const updated = await tx.meetings.update(meeting.id, {
        startsAt,
        endsAt,
        movedFrom: current.movedFrom ?? current.startsAt,
      });
      await syncReminders(tx, updated, circle, { moved: true });
      await auditCircle(tx, circle, actor.userId, 'meeting.moved', now, {
        meetingId: meeting.id,
        from: meeting.startsAt.toISOString(),
        to: startsAt.toISOString(),
      });
      return updated;
    });
    await this.announce(
      circle,
      `📅 The meeting of ${discordTime(meeting.startsAt)} moves to ${discordTime(startsAt)} (${discordTime(startsAt, 'R')}).`,
    );
    await this.events.onMeetingChanged(moved);
    await this.dropIns.onMeetingMoved(circle, moved);
    return { circle, meeting: moved, from: meeting.startsAt };
  }

  /** The circle and meeting a moderator or the circle's leader wants to change. */
  private async pick(
    actor: Actor,
    name: string,
    date?: string | null,
  ): Promise<{ circle: Circle; meeting: Meeting; schedule: Schedule }> {
    const { store, clock } = this.deps;
    const circle = await findCircle(store, actor, {
      name,
      right: 'leader-or-moderator',
      refusal: 'Only moderators and the circle’s leaders can change its meetings.',
    });
    const schedule = await store.schedules.get(circle.id);
    if (!schedule) throw new NotFoundError(`**${circle.name}** has no schedule yet.`);
    const now = clock.now();
    const upcoming = (
      await store.meetings.listUpcoming(circle.id, now, { statuses: ['scheduled'], limit: 60 })
    ).filter((m) => m.startsAt > now);
    if (date != null) {
      const day = parseLocalDate(date);
      if (!day) throw new ValidationError('Give the meeting’s date as year-month-day, such as 2026-12-01.');
      const meeting = upcoming.find((m) => localDate(m.startsAt, schedule.timeZone) === day);
      if (!meeting) throw new NotFoundError(`**${circle.name}** has no upcoming meeting on ${day}.`);
      return { circle, meeting, schedule };
    }
    const [meeting] = upcoming;
    if (!meeting) throw new NotFoundError(`**${circle.name}** has no upcoming meeting.`);
    return { circle, meeting, schedule };
  }

  private async announce(circle: Circle, content: string): Promise<void> {
    try {
      await this.deps.platform.postMessage(circle.textChannelId, { content });
    } catch (error) {
      this.deps.log.warn(
        { circleId: circle.id, ...errorFields(error) },
        'could not announce a meeting change',
      );
    }
  }
}
