import { endCases } from '../cases/index.js';
import { auditCircle, postModLog } from '../audit/index.js';
import { type Circle, CURRENT_STATUSES } from '../circles/index.js';
import { errorFields, NotFoundError, type Repositories, type ServiceDeps } from '../kernel/index.js';
import { agreementOffer as offerMessage } from './messages.js';
import type { Agreement, Membership } from './model.js';
import { promoteFromWaitlist } from './waitlist.js';

/** The circle's current agreement, to show to someone about to join. */
export async function offerAgreement(
  repos: Repositories,
  circle: Circle,
): Promise<{ kind: 'agreement'; circle: Circle; agreement: Agreement }> {
  const agreement = await repos.agreements.get(circle.id, circle.agreementVersion);
  if (!agreement) throw new Error(`circle ${circle.id} has no agreement version ${circle.agreementVersion}`);
  return { kind: 'agreement', circle, agreement };
}

/**
 * Ends a membership (leave or removal): the roster changes first, then the member's overwrites
 * go, and a freed place is offered to the first in line. When Discord does not confirm the
 * removal, the failure is audited and reported to the mod-log, and the channel sweep retries it;
 * `accessRemoved` is then false.
 */
export async function endMembership(
  deps: ServiceDeps,
  circle: Circle,
  userId: string,
  actorId: string,
  action: string,
): Promise<{ accessRemoved: boolean }> {
  const { store, clock } = deps;
  const now = clock.now();
  const { previous, promoted } = await store.transaction((tx) =>
    leaveWithin(tx, circle, userId, actorId, action, now),
  );
  const accessRemoved = previous === 'active' ? await revokeAccess(deps, circle, userId) : true;
  await notifyPromoted(deps, circle, promoted);
  await deps.changes?.circleChanged(circle.id);
  return { accessRemoved };
}

/**
 * The database part of ending a membership, inside the caller's transaction: the roster changes,
 * the member leaves the pool, duties fixed for them are unfixed, their cases end, they stop leading
 * the circle and a freed place goes to the first in line. Returns their status before, and who was
 * offered a place.
 */
export async function leaveWithin(
  tx: Repositories,
  circle: Circle,
  userId: string,
  actorId: string,
  action: string,
  now: Date,
): Promise<{ previous: Membership['status']; promoted: string[] }> {
  const current = await tx.memberships.find(circle.id, userId);
  if (!current || !CURRENT_STATUSES.includes(current.status))
    throw new NotFoundError(`<@${userId}> is not in **${circle.name}**.`);
  await tx.memberships.update(current.id, { status: 'left', statusSince: now });
  await auditCircle(tx, circle, actorId, action, now, { userId, from: current.status });
  let fresh = (await tx.circles.findById(circle.id)) ?? circle;
  // Someone who leaves stops leading the circle, and leaves its facilitator pool and case queue.
  await tx.facilitation.leavePool(circle.id, userId);
  // A duty already fixed for them is unfixed; the next reminder fixes it again without them.
  for (const meeting of await tx.meetings.listUpcoming(circle.id, now, { statuses: ['scheduled'] })) {
    if (meeting.assignedAt && [meeting.facilitatorId, meeting.coFacilitatorId].includes(userId)) {
      await tx.meetings.update(meeting.id, {
        assignedAt: null,
        facilitatorId: null,
        coFacilitatorId: null,
        turnOwnerId: null,
      });
    }
  }
  const own = await tx.cases.listByCircle(circle.id, ['open', 'presenting', 'presented']);
  await endCases(
    tx.cases,
    own.filter((request) => request.userId === userId),
    now,
  );
  if (fresh.leaderId === userId) fresh = await tx.circles.update(circle.id, { leaderId: null });
  if (fresh.coLeaderId === userId) fresh = await tx.circles.update(circle.id, { coLeaderId: null });
  return { previous: current.status, promoted: await promoteFromWaitlist(tx, fresh, now) };
}

/**
 * Removes a former member's overwrites from a circle's channels. When Discord does not confirm it,
 * the failure is audited and reported to the mod-log (`named: false` keeps the member's name out of
 * it), the channel sweep retries, and the result is false.
 */
export async function revokeAccess(
  deps: ServiceDeps,
  circle: Circle,
  userId: string,
  options: { named?: boolean } = {},
): Promise<boolean> {
  const { store, clock, platform } = deps;
  try {
    await platform.revokeMember(circle.textChannelId, userId, `Left ${circle.name}`);
    await platform.revokeMember(circle.voiceChannelId, userId, `Left ${circle.name}`);
    return true;
  } catch (error) {
    const named = options.named ?? true;
    deps.log.error(
      { circleId: circle.id, ...(named ? { userId } : {}), ...errorFields(error) },
      'removing channel access failed',
    );
    await auditCircle(store, circle, 'bot', 'channel.revoke-failed', clock.now(), named ? { userId } : {});
    await postModLog(
      deps,
      circle.guildId,
      `⚠️ Discord did not confirm removing a member's access to circle **${circle.name}**. The bot retries on its next channel check; please verify the channel permissions.`,
      named
        ? {
            privateLine: `⚠️ Discord did not confirm removing <@${userId}>'s access to circle **${circle.name}**. The bot retries on its next channel check; please verify the channel permissions.`,
          }
        : {},
    );
    return false;
  }
}

/** Sends the agreement with its accept button by direct message; false when DMs are closed. */
export async function sendAgreementByDirectMessage(
  deps: ServiceDeps,
  circle: Circle,
  agreement: Agreement,
  userId: string,
  intro: string,
): Promise<boolean> {
  try {
    return await deps.platform.sendDirectMessage(userId, offerMessage(circle, agreement, intro));
  } catch (error) {
    deps.log.warn(
      { circleId: circle.id, userId, ...errorFields(error) },
      'could not send the agreement by direct message',
    );
    return false;
  }
}

/** Tells people promoted from the waitlist that a place is theirs, with the agreement to accept. */
export async function notifyPromoted(deps: ServiceDeps, circle: Circle, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const agreement = await deps.store.agreements.get(circle.id, circle.agreementVersion);
  if (!agreement) return;
  for (const userId of userIds) {
    await sendAgreementByDirectMessage(
      deps,
      circle,
      agreement,
      userId,
      `A place opened in **${circle.name}** and it is yours.`,
    );
  }
}
