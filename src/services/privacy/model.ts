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
