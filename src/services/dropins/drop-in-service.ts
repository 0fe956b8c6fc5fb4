import {
  type Actor,
  ConflictError,
  errorFields,
  NotFoundError,
  type Repositories,
  type ServiceDeps,
  ValidationError,
} from '../kernel/index.js';
import { auditCircle, postModLog } from '../audit/index.js';
import { endCases } from '../cases/index.js';
import { type Circle, findCircle } from '../circles/index.js';
import { type Agreement, offerAgreement } from '../membership/index.js';
import { discordTime, localDate, type Meeting, parseLocalDate } from '../meetings/index.js';
import { accessOpensAt } from './drop-in-access.js';
import { DROP_IN_MAX_ATTEMPTS, type DropIn, HOLDING_STATUSES } from './model.js';

/** The longest reminder lead a circle may set (7 days): no drop-in opens earlier than this before its meeting. */
const LONGEST_LEAD_MS = 7 * 24 * 60 * 60_000;

/** A drop-in place offered: the agreement to accept first, for this meeting. */
export interface DropInOffer {
  circle: Circle;
  meeting: Meeting;
  agreement: Agreement;
}

/** A drop-in place taken: when access opens (or opened) and until when. */
export interface DropInBooking {
  circle: Circle;
  meeting: Meeting;
  dropIn: DropIn;
  opensAt: Date;
  /** Whether the channels are open to them already. */
  granted: boolean;
}

/**
 * Drop-in places: a one-meeting place in a circle for someone outside it. They accept the circle's
 * agreement first; the channels open to them at the meeting's first reminder and close when it
 * ends. They are never on the roster, in the rotation or on the waitlist, and take no seat.
 */
export class DropInService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The next meeting of a circle with a drop-in place left, and the agreement to accept for it. */
  async offer(actor: Actor, name: string): Promise<DropInOffer> {
    const { store, clock } = this.deps;
    const circle = await findCircle(store, actor, { name, right: 'any' });
    await this.requireOutsider(store, circle, actor.userId);
    const now = clock.now();
    const meeting = await this.nextOpenMeeting(store, circle, actor.userId, now);
    const { agreement } = await offerAgreement(store, circle);
    return { circle, meeting, agreement };
  }

  /**
   * Takes a drop-in place after the agreement was accepted: records the acceptance with its
   * version and the place, counting the places in the same serializable transaction so that two
   * accepts at once cannot overfill the meeting. Access opens at once when the first reminder is
   * already due.
   */
  async accept(actor: Actor, meetingId: string, version: number): Promise<DropInBooking> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const { circle, meeting, dropIn } = await store.transaction(async (tx) => {
      const meeting = await tx.meetings.findById(meetingId);
      const circle = meeting ? await tx.circles.findById(meeting.circleId) : null;
      if (!meeting || !circle || circle.guildId !== actor.guildId)
        throw new NotFoundError('That meeting no longer exists.');
      if (circle.state === 'archived') throw new ConflictError(`**${circle.name}** has been archived.`);
      await this.requireOutsider(tx, circle, actor.userId);
      if (version !== circle.agreementVersion) {
        throw new ConflictError(
          'The agreement changed since it was shown to you. Use /meeting drop-in again to read the current one.',
        );
      }
      const existing = await tx.dropIns.find(meeting.id, actor.userId);
      if (existing && HOLDING_STATUSES.includes(existing.status))
        throw new ConflictError(`You already have a drop-in place at that meeting of **${circle.name}**.`);
      this.requireOffered(circle, meeting, now);
      if ((await tx.dropIns.count(meeting.id, HOLDING_STATUSES)) >= circle.dropInPlaces) {
        throw new ConflictError(
          `The drop-in places of **${circle.name}** on ${discordTime(meeting.startsAt)} were taken in the meantime.`,
        );
      }
      await tx.agreements.recordAcceptance({ circleId: circle.id, userId: actor.userId, version, at: now });
      const fresh = { status: 'requested' as const, acceptedVersion: version, createdAt: now };
      const dropIn = existing
        ? await tx.dropIns.update(existing.id, {
            ...fresh,
            grantedAt: null,
            endedAt: null,
            attempts: 0,
            lastError: null,
          })
        : await tx.dropIns.create({
            meetingId: meeting.id,
            circleId: circle.id,
            guildId: circle.guildId,
            userId: actor.userId,
            acceptedVersion: version,
            createdAt: now,
          });
      await auditCircle(tx, circle, actor.userId, 'dropin.requested', now, {
        dropInId: dropIn.id,
        meetingId: meeting.id,
        version,
      });
      return { circle, meeting, dropIn };
    });
    const opensAt = accessOpensAt(circle, meeting);
    // Booked after the first reminder: the channels open now rather than at the next tick.
    const granted = now >= opensAt ? await this.grant(dropIn).catch(() => false) : false;
    return { circle, meeting, dropIn, opensAt: now >= opensAt ? now : opensAt, granted };
  }

  /**
   * `/meeting drop-ins`: turns drop-in places on or off for one meeting (moderators and the circle's
   * leaders). Turning them off cancels the places not yet open (their holders are told by direct
   * message); those already in the channels keep their place.
   */
  async setForMeeting(
    actor: Actor,
    name: string,
    on: boolean,
    date?: string | null,
  ): Promise<{ circle: Circle; meeting: Meeting; cancelled: number; kept: number }> {
    const { store, clock } = this.deps;
    const circle = await findCircle(store, actor, {
      name,
      right: 'leader-or-moderator',
      refusal: 'Only moderators and the circle’s leaders can change its meetings.',
    });
    const meeting = await this.pickMeeting(circle, date);
    const now = clock.now();
    const { cancelled, kept } = await store.transaction(async (tx) => {
      await tx.meetings.update(meeting.id, { dropInsOff: !on });
      const cancelled = on ? [] : await tx.dropIns.listByMeeting(meeting.id, ['requested']);
      for (const dropIn of cancelled)
        await tx.dropIns.transition(dropIn.id, 'requested', { status: 'cancelled', endedAt: now });
      await auditCircle(tx, circle, actor.userId, on ? 'meeting.drop-ins-on' : 'meeting.drop-ins-off', now, {
        meetingId: meeting.id,
        cancelled: cancelled.length,
      });
      return { cancelled, kept: (await tx.dropIns.listByMeeting(meeting.id, ['granted'])).length };
    });
    for (const dropIn of cancelled) {
      await this.tell(
        dropIn.userId,
        `Your drop-in place at **${circle.name}** on ${discordTime(meeting.startsAt)} was withdrawn: its leaders offer no drop-in places at that meeting.`,
      );
    }
    return { circle, meeting: { ...meeting, dropInsOff: !on }, cancelled: cancelled.length, kept };
  }

  /**
   * Ends the drop-ins of a cancelled meeting: places not yet open are cancelled and their holders
   * told; open ones lose their access now.
   */
  async onMeetingCancelled(circle: Circle, meeting: Meeting): Promise<void> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const held = await store.dropIns.listByMeeting(meeting.id, HOLDING_STATUSES);
    for (const dropIn of held) {
      try {
        if (dropIn.status === 'granted') await this.revoke(dropIn, circle, 'cancelled');
        else if (
          !(await store.dropIns.transition(dropIn.id, 'requested', { status: 'cancelled', endedAt: now }))
        )
          continue;
        await this.tell(
          dropIn.userId,
          `The meeting of **${circle.name}** on ${discordTime(meeting.startsAt)} is cancelled, and your drop-in place with it.`,
        );
      } catch (error) {
        // The scheduler's step retries the removal (the meeting is no longer scheduled).
        this.deps.log.warn({ dropInId: dropIn.id, ...errorFields(error) }, 'could not end a drop-in');
      }
    }
  }

  /**
   * A moved meeting: a place whose channels opened for the old time closes again until the new
   * time's first reminder, when the scheduler's step opens it again. The row goes back to
   * `requested` first, so the channel policy no longer allows the overwrite even if removing it
   * fails here (the sweep then removes it).
   */
  async onMeetingMoved(circle: Circle, meeting: Meeting): Promise<void> {
    const { store, clock } = this.deps;
    const now = clock.now();
    if (accessOpensAt(circle, meeting) <= now) return;
    for (const dropIn of await store.dropIns.listByMeeting(meeting.id, ['granted'])) {
      if (!(await store.dropIns.transition(dropIn.id, 'granted', { status: 'requested', grantedAt: null })))
        continue;
      await auditCircle(store, circle, 'bot', 'dropin.closed-until-moved-meeting', now, {
        dropInId: dropIn.id,
        meetingId: meeting.id,
        userId: dropIn.userId,
      });
      try {
        await this.removeOverwrites(circle, dropIn.userId);
      } catch (error) {
        this.deps.log.warn({ dropInId: dropIn.id, ...errorFields(error) }, 'could not close a drop-in');
      }
    }
  }

  /**
   * The scheduler's step: opens the channels to drop-ins whose first reminder is due and closes
   * them to those whose meeting ended or was cancelled. Everything is read from the database, so
   * a window that opened or closed while the bot was down is caught up on the next tick; each step
   * is idempotent and retried a few times, and a removal that keeps failing alerts the moderators.
   */
  async tick(limit = 50): Promise<{ granted: number; ended: number; failed: number }> {
    const { store, clock } = this.deps;
    const now = clock.now();
    let granted = 0;
    let ended = 0;
    let failed = 0;
    for (const dropIn of await store.dropIns.listToEnd(now, DROP_IN_MAX_ATTEMPTS, limit)) {
      const circle = await store.circles.findById(dropIn.circleId);
      if (!circle) continue;
      try {
        if (dropIn.status === 'granted') {
          const meeting = await store.meetings.findById(dropIn.meetingId);
          await this.revoke(dropIn, circle, meeting?.status === 'scheduled' ? 'ended' : 'cancelled');
        } else {
          await store.dropIns.transition(dropIn.id, 'requested', { status: 'cancelled', endedAt: now });
        }
        ended += 1;
      } catch (error) {
        failed += 1;
        await this.failed(dropIn, circle, 'revoke', error);
      }
    }
    const candidates = await store.dropIns.listToGrant(
      now,
      new Date(now.getTime() + LONGEST_LEAD_MS),
      DROP_IN_MAX_ATTEMPTS,
      limit,
    );
    for (const dropIn of candidates) {
      const meeting = await store.meetings.findById(dropIn.meetingId);
      const circle = await store.circles.findById(dropIn.circleId);
      if (!meeting || !circle || now < accessOpensAt(circle, meeting)) continue;
      try {
        if (await this.grant(dropIn)) granted += 1;
      } catch (error) {
        failed += 1;
        await this.failed(dropIn, circle, 'grant', error);
      }
    }
    return { granted, ended, failed };
  }

  /**
   * Marks a drop-in granted, then opens both channels to them: in that order, so that the channel
   * guard, reacting to the new overwrites, finds them allowed. When Discord refuses, the drop-in
   * goes back to requested (the next tick retries). Returns whether this call granted it.
   */
  private async grant(dropIn: DropIn): Promise<boolean> {
    const { store, platform, clock } = this.deps;
    const circle = await store.circles.findById(dropIn.circleId);
    if (!circle || circle.state === 'archived') return false;
    const now = clock.now();
    if (!(await store.dropIns.transition(dropIn.id, 'requested', { status: 'granted', grantedAt: now })))
      return false;
    const reason = `Drop-in place at a meeting of ${circle.name}`;
    try {
      await platform.grantMember(circle.textChannelId, 'text', dropIn.userId, reason);
      await platform.grantMember(circle.voiceChannelId, 'voice', dropIn.userId, reason);
    } catch (error) {
      await store.dropIns.transition(dropIn.id, 'granted', { status: 'requested', grantedAt: null });
      await this.removeOverwrites(circle, dropIn.userId).catch(() => undefined);
      throw error;
    }
    await auditCircle(store, circle, 'bot', 'dropin.granted', now, {
      dropInId: dropIn.id,
      meetingId: dropIn.meetingId,
      userId: dropIn.userId,
    });
    return true;
  }

  /**
   * Closes both channels to a drop-in (unless they have since joined the circle) and ends it. A
   * case they brought that was not taken is withdrawn and its text deleted: they will not be back.
   */
  private async revoke(dropIn: DropIn, circle: Circle, status: 'ended' | 'cancelled'): Promise<void> {
    const { store, clock } = this.deps;
    await this.removeOverwrites(circle, dropIn.userId);
    const now = clock.now();
    await store.transaction(async (tx) => {
      if (!(await tx.dropIns.transition(dropIn.id, 'granted', { status, endedAt: now }))) return;
      if ((await tx.memberships.find(circle.id, dropIn.userId))?.status !== 'active') {
        const open = await tx.cases.listByCircle(circle.id, ['open']);
        await endCases(
          tx.cases,
          open.filter((request) => request.userId === dropIn.userId),
          now,
        );
      }
      await auditCircle(tx, circle, 'bot', 'dropin.ended', now, {
        dropInId: dropIn.id,
        meetingId: dropIn.meetingId,
        userId: dropIn.userId,
      });
    });
  }

  private async removeOverwrites(circle: Circle, userId: string): Promise<void> {
    // Someone who joined the circle since keeps the access their membership gives them.
    if ((await this.deps.store.memberships.find(circle.id, userId))?.status === 'active') return;
    const reason = `Drop-in place at a meeting of ${circle.name} ended`;
    await this.deps.platform.revokeMember(circle.textChannelId, userId, reason);
    await this.deps.platform.revokeMember(circle.voiceChannelId, userId, reason);
  }

  /**
   * Counts a failed attempt. After the last one a removal is reported to the mod-log (a drop-in who
   * keeps access past their meeting is an exposure); the channel sweep removes the overwrite too,
   * since the policy no longer allows it.
   */
  private async failed(
    dropIn: DropIn,
    circle: Circle,
    what: 'grant' | 'revoke',
    error: unknown,
  ): Promise<void> {
    const { store, log, clock } = this.deps;
    const attempts = dropIn.attempts + 1;
    const fields = errorFields(error);
    const code =
      typeof fields.code === 'string' || typeof fields.code === 'number' ? String(fields.code) : 'error';
    await store.dropIns.update(dropIn.id, { attempts, lastError: `${what}:${code}` }).catch(() => undefined);
    log.error(
      { dropInId: dropIn.id, circleId: circle.id, what, attempts, ...fields },
      'drop-in access change failed',
    );
    if (attempts < DROP_IN_MAX_ATTEMPTS) return;
    await auditCircle(store, circle, 'bot', `dropin.${what}-failed`, clock.now(), {
      dropInId: dropIn.id,
      meetingId: dropIn.meetingId,
    });
    await postModLog(
      this.deps,
      circle.guildId,
      what === 'revoke'
        ? `🚨 Could not remove a drop-in's access to the channels of circle **${circle.name}** after their meeting ended. Run \`/circle-admin repair ${circle.name}\`.`
        : `⚠️ Could not open the channels of circle **${circle.name}** to a drop-in for their meeting. Check the bot's permissions on them.`,
    );
  }

  /** Refuses members of the circle (active or joining): a drop-in place is for people outside it. */
  private async requireOutsider(repos: Repositories, circle: Circle, userId: string): Promise<void> {
    const status = (await repos.memberships.find(circle.id, userId))?.status;
    if (status === 'active' || status === 'pending') {
      throw new ConflictError(
        `You are ${status === 'active' ? 'a member' : 'joining as a member'} of **${circle.name}**: drop-in places are for people outside it.`,
      );
    }
  }

  /** Throws unless the meeting offers drop-in places now. */
  private requireOffered(circle: Circle, meeting: Meeting, now: Date): void {
    if (circle.dropInPlaces === 0)
      throw new ConflictError(`**${circle.name}** does not offer drop-in places.`);
    if (meeting.status !== 'scheduled') throw new ConflictError('That meeting was cancelled.');
    if (meeting.startsAt <= now) throw new ConflictError('That meeting has already started.');
    if (meeting.dropInsOff)
      throw new ConflictError(`The leaders of **${circle.name}** offer no drop-in places at that meeting.`);
  }

  /** The next meeting that has not started, offers drop-ins and has a place left. */
  private async nextOpenMeeting(
    repos: Repositories,
    circle: Circle,
    userId: string,
    now: Date,
  ): Promise<Meeting> {
    if (circle.dropInPlaces === 0)
      throw new ConflictError(`**${circle.name}** does not offer drop-in places.`);
    const upcoming = (
      await repos.meetings.listUpcoming(circle.id, now, { statuses: ['scheduled'], limit: 20 })
    ).filter((m) => m.startsAt > now && !m.dropInsOff);
    let full = false;
    for (const meeting of upcoming) {
      const mine = await repos.dropIns.find(meeting.id, userId);
      if (mine && HOLDING_STATUSES.includes(mine.status)) {
        throw new ConflictError(
          `You already have a drop-in place at **${circle.name}** on ${discordTime(meeting.startsAt)}.`,
        );
      }
      if ((await repos.dropIns.count(meeting.id, HOLDING_STATUSES)) < circle.dropInPlaces) return meeting;
      full = true;
    }
    throw new ConflictError(
      full
        ? `The drop-in places of **${circle.name}**'s upcoming meetings are all taken. Try again later.`
        : `**${circle.name}** has no upcoming meeting with drop-in places.`,
    );
  }

  /** The next meeting, or the one on `date` (in the schedule's zone), that has not started. */
  private async pickMeeting(circle: Circle, date?: string | null): Promise<Meeting> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const upcoming = (
      await store.meetings.listUpcoming(circle.id, now, { statuses: ['scheduled'], limit: 60 })
    ).filter((m) => m.startsAt > now);
    if (date == null) {
      const [meeting] = upcoming;
      if (!meeting) throw new NotFoundError(`**${circle.name}** has no upcoming meeting.`);
      return meeting;
    }
    const day = parseLocalDate(date);
    if (!day) throw new ValidationError('Give the meeting’s date as year-month-day, such as 2026-12-01.');
    const schedule = await store.schedules.get(circle.id);
    if (!schedule) throw new NotFoundError(`**${circle.name}** has no schedule yet.`);
    const meeting = upcoming.find((m) => localDate(m.startsAt, schedule.timeZone) === day);
    if (!meeting) throw new NotFoundError(`**${circle.name}** has no upcoming meeting on ${day}.`);
    return meeting;
  }

  /** A direct message; someone who does not accept them is not an error. */
  private async tell(userId: string, content: string): Promise<void> {
    try {
      await this.deps.platform.sendDirectMessage(userId, { content });
    } catch (error) {
      this.deps.log.warn({ userId, ...errorFields(error) }, 'could not send a drop-in message');
    }
  }
}
