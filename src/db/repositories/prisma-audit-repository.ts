/** The audit trail: ids and counts only, never case content. */
import type { AuditEvent, AuditRepository } from '../../services/audit/index.js';
import type { AuditEvent as AuditEventRow } from '../../generated/sqlite/client.js';
import type { Db } from '../prisma-client.js';
import { CorruptRowError, withoutColumns, type DomainColumns } from './rows.js';

/** Maps an `audit_events` row (its `id` stays behind); `detail` is JSON text holding an object. */
export function toAuditEvent(row: AuditEventRow): AuditEvent {
  let detail: unknown;
  try {
    detail = JSON.parse(row.detail);
  } catch {
    throw new CorruptRowError(`audit event ${row.id} has invalid JSON detail`);
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    throw new CorruptRowError(`audit event ${row.id} detail is not an object`);
  }
  const columns: DomainColumns<AuditEvent, AuditEventRow, 'id'> = withoutColumns(row, 'id');
  return { ...columns, detail: detail as AuditEvent['detail'] };
}

/** Rows returned by `list` when no limit is given. */
export const DEFAULT_AUDIT_LIMIT = 100;

/** `AuditRepository` over Prisma; `detail` is stored as JSON text. */
export class PrismaAuditRepository implements AuditRepository {
  constructor(private readonly db: Db) {}

  async record(event: AuditEvent): Promise<void> {
    await this.db.auditEvent.create({
      data: {
        guildId: event.guildId,
        circleId: event.circleId,
        actorId: event.actorId,
        action: event.action,
        detail: JSON.stringify(event.detail),
        at: event.at,
      },
    });
  }

  /** Newest first (ties: last recorded first); at most `limit` (default 100). */
  async list(filter: { guildId: string; circleId?: string; limit?: number }): Promise<AuditEvent[]> {
    const rows = await this.db.auditEvent.findMany({
      where: {
        guildId: filter.guildId,
        ...(filter.circleId !== undefined ? { circleId: filter.circleId } : {}),
      },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: filter.limit ?? DEFAULT_AUDIT_LIMIT,
    });
    return rows.map(toAuditEvent);
  }
}
