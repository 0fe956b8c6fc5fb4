/**
 * The repository port of the audit feature: how its services read and write what the bot keeps.
 * Implemented over Prisma in `src/db/repositories`.
 */
import type { AuditEvent } from './model.js';

export interface AuditRepository {
  record(event: AuditEvent): Promise<void>;
  /** Newest first. */
  list(filter: { guildId: string; circleId?: string; limit?: number }): Promise<AuditEvent[]>;
}
