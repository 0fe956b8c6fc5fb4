import { auditCircle } from '../audit/index.js';
import type { Circle } from '../circles/index.js';
import type { Repositories } from '../kernel/index.js';

/**
 * Gives free places of an open circle to the first in line, oldest first. The promoted
 * become `pending`: they hold the place and get access once they accept the agreement.
 * A locked circle promotes nobody: locking closes enrolment, including from the waitlist.
 * Returns the promoted user ids; run it inside the transaction that freed the place.
 */
export async function promoteFromWaitlist(repos: Repositories, circle: Circle, now: Date): Promise<string[]> {
  if (circle.state !== 'open') return [];
  const free = circle.capacity - (await repos.memberships.countSeats(circle.id));
  if (free <= 0) return [];
  const waiting = await repos.memberships.listByCircle(circle.id, ['waitlisted']);
  const promoted = waiting.slice(0, free);
  for (const membership of promoted) {
    await repos.memberships.update(membership.id, { status: 'pending', statusSince: now });
    await auditCircle(repos, circle, 'bot', 'member.promoted-from-waitlist', now, {
      userId: membership.userId,
    });
  }
  return promoted.map((m) => m.userId);
}
