/** The model of the privacy feature: plain data only. */

/** Whose data: one person on one server, and the one-way pseudonym that replaces them where records stay. */
export interface Subject {
  guildId: string;
  userId: string;
  /** `forgotten-` and a hash of the server and the user: the same for every record, never reversible. */
  pseudonym: string;
}

/** Everything stored about a person, by model (rows as plain JSON values, dates as ISO text). */
export type PersonalRecords = Record<string, Record<string, unknown>[]>;

/** How many rows of each model a forget deleted or pseudonymised. */
export type ForgetCounts = Record<string, number>;

/**
 * The retention periods a server sets, in years: attendance (with certificates, past meetings and
 * closed case rows), audit events, and memberships that ended (with their acceptances, time away and
 * swaps). Everything else is kept only while it is current (a member's place, a circle's leaders).
 */
export const RETENTION_KINDS = ['attendance', 'audit', 'ended-memberships'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** The defaults, and the range a server may set, in whole years (0: deleted at the next daily purge). */
export const RETENTION_DEFAULTS: Record<RetentionKind, number> = {
  attendance: 4,
  audit: 4,
  'ended-memberships': 1,
};
export const RETENTION_LIMITS: Record<RetentionKind, { min: number; max: number }> = {
  attendance: { min: 1, max: 30 },
  audit: { min: 1, max: 30 },
  'ended-memberships': { min: 0, max: 10 },
};

/** Rows of each model deleted by a purge. */
export type PurgeCounts = Record<string, number>;
