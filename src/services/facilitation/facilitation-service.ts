import {
  type Actor,
  ConflictError,
  errorFields,
  type Repositories,
  type ServiceDeps,
  ValidationError,
} from '../kernel/index.js';
import { auditCircle } from '../audit/index.js';
import { type Circle, findCircle } from '../circles/index.js';
import { discordTime, localDate, type Meeting, parseLocalDate } from '../meetings/index.js';
import { projectRotation, type RotationAssignment } from './rotation.js';

export interface Duty {
  meeting: Meeting;
  facilitatorId: string | null;
  coFacilitatorId: string | null;
  /** Fixed at the first reminder; until then it may still change. */
  fixed: boolean;
}

/** Who facilitates: rotation from the pool, or the designated leaders; the pool and time away. */
export class FacilitationService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The next duties of a circle, for its members. */
  async rotation(actor: Actor, name: string, count = 6): Promise<{ circle: Circle; duties: Duty[] }> {
    const circle = await this.memberCircle(actor, name, { moderators: true });
    return { circle, duties: (await this.duties(this.deps.store, circle)).slice(0, count) };
  }

  /** Who facilitates one upcoming meeting: as fixed, or as things stand now. */
  async dutyFor(circle: Circle, meetingId: string): Promise<Duty | null> {
    return (await this.duties(this.deps.store, circle)).find((d) => d.meeting.id === meetingId) ?? null;
  }

  /**
   * Fixes who facilitates a meeting (once, at its first reminder) and returns the meeting as fixed.
   * Designated circles name their leaders; rotating circles the member the rotation gives.
   */
  async fix(meeting: Meeting, circle: Circle): Promise<Meeting> {
    const { store, clock } = this.deps;
    if (meeting.assignedAt) return meeting;
    const duty = (await this.duties(store, circle)).find((d) => d.meeting.id === meeting.id);
    const owner =
      circle.facilitation === 'rotating'
        ? ((await this.projection(store, circle)).get(meeting.id)?.ownerId ?? null)
        : null;
    await store.meetings.fixAssignment(meeting.id, {
      facilitatorId: duty?.facilitatorId ?? null,
      coFacilitatorId: duty?.coFacilitatorId ?? null,
      turnOwnerId: owner,
      assignedAt: clock.now(),
    });
    return (await store.meetings.findById(meeting.id)) ?? meeting;
  }

  /**
   * Tells the facilitator by direct message, or with a mention in the circle's channel when DMs are
   * closed. With a `nonce`, a repeat of the same telling (a takeover after a crash) is not posted twice.
   */
  async notify(circle: Circle, meeting: Meeting, nonce?: string): Promise<void> {
    const { platform, log } = this.deps;
    if (!meeting.facilitatorId) return;
    const text = facilitatorBrief(circle, meeting);
    try {
      const options = nonce === undefined ? {} : { nonce };
      if (await platform.sendDirectMessage(meeting.facilitatorId, { content: text }, options)) return;
      // Direct messages closed: the circle's own channel, with a mention that notifies them.
      await platform.postMessage(
        circle.textChannelId,
        {
          content: `<@${meeting.facilitatorId}>, you facilitate this meeting, ${discordTime(meeting.startsAt, 'R')}. Open it on time, take the cases in order with \`/case next ${circle.name}\`, and close it by ${discordTime(meeting.endsAt, 't')}.`,
          notify: [meeting.facilitatorId],
        },
        options,
      );
    } catch (error) {
      log.warn(
        { circleId: circle.id, meetingId: meeting.id, ...errorFields(error) },
        'could not tell the facilitator',
      );
    }
  }

  /** Joins or leaves the facilitator pool of a rotating circle. */
  async pool(actor: Actor, name: string, action: 'join' | 'leave'): Promise<Circle> {
    const { store, clock } = this.deps;
    const circle = await this.memberCircle(actor, name);
    if (circle.facilitation !== 'rotating')
      throw new ConflictError(`**${circle.name}** is led by designated leaders; it has no facilitator pool.`);
    const now = clock.now();
    const changed =
      action === 'join'
        ? await store.facilitation.joinPool({ circleId: circle.id, userId: actor.userId, joinedAt: now })
        : await store.facilitation.leavePool(circle.id, actor.userId);
    if (!changed)
      throw new ConflictError(
        action === 'join'
          ? 'You are already in the facilitator pool.'
          : 'You are not in the facilitator pool.',
      );
    await auditCircle(store, circle, actor.userId, `pool.${action}`, now);
    return circle;
  }

  /** Marks days (inclusive) on which the caller cannot facilitate; they keep their place in the order. */
  async away(
    actor: Actor,
    name: string,
    from: string,
    to: string,
  ): Promise<{ circle: Circle; from: string; to: string }> {
    const { store, clock } = this.deps;
    const circle = await this.memberCircle(actor, name);
    const start = parseLocalDate(from);
    const end = parseLocalDate(to);
    if (!start || !end) throw new ValidationError('Give the dates as year-month-day, such as 2026-12-01.');
    if (end < start)
      throw new ValidationError(`The end of your time away (${end}) comes before its start (${start}).`);
    await store.facilitation.addAway({
      circleId: circle.id,
      userId: actor.userId,
      fromDate: start,
      toDate: end,
    });
    await auditCircle(store, circle, actor.userId, 'pool.away', clock.now());
    return { circle, from: start, to: end };
  }

  /** Upcoming duties: fixed ones as fixed, the rest from the designated leaders or the rotation. */
  async duties(repos: Repositories, circle: Circle): Promise<Duty[]> {
    const now = this.deps.clock.now();
    const upcoming = await repos.meetings.listUpcoming(circle.id, now, {
      statuses: ['scheduled'],
      limit: 60,
    });
    const projection =
      circle.facilitation === 'rotating'
        ? await this.projection(repos, circle)
        : new Map<string, RotationAssignment>();
    return upcoming.map((meeting) => {
      if (meeting.assignedAt)
        return {
          meeting,
          facilitatorId: meeting.facilitatorId,
          coFacilitatorId: meeting.coFacilitatorId,
          fixed: true,
        };
      if (circle.facilitation === 'designated')
        return { meeting, facilitatorId: circle.leaderId, coFacilitatorId: circle.coLeaderId, fixed: false };
      return {
        meeting,
        facilitatorId: projection.get(meeting.id)?.facilitatorId ?? null,
        coFacilitatorId: null,
        fixed: false,
      };
    });
  }

  private async projection(repos: Repositories, circle: Circle) {
    const now = this.deps.clock.now();
    const timeZone = (await repos.schedules.get(circle.id))?.timeZone ?? 'UTC';
    const upcoming = await repos.meetings.listUpcoming(circle.id, now, {
      statuses: ['scheduled'],
      limit: 60,
    });
    const unfixed = upcoming.filter((m) => !m.assignedAt);
    const fixed = upcoming
      .filter((m) => m.assignedAt)
      .map((m) => ({ meetingId: m.id, ownerId: m.turnOwnerId, facilitatorId: m.facilitatorId }));
    const result = projectRotation({
      pool: await repos.facilitation.pool(circle.id),
      lastTurns: await repos.meetings.lastTurns(circle.id),
      slots: unfixed.map((m) => ({
        meetingId: m.id,
        date: localDate(m.startsAt, timeZone),
        startsAt: m.startsAt,
      })),
      away: await repos.facilitation.away(circle.id),
      swaps: await repos.facilitation.swaps(circle.id, ['accepted']),
      fixed,
    });
    return new Map(result.map((r) => [r.meetingId, r]));
  }

  /** The circle, for its active members (and, where `moderators`, for moderators too). */
  async memberCircle(actor: Actor, name: string, options: { moderators?: boolean } = {}): Promise<Circle> {
    return findCircle(this.deps.store, actor, {
      name,
      right: options.moderators === true ? 'member-or-moderator' : 'member',
    });
  }
}

/** The facilitator's direct message: when and where the meeting is, and what to do in it. */
export function facilitatorBrief(circle: Circle, meeting: Meeting): string {
  const firstCase =
    circle.kind === 'balint'
      ? `Ask who has a case (members press **I have a case** on the start prompt), then take it with \`/case next ${circle.name}\`.`
      : `Take the cases in the queue's order with \`/case next ${circle.name}\`: the channel sees who presents, never the label.`;
  const away =
    circle.facilitation === 'rotating'
      ? `Cannot make it? Trade the duty with \`/facilitator swap ${circle.name} member\` before the meeting.`
      : 'Cannot make it? Tell your co-leader or a moderator before the meeting.';
  return [
    `You facilitate **${circle.name}** on ${discordTime(meeting.startsAt)} (${discordTime(meeting.startsAt, 'R')}), in <#${circle.voiceChannelId}>.`,
    `1. At ${discordTime(meeting.startsAt, 't')}, open the meeting in <#${circle.textChannelId}>: welcome everyone and recall the agreement.`,
    `2. ${firstCase}`,
    `3. Keep time: the meeting ends at ${discordTime(meeting.endsAt, 't')}. Cases not reached carry over to the next meeting.`,
    away,
  ].join('\n');
}
