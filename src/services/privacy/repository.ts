/**
 * The personal-data seam: how everything the bot stores about a person is exported and forgotten.
 * Implemented over Prisma in `src/db/repositories/prisma-personal-data-repository.ts`, where every
 * model declares which of its fields name a person and how its rows are exported and forgotten.
 */
import type { ForgetCounts, PersonalRecords, PurgeCounts, RetentionKind, Subject } from './model.js';

export interface PersonalDataRepository {
  /** Every row that names the subject on their server, by model. */
  export(subject: Subject): Promise<PersonalRecords>;
  /**
   * Deletes the rows that are the subject's own and replaces their id by the pseudonym in rows that
   * stay (audit events, meetings they facilitated, agreements and schedules they wrote). Idempotent.
   * Run after the subject has left every circle, in the same transaction.
   */
  forget(subject: Subject): Promise<ForgetCounts>;
  /**
   * Deletes a server's rows past their retention: each model's rows older than the cutoff of its
   * retention kind. Each model is one or two idempotent statements, so several processes may purge
   * at once.
   */
  purge(guildId: string, cutoffs: Record<RetentionKind, Date>): Promise<PurgeCounts>;
  /** The servers the bot holds anything for. */
  guildIds(): Promise<string[]>;
}
