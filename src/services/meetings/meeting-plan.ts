import type { Circle } from '../circles/index.js';
import type { Meeting } from './model.js';
import type { NewReminder, Reminder } from '../reminders/index.js';
import type { Repositories } from '../kernel/index.js';

/** A start prompt more than this late is pointless: the meeting is well under way. */
export const START_PROMPT_GRACE_MINUTES = 10;
/** A reflection prompt is still welcome this long after the end. */
export const REFLECTION_GRACE_MINUTES = 12 * 60;

const minutes = (m: number) => m * 60_000;

/** The reminders a scheduled meeting should have, from its circle's settings. */
export function reminderPlan(
  meeting: Meeting,
  circle: Pick<Circle, 'reminderLeadMinutes' | 'reflectionPrompt'>,
): NewReminder[] {
  if (meeting.status !== 'scheduled') return [];
  const start = meeting.startsAt.getTime();
  const end = meeting.endsAt.getTime();
  const base = { meetingId: meeting.id, circleId: meeting.circleId, guildId: meeting.guildId };
  const plan: NewReminder[] = circle.reminderLeadMinutes.map((lead) => ({
    ...base,
    kind: 'confidentiality',
    offsetMinutes: lead,
    dueAt: new Date(start - minutes(lead)),
    expiresAt: new Date(start),
  }));
  plan.push({
    ...base,
    kind: 'start',
    offsetMinutes: 0,
    dueAt: new Date(start),
    expiresAt: new Date(Math.min(end, start + minutes(START_PROMPT_GRACE_MINUTES))),
  });
  if (circle.reflectionPrompt) {
    plan.push({
      ...base,
      kind: 'reflection',
      offsetMinutes: 0,
      dueAt: new Date(end),
      expiresAt: new Date(end + minutes(REFLECTION_GRACE_MINUTES)),
    });
  }
  return plan;
}

const key = (r: Pick<Reminder, 'kind' | 'offsetMinutes'>) => `${r.kind}:${r.offsetMinutes}`;

/**
 * Brings a meeting's reminder rows in line with its plan: missing ones are created, pending ones
 * follow the meeting, ones no longer wanted are cancelled (and wanted again, revived). Rows
 * already sent, failed or expired stay as they are, unless the meeting `moved`: then every row
 * starts again for the new time, since what was sent named the old one. A row another scheduler
 * holds only gets its new times; that scheduler sees the change when it marks it sent.
 */
export async function syncReminders(
  repos: Repositories,
  meeting: Meeting,
  circle: Circle,
  options: { moved?: boolean } = {},
): Promise<void> {
  const plan = reminderPlan(meeting, circle);
  const wanted = new Map(plan.map((r) => [key(r), r]));
  const existing = await repos.reminders.listForMeeting(meeting.id);
  const have = new Set(existing.map(key));
  const missing = plan.filter((r) => !have.has(key(r)));
  if (missing.length) await repos.reminders.createMany(missing);
  for (const row of existing) {
    const want = wanted.get(key(row));
    if (!want) {
      if (row.status === 'pending')
        await repos.reminders.updateIf(row.id, ['pending'], { status: 'cancelled' });
      continue;
    }
    const times = { dueAt: want.dueAt, expiresAt: want.expiresAt, availableAt: want.dueAt };
    const fresh = { ...times, status: 'pending' as const, attempts: 0, lastError: null };
    if (options.moved) {
      if (row.status === 'claimed') await repos.reminders.updateIf(row.id, ['claimed'], times);
      else {
        const again = { ...fresh, messageId: null, sentAt: null, claimedBy: null, leaseUntil: null };
        await repos.reminders.updateIf(row.id, ['pending', 'cancelled', 'sent', 'expired', 'failed'], again);
      }
      continue;
    }
    const shifted =
      row.dueAt.getTime() !== want.dueAt.getTime() || row.expiresAt.getTime() !== want.expiresAt.getTime();
    if (row.status === 'cancelled' || (row.status === 'pending' && shifted)) {
      await repos.reminders.updateIf(row.id, ['pending', 'cancelled'], fresh);
    }
  }
}
