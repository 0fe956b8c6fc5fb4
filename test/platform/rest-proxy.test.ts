import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadProxyConfig } from '../../src/config.js';
import { databases, type TestDatabase } from '../support/databases.js';
import { startE2E, type E2E } from '../support/e2e.js';

const database = databases[0]!;

describe('the shared REST proxy', () => {
  let db: TestDatabase | undefined;
  let t: E2E | undefined;
  afterEach(async () => {
    await t?.close();
    await db?.drop();
    t = undefined;
    db = undefined;
  });

  it('carries every request of a bot that runs a command end to end', async () => {
    db = await database.create();
    t = await startE2E(db, { proxy: true });
    const proxy = t.proxy!;
    const reply = await t.run(t.world.users.moderator, 'setup', {
      options: { 'mod-log': t.world.modLogId, 'moderator-role': t.world.moderatorRoleId },
    });
    expect(reply.content).not.toBe('');
    const created = await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'create',
      options: { name: 'Tuesday Balint', kind: 'balint' },
    });
    expect(created.content).toContain('Created **Tuesday Balint**');
    const circle = (await t.bot.store.circles.findByName(t.world.guildId, 'Tuesday Balint'))!;
    expect(t.emu.channel(circle.textChannelId)).toBeDefined();
    const channelCreates = t.emu.requests.filter(
      (r) => r.method === 'POST' && r.route === '/guilds/:guild/channels',
    );
    expect(channelCreates.length).toBeGreaterThan(0);
    // Every request the emulator saw, the command's channel creates and its interaction replies
    // included, came through the proxy.
    const e2e = t;
    await vi.waitFor(() => expect(proxy.forwarded).toBe(e2e.emu.requests.length));
  });

  it('reads PROXY_PORT, PROXY_HOST, the token and where to forward from the environment', () => {
    expect(loadProxyConfig({ DISCORD_TOKEN: 'x' })).toMatchObject({
      PROXY_PORT: 8080,
      PROXY_HOST: '127.0.0.1',
      DISCORD_API_BASE: 'https://discord.com/api',
    });
    expect(loadProxyConfig({ DISCORD_TOKEN: 'x', PROXY_HOST: '0.0.0.0' }).PROXY_HOST).toBe('0.0.0.0');
    expect(loadProxyConfig({ DISCORD_TOKEN: 'x', PROXY_PORT: '9000' }).PROXY_PORT).toBe(9000);
    expect(() => loadProxyConfig({ DISCORD_TOKEN: 'x', PROXY_PORT: 'http' })).toThrow(/PROXY_PORT/);
  });
});
