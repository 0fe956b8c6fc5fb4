import type { Repositories } from '../kernel/index.js';
import type { Circle } from '../circles/index.js';
import type { Meeting } from '../meetings/index.js';
import type { DropIn } from './model.js';

/**
 * When a drop-in's access to the channels opens: with the meeting's first confidentiality reminder
 * (the largest lead time), or at the start when the circle sends none.
 */
export function accessOpensAt(
  circle: Pick<Circle, 'reminderLeadMinutes'>,
  meeting: Pick<Meeting, 'startsAt'>,
): Date {
  const lead = Math.max(0, ...circle.reminderLeadMinutes);
  return new Date(meeting.startsAt.getTime() - lead * 60_000);
}

/** The ids of the people with a drop-in place inside its window in a circle now (granted, meeting not over). */
export async function currentDropInIds(repos: Repositories, circleId: string, now: Date): Promise<string[]> {
  return (await repos.dropIns.listCurrent(circleId, now)).map((d) => d.userId);
}

/**
 * The caller's drop-in at a meeting while it is current: granted, the meeting scheduled and not
 * over. Null otherwise.
 */
export async function currentDropIn(
  repos: Repositories,
  meeting: Meeting,
  userId: string,
  now: Date,
): Promise<DropIn | null> {
  if (meeting.status !== 'scheduled' || now >= meeting.endsAt) return null;
  const dropIn = await repos.dropIns.find(meeting.id, userId);
  return dropIn?.status === 'granted' ? dropIn : null;
}

/** The caller's current drop-in in a circle (any of its meetings), if any. */
export async function currentDropInInCircle(
  repos: Repositories,
  circleId: string,
  userId: string,
  now: Date,
): Promise<DropIn | null> {
  return (await repos.dropIns.listCurrent(circleId, now)).find((d) => d.userId === userId) ?? null;
}
