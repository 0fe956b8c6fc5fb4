/** Domain model shared by the services and their ports. Plain data only. */

export const CIRCLE_KINDS = ['balint', 'peer-consultation', 'peer-supervision', 'study'] as const;
export type CircleKind = (typeof CIRCLE_KINDS)[number];

export const FACILITATION_MODES = ['rotating', 'designated'] as const;
export type FacilitationMode = (typeof FACILITATION_MODES)[number];

export type EnrolmentState = 'open' | 'locked' | 'archived';

/** `waitlisted` waits for a place; `pending` holds a place but has not accepted the agreement. */
export type MembershipStatus = 'waitlisted' | 'pending' | 'active' | 'left';

export interface GuildSettings {
  guildId: string;
  moderatorRoleId: string | null;
  categoryId: string | null;
  modLogChannelId: string | null;
}

export interface Circle {
  id: string;
  guildId: string;
  name: string;
  kind: CircleKind;
  capacity: number;
  state: EnrolmentState;
  facilitation: FacilitationMode;
  textChannelId: string;
  voiceChannelId: string;
  /** Version number of the agreement members must accept now. */
  agreementVersion: number;
  createdAt: Date;
  archivedAt: Date | null;
}

export interface NewCircle {
  guildId: string;
  name: string;
  kind: CircleKind;
  capacity: number;
  facilitation: FacilitationMode;
  textChannelId: string;
  voiceChannelId: string;
  agreementText: string;
  createdBy: string;
  createdAt: Date;
}

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

/** What happened, to which circle, by whom. Never case content. */
export interface AuditEvent {
  guildId: string;
  circleId: string | null;
  actorId: string;
  action: string;
  /** Ids and counts only. */
  detail: Record<string, string | number | boolean | string[]>;
  at: Date;
}
