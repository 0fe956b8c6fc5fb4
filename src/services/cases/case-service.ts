import {
  actionId,
  type Actor,
  ConflictError,
  errorFields,
  ForbiddenError,
  NotFoundError,
  type Repositories,
  type ServiceDeps,
  ValidationError,
} from '../kernel/index.js';
import { auditCircle } from '../audit/index.js';
import { type Circle, findCircle } from '../circles/index.js';
import { endCases, orderQueue } from './case-queue.js';
import { describeIdentifiers, findIdentifiers } from '../deidentify/index.js';
import { URGENCIES, type CaseRequest, type Urgency } from './model.js';
import { type Meeting } from '../meetings/index.js';
import { currentDropInInCircle } from '../dropins/index.js';

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
    const circle = await findCircle(this.deps.store, actor, { name, right: 'any' });
    await this.requireSubmitter(this.deps.store, circle, actor.userId);
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
  ): Promise<{ circle: Circle; position: number; request: CaseRequest }> {
    const { store, clock } = this.deps;
    const circle = await this.liveCircle(actor, circleId);
    const urgency = (input.urgency ?? 'routine') as Urgency;
    if (!URGENCIES.includes(urgency)) throw new ValidationError('Urgency must be routine or urgent.');
    const balint = circle.kind === 'balint';
    const label = balint ? null : checkText(input.label, 'label', LABEL_MAX, true);
    const question = balint ? null : checkText(input.question, 'question', QUESTION_MAX, false);
    return store.transaction(async (tx) => {
      await this.requireSubmitter(tx, circle, actor.userId);
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
      return { circle, position: view.queue.findIndex((c) => c.id === created.id) + 1, request: created };
    });
  }

  /** The queue, for active members of the circle. */
  async queue(actor: Actor, name: string): Promise<QueueView> {
    const { circle } = await this.memberCircle(actor, name);
    return this.view(this.deps.store, circle);
  }

  /** Withdraws the caller's open request; its text is deleted at once. */
  async withdraw(actor: Actor, name: string): Promise<Circle> {
    const { circle } = await this.memberCircle(actor, name);
    return this.withdrawFrom(actor, circle);
  }

  /** The same, from the Withdraw button of a submission's confirmation. */
  async withdrawById(actor: Actor, circleId: string): Promise<Circle> {
    return this.withdrawFrom(actor, await this.liveCircle(actor, circleId));
  }

  private async withdrawFrom(actor: Actor, circle: Circle): Promise<Circle> {
    const { store, clock } = this.deps;
    const [mine] = (await store.cases.listByCircle(circle.id, ['open', 'presenting'])).filter(
      (c) => c.userId === actor.userId,
    );
    if (!mine) throw new NotFoundError(`You have no case in the queue of **${circle.name}**.`);
    if (mine.status === 'presenting') throw new ConflictError('Your case is being presented now.');
    const now = clock.now();
    await store.transaction(async (tx) => {
      if (!(await endCases(tx.cases, [mine], now))) {
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
    const circle = await findCircle(store, actor, { name, right: 'any' });
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
          // Presenting counts as attending, with the presenter role, for the member's record.
          await tx.attendance.addRole(
            { meetingId: meeting.id, circleId: circle.id, userId: candidate.userId, checkedInAt: now },
            'presenter',
          );
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

  /**
   * Tells the circle, in its own channel, who presents next: never the label or the question, which
   * would stay in the channel's history after the stored copy is deleted. The presenter and the
   * facilitator see the text ephemerally (the "Show the case" button, and the reply to /case next).
   */
  private async announce(circle: Circle, taken: CaseRequest): Promise<void> {
    const withText = taken.label !== null;
    try {
      await this.deps.platform.postMessage(circle.textChannelId, {
        content: `🗣️ Next case: <@${taken.userId}>`,
        buttons: withText
          ? [{ customId: actionId('caseshow', circle.id), label: 'Show the case', style: 'secondary' }]
          : [],
      });
    } catch (error) {
      this.deps.log.warn({ circleId: circle.id, ...errorFields(error) }, 'could not announce the next case');
    }
  }

  /**
   * The case being presented in a circle, for its presenter, the facilitator of the meeting it was
   * taken in, and the circle's leaders only (shown to them ephemerally).
   */
  async presenting(actor: Actor, circleId: string): Promise<{ circle: Circle; request: CaseRequest }> {
    const { store } = this.deps;
    const circle = await this.liveCircle(actor, circleId);
    const [request] = await store.cases.listByCircle(circle.id, ['presenting']);
    if (!request || request.label === null)
      throw new NotFoundError(`No case with a label is being presented in **${circle.name}** now.`);
    const meeting = request.meetingId ? await store.meetings.findById(request.meetingId) : null;
    const allowed = [
      request.userId,
      meeting?.facilitatorId,
      meeting?.coFacilitatorId,
      circle.leaderId,
      circle.coLeaderId,
    ];
    if (!allowed.includes(actor.userId))
      throw new ForbiddenError('Only the presenter and the facilitator see the case’s label.');
    return { circle, request };
  }

  /**
   * After a meeting (or once it is cancelled): its case being presented counts as presented, and
   * the label and question of every presented case are deleted. Open cases carry over to the next
   * meeting.
   */
  async closeEnded(): Promise<number> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const ended: CaseRequest[] = [];
    for (const request of await store.cases.listUnclosed(200)) {
      const meeting = request.meetingId ? await store.meetings.findById(request.meetingId) : null;
      if (meeting && meeting.status !== 'cancelled' && meeting.endsAt > now) continue;
      ended.push(request);
    }
    return endCases(store.cases, ended, now);
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

  /** A circle named by id (from a button or form): of the actor's server, and not archived. */
  private liveCircle(actor: Actor, circleId: string): Promise<Circle> {
    return findCircle(this.deps.store, actor, { id: circleId, right: 'any' });
  }

  private async memberCircle(actor: Actor, name: string): Promise<{ circle: Circle }> {
    const circle = await findCircle(this.deps.store, actor, {
      name,
      right: 'member',
      refusal: (c) => `Only members of **${c.name}** can bring cases to it or see its queue.`,
    });
    return { circle };
  }

  /**
   * Active members bring cases, and so does someone whose drop-in place in the circle is current
   * (their case is withdrawn, its text deleted, when their place ends: they will not be back).
   */
  private async requireSubmitter(repos: Repositories, circle: Circle, userId: string): Promise<void> {
    if ((await repos.memberships.find(circle.id, userId))?.status === 'active') return;
    if (await currentDropInInCircle(repos, circle.id, userId, this.deps.clock.now())) return;
    throw new ForbiddenError(`Only members of **${circle.name}** can bring cases to it or see its queue.`);
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
