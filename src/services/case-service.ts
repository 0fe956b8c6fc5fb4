import type { Actor } from './actor.js';
import { auditCircle } from './audit.js';
import { notFound } from './circle-access.js';
import { orderQueue } from './case-queue.js';
import { describeIdentifiers, findIdentifiers } from './deidentify.js';
import { errorFields } from './error-fields.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.js';
import { URGENCIES, type CaseRequest, type Circle, type Meeting, type Urgency } from './model.js';
import type { Repositories, ServiceDeps } from './ports.js';

export const LABEL_MAX = 100;
/** Two /case next this close together are one intention, not two: the second is refused. */
const JUST_TAKEN_MS = 10_000;
export const QUESTION_MAX = 200;

export interface CaseInput {
  label?: string | null;
  question?: string | null;
  urgency?: string | null;
}

/** A circle's queue as its members see it: the case being presented, then the open ones in order. */
export interface QueueView {
  circle: Circle;
  presenting: CaseRequest | null;
  queue: CaseRequest[];
}

/** Checks a label or question: length, and no identifier of any kind. Refused text is never kept. */
function checkText(
  value: string | null | undefined,
  what: string,
  max: number,
  required: boolean,
): string | null {
  const text = value?.trim() ?? '';
  if (!text) {
    if (required) throw new ValidationError(`Give your case a short ${what}.`);
    return null;
  }
  if (text.length > max)
    throw new ValidationError(`The ${what} can be at most ${max} characters (it has ${text.length}).`);
  const kinds = findIdentifiers(text);
  if (kinds.length) throw new ValidationError(`Your ${what} was not saved. ${describeIdentifiers(kinds)}`);
  return text;
}

/** The case queue: submitting, withdrawing, taking the next case, and closing it after the meeting. */
export class CaseService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The circle the caller may submit to: an active member, without a request already in its queue. */
  async prepareSubmit(actor: Actor, name: string): Promise<Circle> {
    const { circle } = await this.memberCircle(actor, name);
    await this.requireNoActive(this.deps.store, circle, actor.userId);
    return circle;
  }

  /**
   * Puts a request in the queue. In a Balint circle it carries no text at all; elsewhere the label
   * (and the optional question) must pass the de-identification check before anything is stored.
   */
  async submit(
    actor: Actor,
    circleId: string,
    input: CaseInput,
  ): Promise<{ circle: Circle; position: number }> {
    const { store, clock } = this.deps;
    const circle = await store.circles.findById(circleId);
    if (!circle || circle.guildId !== actor.guildId || circle.state === 'archived')
      throw new NotFoundError('That circle no longer exists.');
    const urgency = (input.urgency ?? 'routine') as Urgency;
    if (!URGENCIES.includes(urgency)) throw new ValidationError('Urgency must be routine or urgent.');
    const balint = circle.kind === 'balint';
    const label = balint ? null : checkText(input.label, 'label', LABEL_MAX, true);
    const question = balint ? null : checkText(input.question, 'question', QUESTION_MAX, false);
    return store.transaction(async (tx) => {
      if ((await tx.memberships.find(circle.id, actor.userId))?.status !== 'active') {
        throw new ForbiddenError(`Only members of **${circle.name}** can bring a case to it.`);
      }
      await this.requireNoActive(tx, circle, actor.userId);
      const now = clock.now();
      const created = await tx.cases.create({
        circleId: circle.id,
        userId: actor.userId,
        urgency,
        label,
        question,
        submittedAt: now,
      });
      await auditCircle(tx, circle, actor.userId, 'case.submitted', now, { caseId: created.id, urgency });
      const view = await this.view(tx, circle);
      return { circle, position: view.queue.findIndex((c) => c.id === created.id) + 1 };
    });
  }

  /** The queue, for active members of the circle. */
  async queue(actor: Actor, name: string): Promise<QueueView> {
    const { circle } = await this.memberCircle(actor, name);
    return this.view(this.deps.store, circle);
  }

  /** Withdraws the caller's open request; its text is deleted at once. */
  async withdraw(actor: Actor, name: string): Promise<Circle> {
    const { store, clock } = this.deps;
    const { circle } = await this.memberCircle(actor, name);
    const [mine] = (await store.cases.listByCircle(circle.id, ['open', 'presenting'])).filter(
      (c) => c.userId === actor.userId,
    );
    if (!mine) throw new NotFoundError(`You have no case in the queue of **${circle.name}**.`);
    if (mine.status === 'presenting') throw new ConflictError('Your case is being presented now.');
    const now = clock.now();
    await store.transaction(async (tx) => {
      if (
        !(await tx.cases.updateIf(mine.id, ['open'], {
          status: 'withdrawn',
          closedAt: now,
          label: null,
          question: null,
        }))
      ) {
        throw new ConflictError('Your case was just taken; it is being presented now.');
      }
      await auditCircle(tx, circle, actor.userId, 'case.withdrawn', now, { caseId: mine.id });
    });
    return circle;
  }

  /**
   * Takes the next case of the meeting under way (for its facilitator or the circle's leaders):
   * the case being presented becomes presented, the first open one presenting. The claim is a
   * conditional update, so two at once never take the same case.
   */
  async next(actor: Actor, name: string): Promise<{ circle: Circle; taken: CaseRequest | null }> {
    const { store, clock } = this.deps;
    const circle = await store.circles.findByName(actor.guildId, name);
    if (!circle || circle.state === 'archived') throw notFound(name);
    const meeting = await this.meetingUnderWay(circle);
    const leads = [meeting.facilitatorId, meeting.coFacilitatorId, circle.leaderId, circle.coLeaderId];
    if (!leads.includes(actor.userId)) {
      throw new ForbiddenError(
        'Only the facilitator of the meeting under way, or the circle’s leaders, take the next case.',
      );
    }
    const result = await store.transaction(async (tx) => {
      const now = clock.now();
      const presenting = await tx.cases.listByCircle(circle.id, ['presenting']);
      if (presenting.some((c) => c.takenAt && now.getTime() - c.takenAt.getTime() < JUST_TAKEN_MS)) {
        throw new ConflictError(
          'The next case was taken a moment ago. Run /case next again to move on from it.',
        );
      }
      for (const current of presenting) {
        await tx.cases.updateIf(current.id, ['presenting'], { status: 'presented', closedAt: now });
      }
      const { queue } = await this.view(tx, circle);
      for (const candidate of queue) {
        if (
          await tx.cases.updateIf(candidate.id, ['open'], {
            status: 'presenting',
            takenAt: now,
            meetingId: meeting.id,
          })
        ) {
          await auditCircle(tx, circle, actor.userId, 'case.taken', now, {
            caseId: candidate.id,
            meetingId: meeting.id,
          });
          return {
            circle,
            taken: { ...candidate, status: 'presenting' as const, takenAt: now, meetingId: meeting.id },
          };
        }
      }
      return { circle, taken: null };
    });
    if (result.taken) await this.announce(circle, result.taken);
    return result;
  }

  /** Tells the circle, in its own channel, whose case comes next. */
  private async announce(circle: Circle, taken: CaseRequest): Promise<void> {
    const about = taken.label
      ? `: ${taken.label}${taken.question ? ` (question for the group: ${taken.question})` : ''}`
      : '';
    try {
      await this.deps.platform.postMessage(circle.textChannelId, {
        content: `🗣️ Next case: <@${taken.userId}>${about}`,
      });
    } catch (error) {
      this.deps.log.warn({ circleId: circle.id, ...errorFields(error) }, 'could not announce the next case');
    }
  }

  /**
   * After a meeting: its case being presented counts as presented, and the label and question of
   * every presented case are deleted. Open cases carry over to the next meeting.
   */
  async closeEnded(): Promise<number> {
    const { store, clock } = this.deps;
    const now = clock.now();
    let closed = 0;
    for (const request of await store.cases.listUnclosed(200)) {
      const meeting = request.meetingId ? await store.meetings.findById(request.meetingId) : null;
      if (meeting && meeting.endsAt > now) continue;
      const from = request.status === 'presenting' ? ['presenting' as const] : ['presented' as const];
      if (
        await store.cases.updateIf(request.id, from, {
          status: 'presented',
          closedAt: request.closedAt ?? now,
          label: null,
          question: null,
        })
      )
        closed++;
    }
    return closed;
  }

  private async view(repos: Repositories, circle: Circle): Promise<QueueView> {
    const active = await repos.cases.listByCircle(circle.id, ['open', 'presenting']);
    const lastPresented = await repos.cases.lastPresented(circle.id);
    return {
      circle,
      presenting: active.find((c) => c.status === 'presenting') ?? null,
      queue: orderQueue(
        active.filter((c) => c.status === 'open'),
        lastPresented,
      ),
    };
  }

  /** The meeting that counts as under way: from 15 minutes before its start to its end. */
  private async meetingUnderWay(circle: Circle): Promise<Meeting> {
    const now = this.deps.clock.now();
    const [meeting] = await this.deps.store.meetings.listUpcoming(circle.id, now, {
      statuses: ['scheduled'],
      limit: 1,
    });
    if (!meeting || meeting.startsAt.getTime() - 15 * 60_000 > now.getTime()) {
      throw new ConflictError(`**${circle.name}** has no meeting under way.`);
    }
    return meeting;
  }

  private async memberCircle(actor: Actor, name: string): Promise<{ circle: Circle }> {
    const { store } = this.deps;
    const circle = await store.circles.findByName(actor.guildId, name);
    if (!circle || circle.state === 'archived') throw notFound(name);
    if ((await store.memberships.find(circle.id, actor.userId))?.status !== 'active') {
      throw new ForbiddenError(`Only members of **${circle.name}** can bring cases to it or see its queue.`);
    }
    return { circle };
  }

  private async requireNoActive(repos: Repositories, circle: Circle, userId: string): Promise<void> {
    const active = await repos.cases.listByCircle(circle.id, ['open', 'presenting']);
    if (active.some((c) => c.userId === userId)) {
      throw new ConflictError(
        `You already have a case in the queue of **${circle.name}**. Withdraw it first with /case withdraw.`,
      );
    }
  }
}
