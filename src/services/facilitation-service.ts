import { isModerator, type Actor } from './actor.js';
import { auditCircle } from './audit.js';
import { notFound } from './circle-access.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.js';
import { errorFields } from './error-fields.js';
import type { Circle, DutySwap, Meeting } from './model.js';
import type { Repositories, ServiceDeps } from './ports.js';
import { projectRotation, type RotationAssignment } from './rotation.js';
import { discordTime, localDate, parseLocalDate } from './time.js';

export interface Duty {
  meeting: Meeting;
  facilitatorId: string | null;
  coFacilitatorId: string | null;
  /** Fixed at the first reminder; until then it may still change. */
  fixed: boolean;
}

/** Who facilitates: rotation from the pool, or the designated leaders; swaps, time away, the pool. */
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

  /** Tells the facilitator by direct message, or with a mention in the circle's channel when DMs are closed. */
  async notify(circle: Circle, meeting: Meeting): Promise<void> {
    const { platform, log } = this.deps;
    if (!meeting.facilitatorId) return;
    const text = `You facilitate **${circle.name}** on ${discordTime(meeting.startsAt)} (${discordTime(meeting.startsAt, 'R')}).`;
    try {
      if (await platform.sendDirectMessage(meeting.facilitatorId, { content: text })) return;
      await platform.postMessage(circle.textChannelId, {
        content: `<@${meeting.facilitatorId}>, you facilitate this meeting, ${discordTime(meeting.startsAt, 'R')}.`,
      });
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

  /** Proposes to trade the caller's next duty with another pool member's; they answer with a button. */
  async proposeSwap(
    actor: Actor,
    name: string,
    partnerId: string,
  ): Promise<{ circle: Circle; swap: DutySwap; dmSent: boolean }> {
    const { store, clock, platform } = this.deps;
    const circle = await this.memberCircle(actor, name);
    if (circle.facilitation !== 'rotating')
      throw new ConflictError(
        `**${circle.name}** is led by designated leaders; there are no duties to swap.`,
      );
    if (partnerId === actor.userId)
      throw new ValidationError('Choose another member of the pool to swap with.');
    const pool = await store.facilitation.pool(circle.id);
    if (!pool.some((p) => p.userId === actor.userId))
      throw new ConflictError('Join the facilitator pool first (/facilitator pool).');
    if (!pool.some((p) => p.userId === partnerId))
      throw new ConflictError(`<@${partnerId}> is not in the facilitator pool of **${circle.name}**.`);
    const duties = await this.duties(store, circle);
    const mine = duties.find((d) => !d.fixed && d.facilitatorId === actor.userId);
    const theirs = duties.find((d) => !d.fixed && d.facilitatorId === partnerId);
    if (!mine || !theirs)
      throw new ConflictError('Both of you need an upcoming duty that is not fixed yet to swap.');
    const traded = await store.facilitation.swaps(circle.id, ['proposed', 'accepted']);
    const inSwaps = new Set(traded.flatMap((w) => [w.requesterMeetingId, w.partnerMeetingId]));
    if (inSwaps.has(mine.meeting.id) || inSwaps.has(theirs.meeting.id)) {
      throw new ConflictError('One of these duties is already part of a swap.');
    }
    const swap = await store.facilitation.createSwap({
      circleId: circle.id,
      status: 'proposed',
      requesterId: actor.userId,
      partnerId,
      requesterMeetingId: mine.meeting.id,
      partnerMeetingId: theirs.meeting.id,
      createdAt: clock.now(),
    });
    const message = {
      content: `<@${actor.userId}> asks to swap duties in **${circle.name}**: you would facilitate ${discordTime(mine.meeting.startsAt)}, and they ${discordTime(theirs.meeting.startsAt)}.`,
      buttons: [
        { customId: `swapyes:${swap.id}`, label: 'Accept', style: 'success' as const },
        { customId: `swapno:${swap.id}`, label: 'Decline', style: 'secondary' as const },
      ],
    };
    const dmSent = await platform.sendDirectMessage(partnerId, message).catch(() => false);
    if (!dmSent)
      await platform.postMessage(circle.textChannelId, {
        ...message,
        content: `<@${partnerId}>: ${message.content}`,
      });
    return { circle, swap, dmSent };
  }

  /** The partner accepts or declines a proposed swap (once). */
  async answerSwap(
    userId: string,
    swapId: string,
    accept: boolean,
  ): Promise<{ circle: Circle; swap: DutySwap }> {
    const { store, clock } = this.deps;
    const swap = await store.facilitation.findSwap(swapId);
    const circle = swap ? await store.circles.findById(swap.circleId) : null;
    if (!swap || !circle) throw new NotFoundError('That swap no longer exists.');
    if (swap.partnerId !== userId) throw new ForbiddenError('This swap is not addressed to you.');
    await store.transaction(async (tx) => {
      if (accept) {
        const meetings = await Promise.all([
          tx.meetings.findById(swap.requesterMeetingId),
          tx.meetings.findById(swap.partnerMeetingId),
        ]);
        const others = (await tx.facilitation.swaps(circle.id, ['accepted'])).filter((w) =>
          [w.requesterMeetingId, w.partnerMeetingId].some(
            (id) => id === swap.requesterMeetingId || id === swap.partnerMeetingId,
          ),
        );
        if (meetings.some((m) => !m || m.assignedAt || m.status !== 'scheduled') || others.length > 0) {
          throw new ConflictError(
            'This swap no longer applies: one of the duties is fixed or already traded.',
          );
        }
      }
      if (!(await tx.facilitation.answerSwap(swap.id, accept ? 'accepted' : 'declined'))) {
        throw new ConflictError('This swap has already been answered.');
      }
    });
    await auditCircle(store, circle, userId, accept ? 'swap.accepted' : 'swap.declined', clock.now(), {
      swapId,
    });
    return { circle, swap: { ...swap, status: accept ? 'accepted' : 'declined' } };
  }

  /** Upcoming duties: fixed ones as fixed, the rest from the designated leaders or the rotation. */
  private async duties(repos: Repositories, circle: Circle): Promise<Duty[]> {
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
  private async memberCircle(
    actor: Actor,
    name: string,
    options: { moderators?: boolean } = {},
  ): Promise<Circle> {
    const { store } = this.deps;
    const circle = await store.circles.findByName(actor.guildId, name);
    if (!circle || circle.state === 'archived') throw notFound(name);
    const active = (await store.memberships.find(circle.id, actor.userId))?.status === 'active';
    const allowed =
      active || (options.moderators === true && isModerator(actor, await store.guilds.get(actor.guildId)));
    if (!allowed) {
      throw new ForbiddenError(`Only members of **${circle.name}** can do that.`);
    }
    return circle;
  }
}
