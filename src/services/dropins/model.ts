/** The model of the drop-in feature: plain data only. */

/**
 * `requested`: the agreement accepted, access not yet open; `granted`: the channels are open to them;
 * `ended`: the meeting is over and access was taken away; `cancelled`: withdrawn before or during it.
 */
export const DROP_IN_STATUSES = ['requested', 'granted', 'ended', 'cancelled'] as const;
export type DropInStatus = (typeof DROP_IN_STATUSES)[number];

/** Statuses that hold a place at the meeting. */
export const HOLDING_STATUSES: DropInStatus[] = ['requested', 'granted'];

/** A one-meeting place in a circle for someone outside it. */
export interface DropIn {
  id: string;
  meetingId: string;
  circleId: string;
  guildId: string;
  userId: string;
  status: DropInStatus;
  /** The version of the circle's agreement they accepted for this meeting. */
  acceptedVersion: number;
  createdAt: Date;
  grantedAt: Date | null;
  endedAt: Date | null;
  /** Failed attempts to grant or remove access. */
  attempts: number;
  /** An error code or status, never message text. */
  lastError: string | null;
}

export type NewDropIn = Pick<DropIn, 'meetingId' | 'circleId' | 'guildId' | 'userId' | 'acceptedVersion'> & {
  createdAt: Date;
};

/** Attempts to grant or remove access before the bot stops retrying (and, for a removal, alerts). */
export const DROP_IN_MAX_ATTEMPTS = 3;
