import { openStore } from '../../src/db/open-store.js';
import { TEST_KEYS } from './data-keys.js';
import type { Actor } from '../../src/services/kernel/actor.js';
import { createServices, type Services } from '../../src/services/index.js';
import type { Log } from '../../src/services/kernel/ports.js';
import type { Store } from '../../src/services/kernel/store.js';
import { FakeChatPlatform, FakeClock } from './fake-chat-platform.js';

export const GUILD = '900000000000000001';
export const MOD = '100000000000000001';
export const ALICE = '100000000000000002';
export const BOB = '100000000000000003';
export const CAROL = '100000000000000004';
export const DAN = '100000000000000005';

/** Log lines kept in memory, so a test can read what was logged. */
export class MemoryLog implements Log {
  readonly lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  info(fields: Record<string, unknown>, message: string) {
    this.lines.push({ level: 'info', fields, message });
  }
  warn(fields: Record<string, unknown>, message: string) {
    this.lines.push({ level: 'warn', fields, message });
  }
  error(fields: Record<string, unknown>, message: string) {
    this.lines.push({ level: 'error', fields, message });
  }
}

export interface ServiceHarness {
  store: Store;
  platform: FakeChatPlatform;
  clock: FakeClock;
  log: MemoryLog;
  services: Services;
  moderator: Actor;
  member(userId: string): Actor;
  /** Everything a "changes nothing" assertion compares: rows and platform state. */
  snapshot(): Promise<unknown>;
  close(): Promise<void>;
}

export async function createServiceHarness(url: string, keys = TEST_KEYS): Promise<ServiceHarness> {
  const store = await openStore(url, { keys });
  const platform = new FakeChatPlatform();
  const clock = new FakeClock();
  const log = new MemoryLog();
  const services = createServices(
    { store, platform, clock, log },
    { reminders: { workerId: 'test-worker' } },
  );
  const member = (userId: string): Actor => ({ userId, guildId: GUILD, roleIds: [], hasManageGuild: false });
  return {
    store,
    platform,
    clock,
    log,
    services,
    moderator: { userId: MOD, guildId: GUILD, roleIds: [], hasManageGuild: true },
    member,
    async snapshot() {
      const circles = await store.circles.list(GUILD, { states: ['open', 'locked', 'archived'] });
      const memberships = await Promise.all(
        circles.map((c) => store.memberships.listByCircle(c.id, ['waitlisted', 'pending', 'active', 'left'])),
      );
      const agreements = await Promise.all(
        circles.map(async (c) => {
          const versions = Array.from({ length: c.agreementVersion + 1 }, (_, i) => i + 1);
          return Promise.all(versions.map((v) => store.agreements.get(c.id, v)));
        }),
      );
      const acceptances = await Promise.all(
        memberships.flat().map((m) => store.agreements.acceptances(m.circleId, m.userId)),
      );
      return {
        settings: await store.guilds.get(GUILD),
        circles,
        memberships,
        agreements,
        acceptances,
        audit: await store.audit.list({ guildId: GUILD }),
        channels: [...platform.channels.values()].map((c) => ({ ...c, members: [...c.members] })),
        posts: platform.posts.length,
        dms: platform.directMessages.length,
      };
    },
    close: () => store.close(),
  };
}
