import { createHash } from 'node:crypto';
import { postModLog } from '../audit/index.js';
import { errorFields, type ServiceDeps } from '../kernel/index.js';
import { orderQueue } from '../cases/index.js';
import { discordTime, type Meeting, reminderPlan } from '../meetings/index.js';
import { reminderMessage } from './reminder-messages.js';
import type { FacilitationService } from '../facilitation/index.js';
import type { RosterCheckService } from '../channels/index.js';
import type { Circle } from '../circles/index.js';
import type { Reminder } from './model.js';
import type { ReminderPatch } from './repository.js';

export interface ReminderOptions {
  /** Names this process in claims (host, pid and a random part). */
  workerId: string;
  /** How long a claim holds before another scheduler may take the reminder over (default 60 s). */
  leaseMs?: number;
  /** Told when a reminder is posted, with its due time (metrics: how late reminders go out). */
  onPosted?: (dueAt: Date, postedAt: Date) => void;
  /** Attempts before a reminder is marked failed (default 5). */
  maxAttempts?: number;
  /** Reminders listed per round (default 100). */
  batchSize?: number;
  /** Reminders being sent at once (default 16); discord.js paces requests to Discord's limits. */
  concurrency?: number;
}

export interface TickReport {
  expired: number;
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
}

/**
 * Discord accepts nonces of up to 25 characters. A reminder keeps its nonce through retries, and
 * gets a new one when its meeting moves (a new time is a new message).
 */
export function nonceFor(reminder: Pick<Reminder, 'id' | 'dueAt'>): string {
  const seed = `${reminder.id}:${reminder.dueAt.toISOString()}`;
  return `ck${createHash('sha256').update(seed).digest('base64url').slice(0, 23)}`;
}

/**
 * The reminder outbox. Each tick expires what is too late, claims due rows with a conditional
 * update and a lease, posts them with a nonce (so a retried request cannot post twice), and marks
 * them sent. Failures retry with backoff; after the last attempt the row fails and the mod-log is
 * told. Any number of processes may tick against one database.
 */
export class ReminderService {
  private readonly options: Required<Omit<ReminderOptions, 'onPosted'>> & Pick<ReminderOptions, 'onPosted'>;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly roster: RosterCheckService,
    private readonly facilitation: FacilitationService,
    options: ReminderOptions,
  ) {
    this.options = { leaseMs: 60_000, maxAttempts: 5, batchSize: 100, concurrency: 16, ...options };
  }

  /** One pass of the outbox at the clock's current time. */
  async tick(): Promise<TickReport> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const report: TickReport = {
      expired: await store.reminders.expireOverdue(now),
      sent: 0,
      retried: 0,
      failed: 0,
      cancelled: 0,
    };
    // At each meeting's first reminder the facilitator is told and the roster is checked against
    // Discord; both wait until this tick's reminders are out, so they never delay a reminder.
    const afterwards = new Map<string, { circle: Circle; meeting: Meeting }>();
    for (;;) {
      const candidates = await store.reminders.listClaimable(clock.now(), this.options.batchSize);
      await inParallel(candidates, this.options.concurrency, async (candidate) => {
        const outcome = await this.process(candidate.id, afterwards);
        if (outcome) report[outcome]++;
      });
      if (candidates.length < this.options.batchSize) break;
    }
    await inParallel([...afterwards.values()], 4, async ({ circle, meeting }) => {
      await this.facilitation.notify(circle, meeting);
      await this.roster
        .reconcile(circle)
        .catch((error: unknown) =>
          this.deps.log.error({ circleId: circle.id, ...errorFields(error) }, 'roster check failed'),
        );
    });
    return report;
  }

  private async process(
    id: string,
    afterwards: Map<string, { circle: Circle; meeting: Meeting }>,
  ): Promise<keyof TickReport | null> {
    const { store, clock } = this.deps;
    // Each claim reads the clock itself: a long tick must not hand out leases that have already run out.
    const claimedAt = clock.now();
    const lease = new Date(claimedAt.getTime() + this.options.leaseMs);
    const claimed = await store.reminders.claim(id, claimedAt, this.options.workerId, lease);
    if (!claimed) return null;
    const meeting = await store.meetings.findById(claimed.meetingId);
    const circle = meeting ? await store.circles.findById(meeting.circleId) : null;
    const planned = meeting && circle && circle.state !== 'archived' ? reminderPlan(meeting, circle) : [];
    const want = planned.find((r) => r.kind === claimed.kind && r.offsetMinutes === claimed.offsetMinutes);
    if (!meeting || !circle || !want) {
      return (await this.settle(claimed, { status: 'cancelled', leaseUntil: null })) ? 'cancelled' : null;
    }
    const now = clock.now();
    if (want.dueAt > now) {
      // The meeting moved later while this was being claimed: wait for the new time.
      await this.settle(claimed, { status: 'pending', ...timesOf(want), leaseUntil: null, claimedBy: null });
      return null;
    }
    if (want.expiresAt <= now) {
      return (await this.settle(claimed, { status: 'expired', leaseUntil: null })) ? 'expired' : null;
    }
    // The first reminder fixes who facilitates, so that it can name them; a later one fixes it if
    // the first was missed (fixing is a no-op once done).
    const first =
      claimed.kind === 'confidentiality' && claimed.offsetMinutes === Math.max(...circle.reminderLeadMinutes);
    const fixed = await this.facilitation.fix(meeting, circle);
    let messageId: string;
    try {
      messageId = await this.send(claimed, fixed, circle);
    } catch (error) {
      return this.failed(claimed, meeting, circle, error);
    }
    // Refused when the meeting moved while this was being sent: the row then goes out again, for the new time.
    const sentAt = clock.now();
    if (!(await this.settle(claimed, { status: 'sent', messageId, sentAt, leaseUntil: null }))) return null;
    this.options.onPosted?.(claimed.dueAt, sentAt);
    if (first) afterwards.set(circle.id, { circle, meeting: fixed });
    return 'sent';
  }

  /**
   * Moves a reminder this worker holds out of `claimed`. A no-op (false) if another worker took
   * it over, or if the meeting moved since the claim.
   */
  private async settle(reminder: Reminder, patch: ReminderPatch): Promise<boolean> {
    return this.deps.store.reminders.updateIf(reminder.id, ['claimed'], patch, {
      claimedBy: this.options.workerId,
      dueAt: reminder.dueAt,
    });
  }

  private async send(reminder: Reminder, meeting: Meeting, circle: Circle): Promise<string> {
    const { store, platform } = this.deps;
    const agreement =
      reminder.kind === 'confidentiality'
        ? await store.agreements.get(circle.id, circle.agreementVersion)
        : null;
    const start = reminder.kind === 'start';
    const checkIns = start ? await store.attendance.listForMeeting(meeting.id) : [];
    const open = start ? await store.cases.listByCircle(circle.id, ['open']) : [];
    const queue = start ? orderQueue(open, await store.cases.lastPresented(circle.id)) : [];
    const message = reminderMessage(reminder, meeting, circle, { agreement, checkIns, queue });
    return platform.postMessage(circle.textChannelId, message, { nonce: nonceFor(reminder) });
  }

  private async failed(
    reminder: Reminder,
    meeting: Meeting,
    circle: Circle,
    error: unknown,
  ): Promise<keyof TickReport | null> {
    const { log, clock } = this.deps;
    const code = errorCode(error);
    log.warn(
      { reminderId: reminder.id, circleId: circle.id, attempt: reminder.attempts, ...errorFields(error) },
      'reminder not sent',
    );
    // A channel that is gone or closed to the bot will not heal by retrying (and retries count as invalid requests).
    const permanent = PERMANENT_ERRORS.has(code);
    if (!permanent && reminder.attempts < this.options.maxAttempts) {
      const backoff = 15_000 * 2 ** (reminder.attempts - 1);
      const availableAt = new Date(clock.now().getTime() + backoff);
      const released = await this.settle(reminder, {
        status: 'pending',
        availableAt,
        lastError: code,
        leaseUntil: null,
        claimedBy: null,
      });
      return released ? 'retried' : null;
    }
    if (!(await this.settle(reminder, { status: 'failed', lastError: code, leaseUntil: null }))) return null;
    const why = permanent ? `Discord refused it (${code})` : `${reminder.attempts} attempts failed (${code})`;
    await postModLog(
      this.deps,
      circle.guildId,
      `⚠️ The ${reminder.kind} reminder of **${circle.name}** for ${discordTime(meeting.startsAt)} could not be posted: ${why}.`,
    );
    return 'failed';
  }
}

/** Discord codes that retrying cannot fix: Unknown Channel, Missing Access, Missing Permissions. */
const PERMANENT_ERRORS = new Set(['10003', '50001', '50013']);

const timesOf = (r: { dueAt: Date; expiresAt: Date }) => ({
  dueAt: r.dueAt,
  expiresAt: r.expiresAt,
  availableAt: r.dueAt,
});

/** A short code for an error (a Discord code, an HTTP status or the error's name); never its message. */
function errorCode(error: unknown): string {
  const { code, status } = (error ?? {}) as { code?: unknown; status?: unknown };
  const value =
    typeof code === 'string' || typeof code === 'number' ? code : typeof status === 'number' ? status : null;
  return String(value ?? (error instanceof Error ? error.name : 'error')).slice(0, 60);
}

/** Runs `work` over `items` with at most `limit` at once. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
