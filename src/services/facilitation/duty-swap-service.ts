import {
  actionId,
  type Actor,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  type ServiceDeps,
  ValidationError,
} from '../kernel/index.js';
import { auditCircle } from '../audit/index.js';
import type { FacilitationService } from './facilitation-service.js';
import type { Circle } from '../circles/index.js';
import type { DutySwap } from './model.js';
import { discordTime } from '../meetings/index.js';

/**
 * Duty swaps between two pool members: one proposes, the other accepts or declines with a
 * button. The rotation applies an accepted swap while both still own those turns.
 */
export class DutySwapService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly facilitation: FacilitationService,
  ) {}

  /** Proposes to trade the caller's next duty with another pool member's; they answer with a button. */
  async proposeSwap(
    actor: Actor,
    name: string,
    partnerId: string,
  ): Promise<{ circle: Circle; swap: DutySwap; dmSent: boolean }> {
    const { store, clock, platform } = this.deps;
    const circle = await this.facilitation.memberCircle(actor, name);
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
    const duties = await this.facilitation.duties(store, circle);
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
        { customId: actionId('swapyes', swap.id), label: 'Accept', style: 'success' as const },
        { customId: actionId('swapno', swap.id), label: 'Decline', style: 'secondary' as const },
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
}
