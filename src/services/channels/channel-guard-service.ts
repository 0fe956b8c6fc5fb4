import { auditCircle, postModLog } from '../audit/index.js';
import { clearExposure, raiseExposure } from './channel-alerts.js';
import { channelPolicy, type Circle } from '../circles/index.js';
import type { ChannelCheck, ChannelPolicy, DriftReport, ServiceDeps } from '../kernel/index.js';
import { RepairLimiter } from './repair-limiter.js';

/** Exposures a check of the channels can resolve (a missing channel needs `/circle-admin repair`). */
const CHECKABLE = ['repair-failed', 'unsettled'] as const;

/**
 * Keeps circle channels private: when a channel's overwrites drift from the roster (someone
 * edited them, a grant or removal failed half-way, or it happened while the bot was offline),
 * they are restored, audited and reported to the mod-log. A repair Discord refuses, a channel
 * that will not stay as written and a deleted channel mark the circle exposed and alert the
 * moderators once; repairs of one channel are limited (see `RepairLimiter`).
 */
export class ChannelGuardService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly limiter = new RepairLimiter(),
  ) {}

  /**
   * Checks one channel after it changed (or on a sweep) and repairs it if it drifted. Returns
   * true when it restored the overwrites; false for channels that are not a circle's, that were
   * as written, or that could not be repaired (those raise an alert instead).
   */
  async onChannelChanged(channelId: string): Promise<boolean> {
    const { store, platform, clock } = this.deps;
    const circle = await store.circles.findByChannel(channelId);
    if (!circle) return false;
    const now = clock.now();
    // In a pause after repeated repairs: left alone; the sweep looks again once the pause is over.
    if (this.limiter.waiting(channelId, now)) return false;
    const kind = channelId === circle.textChannelId ? 'text' : 'voice';
    const policy = await channelPolicy(store, circle, kind, this.deps.clock.now());
    const seen = await platform.inspectChannel(channelId, policy);
    if (seen.status === 'as-written') {
      await this.settled(circle, channelId, now);
      return false;
    }
    if (seen.status !== 'drifted') {
      await this.failed(circle, channelId, seen);
      return false;
    }
    if (!this.limiter.take(channelId, now)) {
      await raiseExposure(this.deps, circle, channelId, 'unsettled', seen);
      return false;
    }
    const written = await platform.rewriteChannel(
      channelId,
      policy,
      `Restoring the private overwrites of ${circle.name}`,
    );
    if (written.status !== 'as-written') {
      await this.failed(circle, channelId, written);
      return false;
    }
    await this.restored(circle, channelId, seen.drift);
    return true;
  }

  /** Every channel of every circle of a server (archived ones too), for a periodic check. */
  async circleChannels(guildId: string): Promise<string[]> {
    const circles = await this.deps.store.circles.list(guildId, { states: ['open', 'locked', 'archived'] });
    return circles.flatMap((c) => [c.textChannelId, c.voiceChannelId]);
  }

  /** Records that someone deleted a circle channel, and tells the moderators (once). */
  async onChannelDeleted(channelId: string): Promise<void> {
    const circle = await this.deps.store.circles.findByChannel(channelId);
    if (!circle || circle.state === 'archived') return;
    await raiseExposure(this.deps, circle, channelId, 'channel-missing', { status: 'missing' });
  }

  /**
   * Checks one channel once and repairs it if it drifted, outside the limits (a moderator's
   * `/circle-admin repair`): `restored` when it was repaired, else what the channel is like.
   * Raises no alert; the caller reports to the moderator who asked.
   */
  async repairNow(
    circle: Circle,
    channelId: string,
    policy: ChannelPolicy,
  ): Promise<ChannelCheck | { status: 'restored'; drift: DriftReport }> {
    const seen = await this.deps.platform.inspectChannel(channelId, policy);
    if (seen.status !== 'drifted') return seen;
    const written = await this.deps.platform.rewriteChannel(
      channelId,
      policy,
      `Repair of ${circle.name} asked by a moderator`,
    );
    if (written.status === 'as-written') {
      await auditCircle(
        this.deps.store,
        circle,
        'bot',
        'channel.overwrites-restored',
        this.deps.clock.now(),
        {
          channelId,
          ...counts(seen.drift),
        },
      );
      this.limiter.forget(channelId);
      return { status: 'restored', drift: seen.drift };
    }
    return written;
  }

  private async failed(circle: Circle, channelId: string, check: ChannelCheck): Promise<void> {
    if (check.status === 'missing') {
      if (circle.state !== 'archived')
        await raiseExposure(this.deps, circle, channelId, 'channel-missing', check);
      return;
    }
    const exposure = check.status === 'drifted' ? 'unsettled' : 'repair-failed';
    await raiseExposure(this.deps, circle, channelId, exposure, check);
  }

  /**
   * A channel found as written. A repair-failed or unsettled circle is cleared only once this
   * channel has been quiet for a while (a channel fought over looks right between two changes)
   * and its other channel is as written too.
   */
  private async settled(circle: Circle, channelId: string, now: Date): Promise<void> {
    if (!this.limiter.quiet(channelId, now)) return;
    this.limiter.forget(channelId);
    if (!circle.exposure || !(CHECKABLE as readonly string[]).includes(circle.exposure)) return;
    const otherId = channelId === circle.textChannelId ? circle.voiceChannelId : circle.textChannelId;
    if (!this.limiter.quiet(otherId, now)) return;
    if (await this.otherAsWritten(circle, channelId)) await clearExposure(this.deps, circle, CHECKABLE);
  }

  /** Whether the circle's other channel (not `channelId`) is as its roster says. */
  private async otherAsWritten(circle: Circle, channelId: string): Promise<boolean> {
    const otherId = channelId === circle.textChannelId ? circle.voiceChannelId : circle.textChannelId;
    const otherKind = otherId === circle.textChannelId ? 'text' : 'voice';
    const other = await this.deps.platform.inspectChannel(
      otherId,
      await channelPolicy(this.deps.store, circle, otherKind, this.deps.clock.now()),
    );
    return other.status === 'as-written';
  }

  private async restored(circle: Circle, channelId: string, drift: DriftReport): Promise<void> {
    const { store, clock, log } = this.deps;
    const detail = { channelId, ...counts(drift), unexpectedViewers: drift.unexpectedViewers };
    await auditCircle(store, circle, 'bot', 'channel.overwrites-restored', clock.now(), detail);
    log.warn(
      { circleId: circle.id, channelId, ...counts(drift) },
      'circle channel overwrites drifted and were restored',
    );
    // A repair that worked ends a refusal, once the circle's other channel is as written too (the
    // refusal may have been about that one); an unsettled channel must first stay quiet (settled).
    if (circle.exposure === 'repair-failed' && (await this.otherAsWritten(circle, channelId)))
      await clearExposure(this.deps, circle, ['repair-failed']);
    // While a channel is known not to settle, its repeated repairs are not announced one by one;
    // nor is upkeep of the bot's own overwrite (as after an update that widened it), which
    // exposed nobody: the audit event records it.
    if (circle.exposure === 'unsettled' || drift.botUpkeepOnly) return;
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
  }
}

function counts(drift: DriftReport): { outsiders: number; missingMembers: number; otherChanges: number } {
  return {
    outsiders: drift.unexpectedViewers.length,
    missingMembers: drift.missingMembers.length,
    otherChanges: drift.otherChanges,
  };
}
