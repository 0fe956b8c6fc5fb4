import { auditCircle, postModLog } from '../audit/index.js';
import type { Circle, Exposure } from '../circles/index.js';
import type { ChannelCheck, DriftReport, ServiceDeps } from '../kernel/index.js';

const AUDIT_ACTIONS: Record<Exposure, string> = {
  unsettled: 'channel.unsettled',
  'repair-failed': 'channel.repair-failed',
  'channel-missing': 'channel.deleted',
};

/** How a refusal code is named to moderators. */
export const REFUSALS = { 50001: 'Missing Access, 50001', 50013: 'Missing Permissions, 50013' } as const;

/** What moderators read about an exposure: the circle and counts, never who. */
export function exposureLine(
  circle: Pick<Circle, 'name'>,
  channelId: string,
  exposure: Exposure,
  check: ChannelCheck | null,
): string {
  const drift = check && 'drift' in check ? check.drift : null;
  const outsiders = drift?.unexpectedViewers.length ?? 0;
  const seen = drift
    ? outsiders > 0
      ? ` ${outsiders} role(s) or member(s) outside the roster can see it.`
      : ' Its overwrites do not match the roster.'
    : '';
  const repair = `\`/circle-admin repair ${circle.name}\``;
  if (exposure === 'channel-missing') {
    return `⚠️ A channel of circle **${circle.name}** was deleted outside the bot. Run ${repair} to recreate it with the roster's permissions.`;
  }
  if (exposure === 'repair-failed') {
    const why = check?.status === 'refused' ? ` (${REFUSALS[check.code]})` : '';
    return `🚨 Could not restore the permissions of <#${channelId}> (circle **${circle.name}**): Discord refused${why}.${seen} Give the bot View Channel and Manage Permissions on that channel, then run ${repair}.`;
  }
  return `🚨 The permissions of <#${channelId}> (circle **${circle.name}**) do not stay as the bot writes them: something else keeps changing them, or Discord does not apply the change.${seen} The bot pauses its repairs of that channel and checks it again later; find what is changing it.`;
}

/**
 * Marks a circle exposed and, the first time only (across processes), records an audit event and
 * tells the mod-log. Returns whether this call raised the alert.
 */
export async function raiseExposure(
  deps: ServiceDeps,
  circle: Circle,
  channelId: string,
  exposure: Exposure,
  check: ChannelCheck | null,
): Promise<boolean> {
  const now = deps.clock.now();
  if (!(await deps.store.circles.markExposed(circle.id, exposure, now))) return false;
  const drift: DriftReport | null = check && 'drift' in check ? check.drift : null;
  const detail = {
    channelId,
    exposure,
    ...(check?.status === 'refused' ? { code: check.code } : {}),
    ...(drift
      ? { unexpectedViewers: drift.unexpectedViewers.length, missingMembers: drift.missingMembers.length }
      : {}),
  };
  const actor = exposure === 'channel-missing' ? 'unknown' : 'bot';
  await auditCircle(deps.store, circle, actor, AUDIT_ACTIONS[exposure], now, detail);
  deps.log.warn({ circleId: circle.id, ...detail }, 'circle channel exposed');
  await postModLog(deps, circle.guildId, exposureLine(circle, channelId, exposure, check));
  return true;
}

/** Clears an exposure that a check or repair resolved, with an audit event and a mod-log line. */
export async function clearExposure(
  deps: ServiceDeps,
  circle: Circle,
  exposures: readonly Exposure[],
  actorId = 'bot',
): Promise<boolean> {
  if (!circle.exposure || !exposures.includes(circle.exposure)) return false;
  if (!(await deps.store.circles.clearExposure(circle.id, exposures))) return false;
  await auditCircle(deps.store, circle, actorId, 'channel.exposure-cleared', deps.clock.now(), {
    exposure: circle.exposure,
  });
  await postModLog(
    deps,
    circle.guildId,
    `✅ The channels of circle **${circle.name}** are as the roster says again.`,
  );
  return true;
}
