import { postModLog } from '../audit/index.js';
import { errorFields, EventLimitError, type ServiceDeps } from '../kernel/index.js';
import type { Circle } from '../circles/index.js';
import type { Meeting } from './model.js';
import { discordTime } from './time.js';

/** Marks a meeting whose event one process is creating right now. */
const CREATING = 'creating:';
/** A process that died while creating leaves its marker; after this long another may try. */
const MARKER_TTL_MS = 5 * 60_000;

const isEventId = (id: string | null): id is string => id !== null && !id.startsWith(CREATING);
const staleMarker = (id: string, now: Date) =>
  id.startsWith(CREATING) && now.getTime() - Date.parse(id.slice(CREATING.length)) > MARKER_TTL_MS;

/**
 * Keeps one Discord scheduled event per scheduled circle: a VOICE event on the circle's private
 * voice channel for its next meeting, so only members see it. Moved meetings move their event;
 * cancelled or ended ones give way to the next. Failures are logged and retried on the next tick:
 * an event is a convenience, the meeting does not depend on it.
 */
export class MeetingEventsService {
  private lastFullSync = 0;

  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Every few minutes, brings every scheduled circle in line: an event that could not be created
   * (the server was at its limit, Discord failed, a process died mid-way) is tried again.
   */
  async syncStale(everyMs = 5 * 60_000): Promise<number> {
    const now = this.deps.clock.now().getTime();
    if (now - this.lastFullSync < everyMs) return 0;
    this.lastFullSync = now;
    let count = 0;
    for (let page = await this.deps.store.schedules.list(200); page.length;) {
      for (const schedule of page) await this.syncCircle(schedule.circleId);
      count += page.length;
      page = page.length < 200 ? [] : await this.deps.store.schedules.list(200, page.at(-1)!.circleId);
    }
    return count;
  }

  /** Makes the circle's events match its meetings: one for the meeting under way or next, none for the others. */
  async syncCircle(circleId: string): Promise<void> {
    const { store, clock } = this.deps;
    const circle = await store.circles.findById(circleId);
    if (!circle) return;
    const now = clock.now();
    const upcoming = await store.meetings.listUpcoming(circle.id, now, {
      statuses: ['scheduled', 'cancelled'],
      limit: 20,
    });
    // The meeting under way, or else the next: its event stays until it ends, then the next gets one.
    const current = circle.state === 'archived' ? undefined : upcoming.find((m) => m.status === 'scheduled');
    for (const meeting of upcoming) {
      if (isEventId(meeting.scheduledEventId) && meeting.id !== current?.id)
        await this.remove(circle, meeting);
    }
    const missing =
      current && (current.scheduledEventId === null || staleMarker(current.scheduledEventId, now));
    if (current && missing && current.startsAt > now) await this.create(circle, current, now);
  }

  /** After a move: the event follows the meeting; then the circle is brought in line. */
  async onMeetingChanged(meeting: Meeting): Promise<void> {
    const circle = await this.deps.store.circles.findById(meeting.circleId);
    if (!circle) return;
    if (isEventId(meeting.scheduledEventId) && meeting.status === 'scheduled') {
      await this.guard(circle, () =>
        this.deps.platform.updateVoiceEvent(
          circle.guildId,
          meeting.scheduledEventId!,
          this.event(circle, meeting),
        ),
      );
    }
    await this.syncCircle(circle.id);
  }

  /** Replaces the events of meetings that have ended by the next meeting's. */
  async syncEnded(): Promise<number> {
    const { store, clock, log } = this.deps;
    const ended = await store.meetings.listEndedWithEvent(clock.now(), 50);
    for (const meeting of ended) {
      if (!isEventId(meeting.scheduledEventId)) {
        await store.meetings.setEventIdIf(meeting.id, meeting.scheduledEventId, null);
      } else {
        const circle = await store.circles.findById(meeting.circleId);
        const failure = circle ? await this.remove(circle, meeting) : null;
        // An event Discord will not let go (the bot lost the permission, the server is gone), or one
        // still there a day after its meeting, is forgotten: Discord ends it by itself, and kept it
        // would hold its place at the head of this batch for good.
        const stale = clock.now().getTime() - meeting.endsAt.getTime() > GIVE_UP_AFTER_MS;
        if (!circle || (failure !== null && (permanent(failure) || stale))) {
          await store.meetings.setEventIdIf(meeting.id, meeting.scheduledEventId, null);
          log.warn(
            { meetingId: meeting.id, ...(failure === null ? {} : errorFields(failure)) },
            'gave up deleting the scheduled event of an ended meeting',
          );
        }
      }
      await this.syncCircle(meeting.circleId);
    }
    return ended.length;
  }

  /** Creates the event under a marker claimed with a conditional update: one process, one event. */
  private async create(circle: Circle, meeting: Meeting, now: Date): Promise<void> {
    const { store, platform, log } = this.deps;
    const marker = `${CREATING}${now.toISOString()}`;
    if (!(await store.meetings.setEventIdIf(meeting.id, meeting.scheduledEventId, marker))) return;
    try {
      const eventId = await platform.createVoiceEvent(this.event(circle, meeting));
      if (!(await store.meetings.setEventIdIf(meeting.id, marker, eventId))) {
        // Another process took over a marker it thought stale: keep its event, not a second one.
        await platform.deleteVoiceEvent(circle.guildId, eventId);
      }
    } catch (error) {
      await store.meetings.setEventIdIf(meeting.id, marker, null);
      if (error instanceof EventLimitError) {
        await this.reportLimit(circle, meeting);
        return;
      }
      log.warn(
        { circleId: circle.id, meetingId: meeting.id, ...errorFields(error) },
        'could not create the scheduled event',
      );
    }
  }

  /** Deletes the event on Discord (gone already is fine), then forgets it; returns the failure, if any. */
  private async remove(circle: Circle, meeting: Meeting): Promise<unknown> {
    const eventId = meeting.scheduledEventId;
    if (!isEventId(eventId)) return null;
    let failure: unknown = null;
    const ok = await this.guard(
      circle,
      () => this.deps.platform.deleteVoiceEvent(circle.guildId, eventId),
      (error) => (failure = error ?? new Error('failed')),
    );
    if (ok) await this.deps.store.meetings.setEventIdIf(meeting.id, eventId, null);
    return failure;
  }

  /** Says once per meeting, in the mod-log, that the server's event limit kept it off the calendar. */
  private async reportLimit(circle: Circle, meeting: Meeting): Promise<void> {
    const key = `event-limit:${meeting.id}`;
    if (await this.deps.store.keyValues.get(key)) return;
    await this.deps.store.keyValues.set(key, this.deps.clock.now().toISOString());
    await postModLog(
      this.deps,
      circle.guildId,
      `📅 This server has reached Discord's limit of 100 scheduled events, so the meeting of **${circle.name}** on ${discordTime(meeting.startsAt)} has no event. Reminders are not affected; delete old events to make room.`,
    );
  }

  private event(circle: Circle, meeting: Meeting) {
    return {
      guildId: circle.guildId,
      channelId: circle.voiceChannelId,
      name: `${circle.name} meeting`.slice(0, 100),
      description: 'A private meeting of this circle. Only its members can see this event.',
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
    };
  }

  private async guard(
    circle: Circle,
    work: () => Promise<void>,
    onFailure?: (error: unknown) => void,
  ): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (error) {
      this.deps.log.warn({ circleId: circle.id, ...errorFields(error) }, 'scheduled event update failed');
      onFailure?.(error);
      return false;
    }
  }
}

/** After this long past its meeting's end, an event that could not be deleted is forgotten. */
const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;

/** A refusal retrying cannot change: a 4xx answer other than 429. */
function permanent(error: unknown): boolean {
  const { status } = (error ?? {}) as { status?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 429;
}
