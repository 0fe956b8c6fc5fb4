import type { Agreement, Circle } from './model.js';
import type { OutgoingMessage } from './ports.js';

/** Custom ids of the buttons the bot posts; the interaction layer routes on the part before the first colon. */
export const actionIds = {
  accept: (circleId: string, version: number) => `agree:${circleId}:${version}`,
  acknowledge: (circleId: string, version: number) => `ack:${circleId}:${version}`,
  waitlist: (circleId: string) => `waitlist:${circleId}`,
};

/** Splits `prefix:a:b` into its prefix and arguments. */
export function parseActionId(customId: string): { prefix: string; args: string[] } {
  const [prefix = '', ...args] = customId.split(':');
  return { prefix, args };
}

export function agreementText(circle: Circle, agreement: Agreement): string {
  return [
    `**${circle.name}: confidentiality agreement (version ${agreement.version})**`,
    agreement.text,
    '',
    'Press **I accept** to join. You get access to the circle’s channels once you accept.',
  ].join('\n');
}

/** The agreement with its accept button, as shown on join or sent when a place opens. */
export function agreementOffer(circle: Circle, agreement: Agreement, intro?: string): OutgoingMessage {
  return {
    content: [intro, agreementText(circle, agreement)].filter(Boolean).join('\n\n'),
    buttons: [
      { customId: actionIds.accept(circle.id, agreement.version), label: 'I accept', style: 'success' },
    ],
  };
}

/** Posted in the circle's channel when moderators change the agreement. */
export function agreementChangedNotice(circle: Circle, agreement: Agreement): OutgoingMessage {
  return {
    content: [
      `The confidentiality agreement of **${circle.name}** changed (version ${agreement.version}):`,
      agreement.text,
      '',
      'Please read it and press **I acknowledge**. Your access stays as it is.',
    ].join('\n'),
    buttons: [
      {
        customId: actionIds.acknowledge(circle.id, agreement.version),
        label: 'I acknowledge',
        style: 'primary',
      },
    ],
  };
}
