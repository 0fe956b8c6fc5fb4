import { createHash } from 'node:crypto';
import { postModLog } from '../audit/index.js';
import { errorFields, type ServiceDeps } from '../kernel/index.js';
import { orderQueue } from '../cases/index.js';
import { discordTime, type Meeting, reminderPlan } from '../meetings/index.js';
import { reminderMessage } from './reminder-messages.js';
import type { FacilitationService } from '../facilitation/index.js';
import type { RosterCheckService } from '../channels/index.js';
import type { Circle } from '../circles/index.js';
import { type ClaimPreference, FOLLOW_UP_KINDS, type FollowUp, type Reminder } from './model.js';
import type { FollowUpPatch, ReminderPatch } from './repository.js';

export interface ReminderOptions {
  /** Names this process in claims (host, pid and a random part). */
  workerId: string;
  /** How long a claim holds before another scheduler may take the row over (default 30 s). */
  leaseMs?: number;
  /** The servers this process takes first: those of its own shards (see `ClaimPreference`). */
  prefer?: ClaimPreference;
  /** Told when a reminder is posted, with its due time (metrics: how late reminders go out). */
  onPosted?: (dueAt: Date, postedAt: Date) => void;
  /** Attempts before a reminder is marked failed (default 5). */
  maxAttempts?: number;
  /** Rows claimed per round (default 32): what a process that dies leaves waiting for its lease. */
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
  /** Follow-ups done (facilitator told, roster checked). */
  followedUp: number;
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
 * The reminder outbox. Each tick expires what is too late, claims due rows in batches with a lease
 * (on PostgreSQL with `FOR UPDATE SKIP LOCKED`, its own shards' servers first), posts them with a
 * nonce (so a retried request, or a takeover after a crash, cannot post twice), and marks them
 * sent. Failures retry with backoff; after the last attempt the row fails and the mod-log is
 * told. The first reminder of a meeting also writes its follow-ups (facilitator told, roster
 * checked), done after the reminders from their own outbox. Any number of processes may tick
 * against one PostgreSQL database.
 */
export class ReminderService {
  private readonly options: Required<Omit<ReminderOptions, 'onPosted' | 'prefer'>> &
    Pick<ReminderOptions, 'onPosted' | 'prefer'>;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly roster: RosterCheckService,
    private readonly facilitation: FacilitationService,
    options: ReminderOptions,
  ) {
    this.options = { leaseMs: 30_000, maxAttempts: 5, batchSize: 32, concurrency: 16, ...options };
  }

  /**
   * One pass of the outbox at the clock's current time: due reminders first, then the follow-ups
   * of meetings whose first reminder went out, so that they never delay a reminder.
   */
  async tick(): Promise<TickReport> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const report: TickReport = {
      expired: await store.reminders.expireOverdue(now),
      sent: 0,
      retried: 0,
      failed: 0,
      cancelled: 0,
      followedUp: 0,
    };
    await store.followUps.expireOverdue(now);
    const reminders = () =>
      this.drain(
        (at, lease) =>
          store.reminders.claimDue(
            at,
            this.options.workerId,
            lease,
            this.options.batchSize,
            this.options.prefer,
          ),
        this.options.concurrency,
        async (claimed) => {
          const outcome = await this.process(claimed).catch((error: unknown) => {
            // The row stays claimed; its lease lapses and it is taken again.
            this.deps.log.error({ reminderId: claimed.id, ...errorFields(error) }, 'reminder not processed');
            return null;
          });
          if (outcome) report[outcome]++;
        },
      );
    await reminders();
    // Follow-ups a few at a time, each few after any reminders that fell due meanwhile: they share
    // the REST budget, and a reminder never waits behind a burst of them.
    await this.drain(
      (at, lease) =>
        store.followUps.claimDue(at, this.options.workerId, lease, FOLLOW_UP_BATCH, this.options.prefer),
      FOLLOW_UP_BATCH,
      async (claimed) => {
        const done = await this.followUp(claimed).catch((error: unknown) => {
          this.deps.log.error({ followUpId: claimed.id, ...errorFields(error) }, 'follow-up not processed');
          return false;
        });
        if (done) report.followedUp++;
      },
      reminders,
    );
    return report;
  }

  /**
   * Claims batches until none is left (a short batch is no sign of the end: other processes may
   * hold rows, skipped while locked), at most `MAX_ROUNDS`; the next tick takes any rest. Each
   * claim reads the clock: a long tick must not hand out leases that have already run out.
   */
  private async drain<T>(
    claim: (at: Date, leaseUntil: Date) => Promise<T[]>,
    concurrency: number,
    work: (row: T) => Promise<void>,
    /** Run after each batch (the reminders due meanwhile, between follow-ups). */
    between?: () => Promise<void>,
  ): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const at = this.deps.clock.now();
      const batch = await claim(at, new Date(at.getTime() + this.options.leaseMs));
      if (batch.length === 0) return;
      await inParallel(batch, concurrency, work);
      await between?.();
    }
  }

  private async process(claimed: Reminder): Promise<keyof TickReport | null> {
    const { store, clock } = this.deps;
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
    if (first) {
      // Owed from the moment the reminder is out, before it is marked sent: a process dying in
      // between leaves the reminder to be taken over (its nonce stops a second post) and the
      // follow-ups already written (one per meeting and kind).
      await store.followUps.createMany(
        FOLLOW_UP_KINDS.map((kind) => ({
          meetingId: meeting.id,
          circleId: circle.id,
          guildId: circle.guildId,
          kind,
          // Behind the burst of reminders of the same minute, which they would otherwise slow.
          availableAt: new Date(clock.now().getTime() + FOLLOW_UP_DELAY_MS),
          // Telling the facilitator is pointless once the meeting started; the roster check is
          // still worth it while it runs.
          expiresAt: kind === 'facilitator' ? meeting.startsAt : meeting.endsAt,
        })),
      );
    }
    // Refused when the meeting moved while this was being sent: the row then goes out again, for the new time.
    const sentAt = clock.now();
    const settled = await this.settle(claimed, { status: 'sent', messageId, sentAt, leaseUntil: null });
    if (!settled) return null;
    this.options.onPosted?.(claimed.dueAt, sentAt);
    return 'sent';
  }

  /**
   * Does one follow-up this worker claimed. A failed attempt is retried with backoff; after the
   * last, the row fails and, for the roster check, the mod-log is told (the check is what keeps a
   * removed member out of the meeting).
   */
  private async followUp(row: FollowUp): Promise<boolean> {
    const { store, clock, log } = this.deps;
    const settle = (patch: FollowUpPatch) =>
      store.followUps.updateIf(row.id, ['claimed'], patch, { claimedBy: this.options.workerId });
    const meeting = await store.meetings.findById(row.meetingId);
    const circle = meeting ? await store.circles.findById(meeting.circleId) : null;
    if (!meeting || !circle || circle.state === 'archived' || meeting.status !== 'scheduled') {
      await settle({ status: 'expired', leaseUntil: null });
      return false;
    }
    try {
      if (row.kind === 'facilitator')
        await this.facilitation.notify(circle, meeting, nonceFor({ id: row.id, dueAt: meeting.startsAt }));
      else await this.roster.reconcile(circle);
    } catch (error) {
      const code = errorCode(error);
      log.error(
        { circleId: circle.id, followUp: row.kind, attempt: row.attempts, ...errorFields(error) },
        'follow-up failed',
      );
      if (row.attempts < this.options.maxAttempts) {
        const availableAt = new Date(clock.now().getTime() + 15_000 * 2 ** (row.attempts - 1));
        await settle({ status: 'pending', availableAt, lastError: code, leaseUntil: null, claimedBy: null });
        return false;
      }
      if ((await settle({ status: 'failed', lastError: code, leaseUntil: null })) && row.kind === 'roster') {
        await postModLog(
          this.deps,
          circle.guildId,
          `⚠️ The members of **${circle.name}** could not be checked against Discord before ${discordTime(meeting.startsAt)} (${code}): check who can see its channels.`,
        );
      }
      return false;
    }
    return settle({ status: 'done', doneAt: clock.now(), leaseUntil: null });
  }

  /**
   * Moves a reminder this worker holds out of `claimed`. A no-op (false) if another worker took
   * it over, or if the meeting moved since the claim.
   */
  private async settle(reminder: Reminder, patch: ReminderPatch): Promise<boolean> {
    return this.deps.store.reminders.updateIf(reminder.id, ['claimed'], patch, this.heldBy(reminder));
  }

  /** While this worker still holds the claim and the meeting has not moved. */
  private heldBy(reminder: Reminder) {
    return { claimedBy: this.options.workerId, dueAt: reminder.dueAt };
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
    // The confidentiality reminder and the start prompt notify the active members (user mentions
    // only), unless the circle turned that off; the reflection prompt notifies nobody.
    const attendees =
      circle.mentionMembers && reminder.kind !== 'reflection'
        ? (await store.memberships.listByCircle(circle.id, ['active'])).map((m) => m.userId)
        : [];
    const message = reminderMessage(reminder, meeting, circle, { agreement, checkIns, queue, attendees });
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

/** Claim rounds per outbox per tick. */
const MAX_ROUNDS = 5000;
/** How long after a meeting's first reminder its follow-ups are done: after that minute's burst. */
export const FOLLOW_UP_DELAY_MS = 60_000;
/** Follow-ups claimed and done at once, between two looks for due reminders. */
const FOLLOW_UP_BATCH = 4;

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
