/** The model of the open-calls feature: plain data only. */
export const OPEN_CALL_STATUSES = ['open', 'closed'] as const;
export type OpenCallStatus = (typeof OPEN_CALL_STATUSES)[number];

/**
 * A public card announcing a circle open for sign-on, with a Join button. The card is a projection
 * of the circle: the bot edits it when places change and closes it when the circle locks, fills or
 * is archived. A closed card stays closed.
 */
export interface OpenCall {
  id: string;
  circleId: string;
  guildId: string;
  channelId: string;
  messageId: string;
  status: OpenCallStatus;
  createdAt: Date;
  closedAt: Date | null;
  /** Hash of the content the message shows now. */
  renderedHash: string;
  /** When the scheduler next compares the card with the circle. */
  checkAt: Date;
  /** Edits that failed in a row. */
  failures: number;
  /** Code or status of the last failed edit, never message text. */
  lastError: string | null;
}

export type NewOpenCall = Pick<
  OpenCall,
  'circleId' | 'guildId' | 'channelId' | 'messageId' | 'createdAt' | 'renderedHash' | 'checkAt'
>;

/** Why a card says enrolment is closed. */
export type ClosedReason = 'full' | 'locked' | 'archived' | 'replaced';
