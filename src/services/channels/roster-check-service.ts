import type { ChannelGuardService } from './channel-guard-service.js';
import { endMembership } from '../membership/index.js';
import type { Circle } from '../circles/index.js';
import type { ServiceDeps } from '../kernel/index.js';

/**
 * Before each meeting, the roster meets Discord: members who left the server leave the circle
 * (a REST look-up per member; no privileged intent), and both channels' overwrites are put back
 * as the roster says. Every change is an audit event.
 */
export class RosterCheckService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly guard: ChannelGuardService,
  ) {}

  /** Returns the ids of members who had left the server. */
  async reconcile(circle: Circle): Promise<string[]> {
    const { store, platform } = this.deps;
    const members = await store.memberships.listByCircle(circle.id, ['pending', 'active', 'waitlisted']);
    const gone: string[] = [];
    for (const member of members) {
      if (await platform.isGuildMember(circle.guildId, member.userId)) continue;
      await endMembership(this.deps, circle, member.userId, 'bot', 'member.left-server');
      gone.push(member.userId);
    }
    await this.guard.onChannelChanged(circle.textChannelId);
    await this.guard.onChannelChanged(circle.voiceChannelId);
    return gone;
  }
}
