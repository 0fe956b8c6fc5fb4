/** The model of the membership feature: plain data only. */
/** `waitlisted` waits for a place; `pending` holds a place but has not accepted the agreement. */
export type MembershipStatus = 'waitlisted' | 'pending' | 'active' | 'left';

export interface Membership {
  id: string;
  circleId: string;
  userId: string;
  status: MembershipStatus;
  /** When the current status began; orders the waitlist. */
  statusSince: Date;
  acceptedVersion: number | null;
  acceptedAt: Date | null;
  createdAt: Date;
}

export interface Agreement {
  circleId: string;
  version: number;
  text: string;
  createdBy: string;
  createdAt: Date;
}
