import { createHash } from 'node:crypto';
import { postModLog } from './audit.js';
import { errorFields } from './error-fields.js';
import { reminderPlan } from './meeting-plan.js';
import { reminderMessage } from './reminder-messages.js';
import type { RosterCheckService } from './roster-check-service.js';
import type { Circle, Meeting, Reminder } from './model.js';
import type { ReminderRepository, ServiceDeps } from './ports.js';
import { discordTime } from './time.js';

export interface ReminderOptions {
  /** Names this process in claims (host, pid and a random part). */
  workerId: string;
  /** How long a claim holds before another scheduler may take the reminder over (default 60 s). */
  leaseMs?: number;
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

/** Discord accepts nonces of up to 25 characters; the same reminder always gets the same one. */
export function nonceFor(reminderId: string): string {
  return `ck${createHash('sha256').update(reminderId).digest('base64url').slice(0, 23)}`;
}

/**
 * The reminder outbox. Each tick expires what is too late, claims due rows with a conditional
 * update and a lease, posts them with a nonce (so a retried request cannot post twice), and marks
 * them sent. Failures retry with backoff; after the last attempt the row fails and the mod-log is
 * told. Any number of processes may tick against one database.
 */
export class ReminderService {
  private readonly options: Required<ReminderOptions>;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly roster: RosterCheckService,
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
    for (;;) {
      const candidates = await store.reminders.listClaimable(now, this.options.batchSize);
      await inParallel(candidates, this.options.concurrency, async (candidate) => {
        const outcome = await this.process(candidate.id, now);
        if (outcome) report[outcome]++;
      });
      if (candidates.length < this.options.batchSize) return report;
    }
  }

  private async process(id: string, now: Date): Promise<keyof TickReport | null> {
    const { store } = this.deps;
    const claimed = await store.reminders.claim(
      id,
      now,
      this.options.workerId,
      new Date(now.getTime() + this.options.leaseMs),
    );
    if (!claimed) return null;
    const meeting = await store.meetings.findById(claimed.meetingId);
    const circle = meeting ? await store.circles.findById(meeting.circleId) : null;
    const planned = meeting && circle && circle.state !== 'archived' ? reminderPlan(meeting, circle) : [];
    const want = planned.find((r) => r.kind === claimed.kind && r.offsetMinutes === claimed.offsetMinutes);
    if (!meeting || !circle || !want) {
      await this.settle(claimed, { status: 'cancelled', leaseUntil: null });
      return 'cancelled';
    }
    if (want.dueAt > now) {
      // The meeting moved later while this was being claimed: wait for the new time.
      await this.settle(claimed, {
        status: 'pending',
        dueAt: want.dueAt,
        expiresAt: want.expiresAt,
        availableAt: want.dueAt,
        leaseUntil: null,
        claimedBy: null,
      });
      return null;
    }
    try {
      const messageId = await this.send(claimed, meeting, circle);
      await this.settle(claimed, {
        status: 'sent',
        messageId,
        sentAt: this.deps.clock.now(),
        leaseUntil: null,
      });
    } catch (error) {
      return this.failed(claimed, meeting, circle, error, now);
    }
    if (
      claimed.kind === 'confidentiality' &&
      claimed.offsetMinutes === Math.max(...circle.reminderLeadMinutes)
    ) {
      // Before each meeting (at its first reminder), the roster is checked against Discord.
      await this.roster
        .reconcile(circle)
        .catch((error: unknown) =>
          this.deps.log.error({ circleId: circle.id, ...errorFields(error) }, 'roster check failed'),
        );
    }
    return 'sent';
  }

  /** Moves a reminder this worker holds out of `claimed`; a no-op if another worker took it over. */
  private async settle(
    reminder: Reminder,
    patch: Parameters<ReminderRepository['updateIf']>[2],
  ): Promise<boolean> {
    return this.deps.store.reminders.updateIf(reminder.id, ['claimed'], patch, this.options.workerId);
  }

  private async send(reminder: Reminder, meeting: Meeting, circle: Circle): Promise<string> {
    const { store, platform } = this.deps;
    const agreement =
      reminder.kind === 'confidentiality'
        ? await store.agreements.get(circle.id, circle.agreementVersion)
        : null;
    const checkIns = reminder.kind === 'start' ? await store.attendance.listForMeeting(meeting.id) : [];
    const message = reminderMessage(reminder, meeting, circle, { agreement, checkIns });
    return platform.postMessage(circle.textChannelId, message, { nonce: nonceFor(reminder.id) });
  }

  private async failed(
    reminder: Reminder,
    meeting: Meeting,
    circle: Circle,
    error: unknown,
    now: Date,
  ): Promise<keyof TickReport> {
    const { log } = this.deps;
    const fields = errorFields(error);
    const code = errorCode(error);
    log.warn(
      { reminderId: reminder.id, circleId: circle.id, attempt: reminder.attempts, ...fields },
      'reminder not sent',
    );
    if (reminder.attempts < this.options.maxAttempts) {
      const backoff = 15_000 * 2 ** (reminder.attempts - 1);
      await this.settle(reminder, {
        status: 'pending',
        availableAt: new Date(now.getTime() + backoff),
        lastError: code,
        leaseUntil: null,
        claimedBy: null,
      });
      return 'retried';
    }
    await this.settle(reminder, {
      status: 'failed',
      lastError: code,
      leaseUntil: null,
    });
    await postModLog(
      this.deps,
      circle.guildId,
      `⚠️ The ${reminder.kind} reminder of **${circle.name}** for ${discordTime(meeting.startsAt)} could not be posted after ${reminder.attempts} attempts (${code}).`,
    );
    return 'failed';
  }
}

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
