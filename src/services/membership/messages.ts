import type { Circle } from '../circles/index.js';
import { actionId, type OutgoingMessage } from '../kernel/index.js';
import type { Agreement } from './model.js';

/** The agreement as a titled panel: its text can be longer than a message allows. */
function agreementPanel(circle: Circle, agreement: Agreement): NonNullable<OutgoingMessage['panel']> {
  return {
    title: `${circle.name}: confidentiality agreement (version ${agreement.version})`,
    text: agreement.text,
  };
}

/** The agreement with its accept button, as shown on join or sent when a place opens. */
export function agreementOffer(circle: Circle, agreement: Agreement, intro?: string): OutgoingMessage {
  const ask = `Read the confidentiality agreement of **${circle.name}** and press **I accept** to join. You get access to its channels once you accept.`;
  return {
    content: [intro, ask].filter(Boolean).join('\n'),
    panel: agreementPanel(circle, agreement),
    buttons: [
      {
        customId: actionId('agree', circle.id, String(agreement.version)),
        label: 'I accept',
        style: 'success',
      },
    ],
  };
}

/** Posted in the circle's channel when moderators change the agreement. */
export function agreementChangedNotice(circle: Circle, agreement: Agreement): OutgoingMessage {
  return {
    content: `The confidentiality agreement of **${circle.name}** changed. Please read it and press **I acknowledge**; your access stays as it is.`,
    panel: agreementPanel(circle, agreement),
    buttons: [
      {
        customId: actionId('ack', circle.id, String(agreement.version)),
        label: 'I acknowledge',
        style: 'primary',
      },
    ],
  };
}

/** Offered when a circle is full. */
export function waitlistOffer(circle: Circle, waitlistLength: number): OutgoingMessage {
  const waiting = waitlistLength
    ? ` ${waitlistLength} ${waitlistLength === 1 ? 'person is' : 'people are'} waiting.`
    : '';
  return {
    content: `**${circle.name}** is full (${circle.capacity} places).${waiting} Join the waitlist? You get a place when one comes free.`,
    buttons: [{ customId: actionId('waitlist', circle.id), label: 'Join the waitlist', style: 'secondary' }],
  };
}
