/** The model of the facilitation feature: plain data only. */
/** What a member does with the facilitator pool: join it or leave it. */
export const POOL_ACTIONS = ['join', 'leave'] as const;
export type PoolAction = (typeof POOL_ACTIONS)[number];
/** How each pool action is named to people. */
export const POOL_ACTION_LABELS: Record<PoolAction, string> = {
  join: 'Join the pool',
  leave: 'Leave the pool',
};

/** A member who takes turns facilitating a rotating circle. */
export interface PoolMember {
  circleId: string;
  userId: string;
  joinedAt: Date;
}

/** Local dates (inclusive, `YYYY-MM-DD`) on which a pool member cannot facilitate. */
export interface AwayPeriod {
  id: string;
  circleId: string;
  userId: string;
  fromDate: string;
  toDate: string;
}

export type SwapStatus = 'proposed' | 'accepted' | 'declined';

/** Two pool members trading their next duties; it holds while both still own those turns. */
export interface DutySwap {
  id: string;
  circleId: string;
  status: SwapStatus;
  requesterId: string;
  partnerId: string;
  /** The requester's meeting, which the partner takes. */
  requesterMeetingId: string;
  /** The partner's meeting, which the requester takes. */
  partnerMeetingId: string;
  createdAt: Date;
}
