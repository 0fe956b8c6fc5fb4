import type { AuditEvent, Circle } from './model.js';
import { errorFields } from './error-fields.js';
import type { Repositories, ServiceDeps } from './ports.js';

/** Records who did what to which circle. `detail` holds ids and counts, never case content. */
export async function recordAudit(
  repos: Repositories,
  event: Omit<AuditEvent, 'detail'> & { detail?: AuditEvent['detail'] },
): Promise<void> {
  await repos.audit.record({ ...event, detail: event.detail ?? {} });
}

/** Records an event about one circle. */
export async function auditCircle(
  repos: Repositories,
  circle: Pick<Circle, 'id' | 'guildId'>,
  actorId: string,
  action: string,
  at: Date,
  detail: AuditEvent['detail'] = {},
): Promise<void> {
  await repos.audit.record({ guildId: circle.guildId, circleId: circle.id, actorId, action, detail, at });
}

/**
 * Posts one line to the server's mod-log channel, if one is set. A failure to post is
 * logged and swallowed: the audit event in the database is the record.
 */
export async function postModLog(deps: ServiceDeps, guildId: string, line: string): Promise<void> {
  const settings = await deps.store.guilds.get(guildId);
  if (!settings?.modLogChannelId) return;
  try {
    await deps.platform.postMessage(settings.modLogChannelId, { content: line });
  } catch (error) {
    deps.log.warn({ guildId, ...errorFields(error) }, 'could not post to the mod-log channel');
  }
}
