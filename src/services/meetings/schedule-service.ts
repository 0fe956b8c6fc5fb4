import { type Actor, type Repositories, type ServiceDeps, ValidationError } from '../kernel/index.js';
import { auditCircle } from '../audit/index.js';
import { type Circle, findCircle } from '../circles/index.js';
import type { MeetingEventsService } from './meeting-events-service.js';
import { syncReminders } from './meeting-plan.js';
import type { Meeting, Schedule, Weekday } from './model.js';
import { timeZoneRefusal } from './time-zone-search.js';
import { canonicalTimeZone, localDate, occurrencesBetween, parseLocalDate, parseLocalTime } from './time.js';

/** Meetings exist this far ahead; the scheduler tops them up when less than `REFILL_DAYS` remain. */
export const HORIZON_DAYS = 84;
export const REFILL_DAYS = 77;
const DAY = 86_400_000;
/** Meetings repeat every 1 to 4 weeks and last 30 to 240 minutes. */
export const EVERY_WEEKS_MIN = 1;
export const EVERY_WEEKS_MAX = 4;
export const DURATION_MIN = 30;
export const DURATION_MAX = 240;
export const DEFAULT_DURATION = 90;

export interface ScheduleInput {
  weekday: number;
  time: string;
  timeZone: string;
  everyWeeks?: number | null;
  duration?: number | null;
  starts?: string | null;
}

/** Parses and checks a schedule as typed; every rule broken gets its own plain answer. */
export function parseSchedule(
  input: ScheduleInput,
  now: Date,
): Omit<Schedule, 'circleId' | 'revision' | 'materialisedUntil' | 'createdBy' | 'updatedAt'> {
  if (!Number.isInteger(input.weekday) || input.weekday < 1 || input.weekday > 7) {
    throw new ValidationError('The weekday must be Monday to Sunday.');
  }
  const localTime = parseLocalTime(input.time);
  if (!localTime)
    throw new ValidationError(
      `“${input.time.slice(0, 20)}” is not a time. Use the 24-hour clock, such as 19:30.`,
    );
  const timeZone = canonicalTimeZone(input.timeZone);
  if (!timeZone) {
    throw new ValidationError(timeZoneRefusal(input.timeZone));
  }
  const everyWeeks = input.everyWeeks ?? 1;
  if (!Number.isInteger(everyWeeks) || everyWeeks < EVERY_WEEKS_MIN || everyWeeks > EVERY_WEEKS_MAX) {
    throw new ValidationError(`Meetings can repeat every ${EVERY_WEEKS_MIN} to ${EVERY_WEEKS_MAX} weeks.`);
  }
  const durationMinutes = input.duration ?? DEFAULT_DURATION;
  if (
    !Number.isInteger(durationMinutes) ||
    durationMinutes < DURATION_MIN ||
    durationMinutes > DURATION_MAX
  ) {
    throw new ValidationError(`A meeting lasts from ${DURATION_MIN} to ${DURATION_MAX} minutes.`);
  }
  const startsOn = input.starts == null ? localDate(now, timeZone) : parseLocalDate(input.starts);
  if (!startsOn) throw new ValidationError('Give the start date as year-month-day, such as 2026-12-01.');
  return { weekday: input.weekday as Weekday, localTime, timeZone, everyWeeks, durationMinutes, startsOn };
}

/** Schedules: setting one, and keeping meetings (with their reminders) materialised ahead. */
export class ScheduleService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly events: MeetingEventsService,
  ) {}

  /**
   * Sets (or replaces) a circle's schedule. Upcoming meetings of the old schedule are cancelled
   * with their reminders; the new ones are created with theirs, in the same transaction.
   */
  async set(
    actor: Actor,
    name: string,
    input: ScheduleInput,
  ): Promise<{ circle: Circle; schedule: Schedule; next: Meeting | null }> {
    const { store, clock } = this.deps;
    const found = await findCircle(store, actor, { name, right: 'moderator' });
    const now = clock.now();
    const parsed = parseSchedule(input, now);
    const result = await store.transaction(async (tx) => {
      const circle = (await tx.circles.findById(found.id)) ?? found;
      const previous = await tx.schedules.get(circle.id);
      const schedule = await tx.schedules.save({
        ...parsed,
        circleId: circle.id,
        revision: (previous?.revision ?? 0) + 1,
        materialisedUntil: now,
        createdBy: actor.userId,
        updatedAt: now,
      });
      const superseded = (await tx.meetings.listUpcoming(circle.id, now, { statuses: ['scheduled'] })).filter(
        (m) => m.startsAt > now,
      );
      for (const meeting of superseded) {
        const cancelled = await tx.meetings.update(meeting.id, { status: 'cancelled' });
        await syncReminders(tx, cancelled, circle);
      }
      await auditCircle(tx, circle, actor.userId, 'schedule.set', now, {
        weekday: parsed.weekday,
        time: parsed.localTime,
        timeZone: parsed.timeZone,
        everyWeeks: parsed.everyWeeks,
        duration: parsed.durationMinutes,
        cancelledMeetings: superseded.length,
      });
      const created = await this.materialise(tx, circle, schedule, now);
      return { circle, schedule, next: created.find((m) => m.startsAt > now) ?? null };
    });
    await this.events.syncCircle(result.circle.id);
    await this.deps.changes?.circleChanged(result.circle.id);
    return result;
  }

  /** The time zones the caller's server already uses for its circles, the most used first. */
  async timeZonesInUse(actor: Actor): Promise<string[]> {
    return this.deps.store.schedules.timeZonesOfGuild(actor.guildId);
  }

  /** Tops up meetings of every schedule running short of the horizon; returns how many meetings were made. */
  async materialiseDue(): Promise<number> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const refillBefore = new Date(now.getTime() + REFILL_DAYS * DAY);
    let made = 0;
    for (const due of await store.schedules.listDue(refillBefore, 50)) {
      made += await store.transaction(async (tx) => {
        const circle = await tx.circles.findById(due.circleId);
        const schedule = await tx.schedules.get(due.circleId);
        // Another process may have topped it up since it was listed.
        if (!circle || !schedule || circle.state === 'archived' || schedule.materialisedUntil >= refillBefore)
          return 0;
        return (await this.materialise(tx, circle, schedule, now)).length;
      });
    }
    return made;
  }

  /**
   * Meetings again for a circle back from the archive: its schedule continues as a new revision from
   * `now`, so fresh meetings (with their reminders) take the place of those the archive cancelled,
   * which stay cancelled. Run inside the caller's transaction; nothing when it has no schedule.
   */
  async resume(repos: Repositories, circle: Circle, now: Date): Promise<Meeting[]> {
    const previous = await repos.schedules.get(circle.id);
    if (!previous) return [];
    const schedule = await repos.schedules.save({
      ...previous,
      revision: previous.revision + 1,
      materialisedUntil: now,
      updatedAt: now,
    });
    return this.materialise(repos, circle, schedule, now);
  }

  /** Creates the meetings (and reminders) of the next `HORIZON_DAYS` that do not exist yet. */
  private async materialise(
    repos: Repositories,
    circle: Circle,
    schedule: Schedule,
    now: Date,
  ): Promise<Meeting[]> {
    const until = new Date(now.getTime() + HORIZON_DAYS * DAY);
    const from = new Date(Math.max(now.getTime(), schedule.materialisedUntil.getTime()));
    const slots = occurrencesBetween(schedule, from, until).filter((o) => o.startsAt > now);
    const created = await repos.meetings.createMany(
      slots.map((o) => ({
        circleId: circle.id,
        guildId: circle.guildId,
        occurrence: `r${schedule.revision}:${o.date}`,
        startsAt: o.startsAt,
        endsAt: o.endsAt,
      })),
    );
    for (const meeting of created) await syncReminders(repos, meeting, circle);
    // Only the horizon moves, and only for this revision: a schedule changed meanwhile stays as set.
    await repos.schedules.extend(circle.id, schedule.revision, until);
    return created;
  }
}
