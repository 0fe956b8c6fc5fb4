import { createHash } from 'node:crypto';
import type { Circle, CircleKind } from '../circles/index.js';
import { actionId, type OutgoingMessage } from '../kernel/index.js';
import { discordTime, type Schedule } from '../meetings/index.js';
import type { ClosedReason } from './model.js';

/** Each kind of circle as people say it. */
export const KIND_LABELS: Record<CircleKind, string> = {
  balint: 'Balint group',
  'peer-consultation': 'Peer consultation',
  'peer-supervision': 'Peer supervision',
  study: 'Study group',
};

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** What an open card shows: nothing about members except the leader and the places left. */
export interface CardFacts {
  circle: Circle;
  placesLeft: number;
  schedule: Schedule | null;
  /** Start of the next meeting, if one is scheduled. */
  next: Date | null;
}

/** "every Tuesday, 90 minutes", "every 2 weeks on Friday, 120 minutes". */
export function schedulePattern(schedule: Schedule): string {
  const day = WEEKDAY_NAMES[schedule.weekday - 1] ?? '';
  const every = schedule.everyWeeks === 1 ? `every ${day}` : `every ${schedule.everyWeeks} weeks on ${day}`;
  return `${every}, ${schedule.durationMinutes} minutes`;
}

/** The card while the circle takes members, with its Join button. */
export function openCard({ circle, placesLeft, schedule, next }: CardFacts): OutgoingMessage {
  const lines = [
    `📣 **Open call: ${circle.name}**`,
    `${KIND_LABELS[circle.kind]}, open for sign-on.`,
    `**Meets:** ${schedule ? schedulePattern(schedule) : 'schedule to be announced'}`,
  ];
  if (next) lines.push(`**Next meeting:** ${discordTime(next, 'F')} (${discordTime(next, 'R')})`);
  if (circle.leaderId) lines.push(`**Leader:** <@${circle.leaderId}>`);
  // Only the places left: neither the capacity nor a count of members, from which anyone reading a
  // public channel could work out how many people are in the circle.
  lines.push(`**Places left:** ${placesLeft}`);
  lines.push(
    'Press **Join** to read the circle’s confidentiality agreement; you get access to its channels once you accept it. Only you see the answer.',
  );
  return {
    content: lines.join('\n'),
    buttons: [{ customId: actionId('join', circle.id), label: 'Join', style: 'success' }],
  };
}

const CLOSED_LINES: Record<ClosedReason, string> = {
  full: 'Every place is taken.',
  locked: 'The circle is not taking new members.',
  archived: 'The circle has ended.',
  replaced: 'A newer open call replaced this one.',
};

/** The card once enrolment through it is over: no button, no places. */
export function closedCard(circle: Pick<Circle, 'name'>, reason: ClosedReason): OutgoingMessage {
  return {
    content: `**Open call: ${circle.name}**\nEnrolment is closed. ${CLOSED_LINES[reason]}`,
    buttons: [],
  };
}

/** A short hash of a card's content: equal hashes, equal cards. */
export function cardHash(message: OutgoingMessage): string {
  return createHash('sha256').update(JSON.stringify(message)).digest('hex').slice(0, 32);
}
