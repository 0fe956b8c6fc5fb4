import {
  type Actor,
  type CircleChangeListener,
  ConflictError,
  errorFields,
  type Repositories,
  type ServiceDeps,
  ValidationError,
} from '../kernel/index.js';
import { auditCircle, postModLog } from '../audit/index.js';
import { type Circle, findCircle } from '../circles/index.js';
import type { OutgoingMessage } from '../kernel/index.js';
import { cardHash, closedCard, openCard } from './card.js';
import type { ClosedReason, OpenCall } from './model.js';

/** How often an open card is compared with its circle when nothing said it changed (the next meeting moves on). */
export const RECHECK_MS = 10 * 60_000;
/** Failed edits in a row after which the bot stops keeping a card current and tells moderators. */
export const MAX_FAILURES = 5;
/** Wait before the next try after the n-th failed edit (n = 1…): the next tick, then longer. */
const RETRY_DELAYS_MS = [0, 60_000, 5 * 60_000, 30 * 60_000];
/** Cards the scheduler looks at per tick. */
const DUE_PER_TICK = 25;
/** How long a change waits for another process refreshing the same circle's card. */
const LOCK_WAIT_MS = 3_000;

/** What a card should show now. */
type CardView =
  | { open: true; message: OutgoingMessage; hash: string }
  | { open: false; reason: Exclude<ClosedReason, 'replaced'>; message: OutgoingMessage; hash: string };

type Outcome = 'unchanged' | 'edited' | 'closed' | 'failed';

const lockName = (circleId: string) => `open-call:${circleId}`;

/**
 * Open calls: moderators announce a circle in a public channel; the card is a projection of the
 * database that the bot edits after every change of places, enrolment, schedule or leader, and that
 * the scheduler compares and repairs when an edit failed or a change was missed. Keeping the card
 * current never fails the change that prompted it.
 */
export class OpenCallService implements CircleChangeListener {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Posts a circle's open call in `channelId`. A circle that is locked, archived or full is refused,
   * as are a circle's own channels and channels the bot cannot post in. An open call already open
   * for the circle is closed (edited to point to nothing but "replaced"): one card per circle to keep
   * current, and a moderator moving the call to another channel need not find the old one.
   */
  async announce(
    actor: Actor,
    name: string,
    channelId: string,
  ): Promise<{ circle: Circle; call: OpenCall; replaced: number }> {
    const { store, platform, clock } = this.deps;
    const circle = await findCircle(store, actor, { name, right: 'moderator', archived: true });
    if (circle.state === 'archived')
      throw new ConflictError(`**${circle.name}** is archived: there is nothing to join.`);
    if (circle.state === 'locked')
      throw new ConflictError(`**${circle.name}** is locked. Unlock it before announcing it.`);
    // A circle's own channels are private to its members; no circle is named in refusing one.
    if (await store.circles.findByChannel(channelId)) {
      throw new ValidationError(
        `<#${channelId}> is a circle’s own channel. Announce in a channel where people who are not yet members can read it.`,
      );
    }
    if (!(await platform.canPost(channelId))) {
      throw new ValidationError(
        `The bot cannot post in <#${channelId}>. Let it view the channel and send messages there, or choose another channel.`,
      );
    }
    const view = await this.view(store, circle.id);
    if (!view.open) {
      throw new ConflictError(
        view.reason === 'full'
          ? `**${circle.name}** is full: every place is taken. Raise its capacity with /circle-admin settings first.`
          : `**${circle.name}** is not open for sign-on.`,
      );
    }
    // Posted before the row is written: if the write fails, the card's Join button still runs the
    // ordinary join flow, which checks the circle's enrolment itself.
    const messageId = await platform.postMessage(channelId, view.message);
    const now = clock.now();
    const { call, previous } = await store.transaction(async (tx) => {
      const previous = await tx.openCalls.listOpen(circle.id);
      for (const old of previous) await tx.openCalls.close(old.id, now);
      const call = await tx.openCalls.create({
        circleId: circle.id,
        guildId: circle.guildId,
        channelId,
        messageId,
        createdAt: now,
        renderedHash: view.hash,
        checkAt: new Date(now.getTime() + RECHECK_MS),
      });
      await auditCircle(tx, circle, actor.userId, 'circle.announced', now, {
        openCallId: call.id,
        channelId,
        messageId,
        replaced: previous.map((old) => old.id),
      });
      return { call, previous };
    });
    for (const old of previous) {
      await platform
        .editMessage(old.channelId, old.messageId, closedCard(circle, 'replaced'))
        .catch((error: unknown) =>
          this.deps.log.warn(
            { circleId: circle.id, openCallId: old.id, ...errorFields(error) },
            'could not close a replaced open call',
          ),
        );
    }
    // The circle may have changed while the card was posted.
    await this.circleChanged(circle.id);
    return { circle, call, replaced: previous.length };
  }

  /** Brings the circle's open cards up to date; never throws (the scheduler retries what fails). */
  async circleChanged(circleId: string): Promise<void> {
    const { store, clock, log } = this.deps;
    try {
      // Most circles have no card: no lock to take for them.
      if ((await store.openCalls.listOpen(circleId)).length === 0) return;
      const ran = await store.exclusive(
        lockName(circleId),
        () => this.refreshCircle(circleId).then(() => {}),
        {
          waitMs: LOCK_WAIT_MS,
        },
      );
      // Another process holds the card; it may have read the circle before this change.
      if (!ran) await store.openCalls.checkSoon(circleId, clock.now());
    } catch (error) {
      log.warn({ circleId, ...errorFields(error) }, 'could not refresh the open call of a circle');
    }
  }

  /**
   * The scheduler's step: compares the cards that are due (a failed edit, or none for a while) with
   * their circles and edits, closes or gives up on them.
   */
  async reconcile(): Promise<{ edited: number; closed: number; failed: number }> {
    const { store, clock } = this.deps;
    const due = await store.openCalls.listDue(clock.now(), DUE_PER_TICK);
    const totals = { edited: 0, closed: 0, failed: 0 };
    for (const circleId of new Set(due.map((call) => call.circleId))) {
      let outcomes: Outcome[] = [];
      await store.exclusive(lockName(circleId), async () => {
        outcomes = await this.refreshCircle(circleId);
      });
      for (const outcome of outcomes) if (outcome !== 'unchanged') totals[outcome] += 1;
    }
    return totals;
  }

  private async refreshCircle(circleId: string): Promise<Outcome[]> {
    const calls = await this.deps.store.openCalls.listOpen(circleId);
    const outcomes: Outcome[] = [];
    for (const call of calls) outcomes.push(await this.refresh(call));
    return outcomes;
  }

  /** Compares one card with its circle and edits it when it differs. */
  private async refresh(call: OpenCall): Promise<Outcome> {
    const { store, platform, clock, log } = this.deps;
    const view = await this.view(store, call.circleId);
    const now = clock.now();
    const recheck = new Date(now.getTime() + RECHECK_MS);
    if (view.open && view.hash === call.renderedHash) {
      await store.openCalls.update(call.id, { checkAt: recheck, failures: 0, lastError: null });
      return 'unchanged';
    }
    let found: boolean;
    try {
      found = await platform.editMessage(call.channelId, call.messageId, view.message);
    } catch (error) {
      return this.failed(call, error, now);
    }
    if (!found) {
      // Someone deleted the card (or its channel): nothing left to keep current.
      await store.openCalls.close(call.id, now);
      log.info({ circleId: call.circleId, openCallId: call.id }, 'open call message gone; closed');
      return 'closed';
    }
    const done = { renderedHash: view.hash, failures: 0, lastError: null };
    if (!view.open) {
      await store.openCalls.close(call.id, now, done);
      return 'closed';
    }
    await store.openCalls.update(call.id, { ...done, checkAt: recheck });
    return 'edited';
  }

  /** A failed edit: try again later, a few times, then close the card and tell moderators. */
  private async failed(call: OpenCall, error: unknown, now: Date): Promise<Outcome> {
    const { store, log } = this.deps;
    const failures = call.failures + 1;
    const fields = errorFields(error);
    const code = [fields['code'], fields['status'], fields['name']].find(
      (value) => typeof value === 'string' || typeof value === 'number',
    );
    const lastError = String(code ?? 'error').slice(0, 40);
    log.warn({ circleId: call.circleId, openCallId: call.id, failures, ...fields }, 'open call edit failed');
    if (failures < MAX_FAILURES) {
      const delay = RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length) - 1] ?? 0;
      await store.openCalls.update(call.id, {
        failures,
        lastError,
        checkAt: new Date(now.getTime() + delay),
      });
      return 'failed';
    }
    if (!(await store.openCalls.close(call.id, now, { failures, lastError }))) return 'failed';
    const circle = await store.circles.findById(call.circleId);
    if (circle) {
      await auditCircle(store, circle, 'bot', 'circle.announcement-abandoned', now, {
        openCallId: call.id,
        channelId: call.channelId,
        messageId: call.messageId,
      });
      await postModLog(
        this.deps,
        circle.guildId,
        `⚠️ The bot could not update the open call for **${circle.name}** in <#${call.channelId}> after ${failures} tries and no longer keeps it current. Its Join button still follows the circle’s enrolment. Delete that message, or check the bot's permissions there and announce again with /circle-admin announce.`,
      );
    }
    return 'failed';
  }

  /** What a circle's card should show now: open with its facts, or closed and why. */
  private async view(repos: Repositories, circleId: string): Promise<CardView> {
    const circle = await repos.circles.findById(circleId);
    const closed = (reason: Exclude<ClosedReason, 'replaced'>): CardView => {
      const message = closedCard(circle ?? { name: 'circle' }, reason);
      return { open: false, reason, message, hash: cardHash(message) };
    };
    if (!circle || circle.state === 'archived') return closed('archived');
    if (circle.state === 'locked') return closed('locked');
    const seats = await repos.memberships.countSeats(circle.id);
    const waiting = await repos.memberships.listByCircle(circle.id, ['waitlisted']);
    // Someone waiting means no free place for a newcomer: the join flow offers the waitlist.
    if (seats >= circle.capacity || waiting.length > 0) return closed('full');
    const schedule = await repos.schedules.get(circle.id);
    const now = this.deps.clock.now();
    const upcoming = schedule
      ? await repos.meetings.listUpcoming(circle.id, now, { statuses: ['scheduled'], limit: 3 })
      : [];
    const next = upcoming.find((meeting) => meeting.startsAt > now)?.startsAt ?? null;
    const message = openCard({ circle, placesLeft: circle.capacity - seats, schedule, next });
    return { open: true, message, hash: cardHash(message) };
  }
}
