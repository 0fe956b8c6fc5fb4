/** The model of the circles feature: plain data only. */
export const CIRCLE_KINDS = ['balint', 'peer-consultation', 'peer-supervision', 'study'] as const;
export type CircleKind = (typeof CIRCLE_KINDS)[number];
/** How each kind is named to people (in choices and replies); the values above are what is stored. */
export const CIRCLE_KIND_LABELS: Record<CircleKind, string> = {
  balint: 'Balint group',
  'peer-consultation': 'Peer consultation',
  'peer-supervision': 'Peer supervision',
  study: 'Study group',
};

export const FACILITATION_MODES = ['rotating', 'designated'] as const;
export type FacilitationMode = (typeof FACILITATION_MODES)[number];
export const FACILITATION_LABELS: Record<FacilitationMode, string> = {
  rotating: 'Rotating facilitator',
  designated: 'Designated leaders',
};

export type EnrolmentState = 'open' | 'locked' | 'archived';

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
  /** Designated leader and co-leader (members), if set. */
  leaderId: string | null;
  coLeaderId: string | null;
  /** Minutes before each meeting when the confidentiality reminder goes out, largest first. */
  reminderLeadMinutes: number[];
  /** Whether a reflection prompt follows each meeting. */
  reflectionPrompt: boolean;
  /** Whether the confidentiality reminder and the start prompt mention (notify) the active members. */
  mentionMembers: boolean;
  createdAt: Date;
  archivedAt: Date | null;
  /** Why a channel of the circle may be readable by outsiders or is missing; null when all is well. */
  exposure: Exposure | null;
  /** Since when it is exposed. */
  exposedAt: Date | null;
  /**
   * The attendance expected of members: at least `attendanceMinimum` of the last `attendanceWindow`
   * meetings (both null when the circle sets none).
   */
  attendanceMinimum: number | null;
  attendanceWindow: number | null;
  /** Drop-in places offered per meeting to people outside the circle; 0 when none. */
  dropInPlaces: number;
}

/**
 * How a circle is exposed, least grave first: a channel that does not stay as written, a repair
 * Discord refused, a channel that is gone.
 */
export const EXPOSURES = ['unsettled', 'repair-failed', 'channel-missing'] as const;
export type Exposure = (typeof EXPOSURES)[number];

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
