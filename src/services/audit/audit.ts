import type { AuditEvent } from './model.js';
import type { Circle } from '../circles/index.js';
import { errorFields, type Repositories, type ServiceDeps } from '../kernel/index.js';

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
 * Posts one line to the server's mod-log channel, if one is set. `line` names circles and counts
 * only; `privateLine`, which may name members of a circle, is used only while the channel is
 * private (only moderators and bots can view it). The channel is checked before every post, because someone may have opened it since
 * `/setup`: a public mod-log gets the line without names and a warning. A failure to post is
 * logged and swallowed: the audit event in the database is the record.
 */
export async function postModLog(
  deps: ServiceDeps,
  guildId: string,
  line: string,
  options: { privateLine?: string } = {},
): Promise<void> {
  const settings = await deps.store.guilds.get(guildId);
  if (!settings?.modLogChannelId) return;
  try {
    const isPublic = await deps.platform.nonModeratorsCanView(
      settings.modLogChannelId,
      settings.moderatorRoleId,
    );
    const content = isPublic ? `${line}\n${PUBLIC_MOD_LOG_WARNING}` : (options.privateLine ?? line);
    if (isPublic) deps.log.warn({ guildId }, 'the mod-log channel is public; member names left out');
    await deps.platform.postMessage(settings.modLogChannelId, { content });
  } catch (error) {
    deps.log.warn({ guildId, ...errorFields(error) }, 'could not post to the mod-log channel');
  }
}

/** Appended to every line posted to a mod-log channel that `@everyone` can view. */
export const PUBLIC_MOD_LOG_WARNING =
  '⚠️ People who are not moderators can read this mod-log channel, so members of circles are not named here. Make it private (only moderators and the bot may view it) or choose another with /setup.';
