import {
  type Actor,
  type ChannelPolicy,
  errorFields,
  type GuildSettings,
  type RefusalCode,
  type ServiceDeps,
} from '../kernel/index.js';
import { auditCircle } from '../audit/index.js';
import { clearExposure } from './channel-alerts.js';
import type { ChannelGuardService } from './channel-guard-service.js';
import {
  channelPolicy,
  type Circle,
  EXPOSURES,
  findCircle,
  requireModerator,
  textChannelName,
} from '../circles/index.js';
import { updateSettings } from '../server/index.js';

/** What `/circle-admin repair` did to one channel. */
export interface ChannelRepair {
  kind: ChannelPolicy['kind'];
  /** The channel's id now (a recreated channel has a new one). */
  channelId: string;
  outcome: 'as-written' | 'restored' | 'recreated' | 'not-recreated' | 'refused' | 'unsettled';
  /** Roles or members outside the roster that could see it (restored, refused, unsettled). */
  outsiders?: number;
  code?: RefusalCode;
}

export interface RepairReport {
  circle: Circle;
  channels: ChannelRepair[];
  /** Whether this repair ended the circle's exposure. */
  cleared: boolean;
}

const WELL: ChannelRepair['outcome'][] = ['as-written', 'restored', 'recreated'];

/** A moderator's repair of a circle's channels: recreate what is gone, re-check the rest. */
export class CircleRepairService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly guard: ChannelGuardService,
  ) {}

  /**
   * Recreates missing channels in the configured category with the roster's overwrites from the
   * start, re-checks the overwrites of the others, and clears the circle's exposure when all is
   * well. Archived circles get their existing channels re-checked, but no new channel.
   */
  async repair(actor: Actor, name: string): Promise<RepairReport> {
    const { store } = this.deps;
    const settings = await requireModerator(store, actor);
    let circle = await findCircle(store, actor, { name, right: 'any', archived: true });
    const channels: ChannelRepair[] = [];
    for (const kind of ['text', 'voice'] as const) {
      const channelId = kind === 'text' ? circle.textChannelId : circle.voiceChannelId;
      const policy = await channelPolicy(store, circle, kind, this.deps.clock.now());
      const result = await this.guard.repairNow(circle, channelId, policy);
      if (result.status === 'missing') {
        // An archived circle is not given a new room: it would open a place to post in a circle
        // that has ended, for members who no longer meet. Its records stay as they are.
        if (circle.state === 'archived') channels.push({ kind, channelId, outcome: 'not-recreated' });
        else {
          circle = await this.recreate(actor, settings, circle, kind, policy);
          const id = kind === 'text' ? circle.textChannelId : circle.voiceChannelId;
          channels.push({ kind, channelId: id, outcome: 'recreated' });
        }
        continue;
      }
      const outsiders =
        'drift' in result && result.drift ? { outsiders: result.drift.unexpectedViewers.length } : {};
      if (result.status === 'refused')
        channels.push({ kind, channelId, outcome: 'refused', code: result.code, ...outsiders });
      else if (result.status === 'drifted')
        channels.push({ kind, channelId, outcome: 'unsettled', ...outsiders });
      else channels.push({ kind, channelId, outcome: result.status, ...outsiders });
    }
    const fresh = (await store.circles.findById(circle.id)) ?? circle;
    const allWell = channels.every((c) => WELL.includes(c.outcome));
    const cleared = allWell && (await clearExposure(this.deps, fresh, EXPOSURES, actor.userId));
    await auditCircle(store, circle, actor.userId, 'circle.repaired', this.deps.clock.now(), {
      outcomes: channels.map((c) => `${c.kind}:${c.outcome}`),
    });
    return {
      circle: { ...fresh, ...(cleared ? { exposure: null, exposedAt: null } : {}) },
      channels,
      cleared,
    };
  }

  /**
   * Creates the channel again (one create call carrying the overwrites) and points the circle at
   * it. If the circle changed meanwhile (another repair won) or saving fails, the new channel goes.
   */
  private async recreate(
    actor: Actor,
    settings: GuildSettings | null,
    circle: Circle,
    kind: ChannelPolicy['kind'],
    policy: ChannelPolicy,
  ): Promise<Circle> {
    const { store, platform, clock, log } = this.deps;
    const reason = `Channel of circle “${circle.name}” recreated by ${actor.userId}`;
    const category = await platform.ensureCategory(actor.guildId, settings?.categoryId ?? null, reason);
    const oldId = kind === 'text' ? circle.textChannelId : circle.voiceChannelId;
    const channelId = await platform.createChannel({
      guildId: actor.guildId,
      categoryId: category.id,
      name: kind === 'text' ? textChannelName(circle.name) : circle.name,
      policy,
      reason,
    });
    try {
      return await store.transaction(async (tx) => {
        const current = await tx.circles.findById(circle.id);
        const currentId = kind === 'text' ? current?.textChannelId : current?.voiceChannelId;
        if (!current || currentId !== oldId) throw new Error('the circle changed during the repair');
        if (category.id !== settings?.categoryId)
          await updateSettings(tx, actor.guildId, { categoryId: category.id });
        const patch = kind === 'text' ? { textChannelId: channelId } : { voiceChannelId: channelId };
        const updated = await tx.circles.update(circle.id, patch);
        await auditCircle(tx, circle, actor.userId, 'channel.recreated', clock.now(), {
          kind,
          oldChannelId: oldId,
          channelId,
        });
        return updated;
      });
    } catch (error) {
      await platform
        .deleteChannel(channelId, 'Recreating a circle channel failed')
        .catch((cleanup: unknown) =>
          log.error({ channelId, ...errorFields(cleanup) }, 'could not delete a recreated channel'),
        );
      throw error;
    }
  }
}
