import type { Agreement } from '../membership/index.js';
import type { Attendance } from '../attendance/index.js';
import type { CaseRequest } from '../cases/index.js';
import type { Circle } from '../circles/index.js';
import { discordTime, type Meeting } from '../meetings/index.js';
import type { Reminder } from './model.js';
import { actionId, type OutgoingMessage } from '../kernel/index.js';

/** The queue as the start prompt shows it: in a Balint circle only the order of presenters. */
function queueLines(circle: Circle, queue: CaseRequest[]): string[] {
  if (circle.kind === 'balint') {
    const names = queue.map((c, i) => `${i + 1}. <@${c.userId}>`);
    return ['**Who has a case?** Press **I have a case**.', ...names];
  }
  if (queue.length === 0) return ['No cases in the queue yet: `/case submit` to bring one.'];
  // Only who presents: labels stay in the bot's own replies (`/case queue`), never in channel history.
  return [
    '**Cases**',
    ...queue.map((c, i) => `${i + 1}. <@${c.userId}>${c.urgency === 'urgent' ? ' (urgent)' : ''}`),
  ];
}

/** The first paragraph of the agreement, at most ~400 characters: the agreement "in short". */
export function agreementInShort(text: string): string {
  const first = text.split(/\n\s*\n/)[0]?.trim() ?? '';
  return first.length > 400 ? `${first.slice(0, 397).trimEnd()}…` : first;
}

/** Who leads this meeting, as text (the facilitator when known, else the designated leaders). */
function leadLine(meeting: Meeting, circle: Circle): string | null {
  const lead = meeting.facilitatorId ?? circle.leaderId;
  if (!lead) return null;
  const co = meeting.coFacilitatorId ?? (meeting.facilitatorId ? null : circle.coLeaderId);
  const role = meeting.facilitatorId ? 'Facilitator' : 'Leader';
  return `${role}: <@${lead}>${co ? ` with <@${co}>` : ''}`;
}

/** A line of user mentions. */
const mentionList = (ids: readonly string[]) => ids.map((id) => `<@${id}>`).join(', ');

/**
 * What the circle sees for one reminder. The confidentiality reminder and the start prompt notify
 * the people in `attendees` (the circle's active members, when the circle mentions them; user ids
 * only, never `@everyone`, `@here` or a role); every other mention names without notifying.
 */
export function reminderMessage(
  reminder: Reminder,
  meeting: Meeting,
  circle: Circle,
  extra: {
    agreement: Agreement | null;
    checkIns: Attendance[];
    queue: CaseRequest[];
    /** Who the post notifies; empty when the circle turned mentions off. */
    attendees: readonly string[];
  },
): OutgoingMessage {
  const when = `${discordTime(meeting.startsAt)} (${discordTime(meeting.startsAt, 'R')})`;
  const lead = leadLine(meeting, circle);
  const notify = extra.attendees.length ? { notify: extra.attendees } : {};
  if (reminder.kind === 'confidentiality') {
    return {
      ...notify,
      content: [
        `🔒 **${circle.name}** meets ${when}, in <#${circle.voiceChannelId}>.`,
        lead,
        extra.attendees.length ? `For: ${mentionList(extra.attendees)}` : null,
        'Before we meet: press **Check in** to say *I am in a private space and will keep what is shared here confidential.*',
      ]
        .filter(Boolean)
        .join('\n'),
      panel: extra.agreement
        ? {
            title: `Our agreement, in short (version ${extra.agreement.version})`,
            text: agreementInShort(extra.agreement.text),
          }
        : undefined,
      buttons: [{ customId: actionId('checkin', meeting.id), label: 'Check in', style: 'success' }],
    };
  }
  if (reminder.kind === 'start') {
    const checkedIn = new Set(extra.checkIns.map((a) => a.userId));
    const names = extra.checkIns.map((a) => `<@${a.userId}>`);
    const waiting = extra.attendees.filter((id) => !checkedIn.has(id));
    return {
      ...notify,
      content: [
        `▶️ **${circle.name}** starts now, until ${discordTime(meeting.endsAt, 't')}. Join the voice channel: <#${circle.voiceChannelId}>`,
        lead,
        names.length ? `Checked in (${names.length}): ${names.join(', ')}` : 'Nobody has checked in yet.',
        waiting.length ? `Not checked in yet: ${mentionList(waiting)}` : null,
        'Not checked in yet? You still can, until the meeting ends.',
        '',
        ...queueLines(circle, extra.queue),
      ]
        .filter((line) => line !== null)
        .join('\n'),
      buttons: [
        { customId: actionId('checkin', meeting.id), label: 'Check in', style: 'success' },
        ...(circle.kind === 'balint'
          ? [{ customId: actionId('havecase', circle.id), label: 'I have a case', style: 'primary' as const }]
          : []),
      ],
    };
  }
  return {
    content: [
      `🌿 The meeting of **${circle.name}** has ended.`,
      'A moment for reflection, for yourself: what stays with you, and what will you take back into your work?',
      'Please keep any notes you make free of anything that could identify a patient or client.',
    ].join('\n'),
  };
}
