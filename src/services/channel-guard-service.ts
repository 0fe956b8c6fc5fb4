import { auditCircle, postModLog } from './audit.js';
import { channelPolicy } from './circle-access.js';
import type { ServiceDeps } from './ports.js';

/**
 * Keeps circle channels private: when a channel's overwrites drift from the roster (someone
 * edited them, a grant or removal failed half-way, or it happened while the bot was offline),
 * they are restored, audited and reported to the mod-log.
 */
export class ChannelGuardService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Checks one channel after it changed; does nothing for channels that are not a circle's. */
  async onChannelChanged(channelId: string): Promise<boolean> {
    const { store, platform, clock, log } = this.deps;
    const circle = await store.circles.findByChannel(channelId);
    if (!circle) return false;
    const kind = channelId === circle.textChannelId ? 'text' : 'voice';
    const policy = await channelPolicy(store, circle, kind);
    const drift = await platform.enforcePolicy(
      channelId,
      policy,
      `Restoring the private overwrites of ${circle.name}`,
    );
    if (!drift) return false;

    const detail = {
      channelId,
      unexpectedViewers: drift.unexpectedViewers,
      missingMembers: drift.missingMembers.length,
      otherChanges: drift.otherChanges,
    };
    await auditCircle(store, circle, 'bot', 'channel.overwrites-restored', clock.now(), detail);
    log.warn({ circleId: circle.id, ...detail }, 'circle channel overwrites drifted and were restored');
    const outsiders = drift.unexpectedViewers.length;
    const what =
      outsiders > 0
        ? `${outsiders} role(s) or member(s) outside the roster could see it`
        : 'its overwrites did not match the roster';
    await postModLog(
      this.deps,
      circle.guildId,
      `🔒 Restored the permissions of <#${channelId}> (circle **${circle.name}**): ${what}.`,
    );
    return true;
  }

  /** Every channel of every circle of a server (archived ones too), for a periodic check. */
  async circleChannels(guildId: string): Promise<string[]> {
    const circles = await this.deps.store.circles.list(guildId, { states: ['open', 'locked', 'archived'] });
    return circles.flatMap((c) => [c.textChannelId, c.voiceChannelId]);
  }

  /** Records that someone deleted a circle channel, and tells the moderators. */
  async onChannelDeleted(channelId: string): Promise<void> {
    const { store, clock } = this.deps;
    const circle = await store.circles.findByChannel(channelId);
    if (!circle || circle.state === 'archived') return;
    await auditCircle(store, circle, 'unknown', 'channel.deleted', clock.now(), { channelId });
    await postModLog(
      this.deps,
      circle.guildId,
      `⚠️ A channel of circle **${circle.name}** was deleted outside the bot.`,
    );
  }
}
