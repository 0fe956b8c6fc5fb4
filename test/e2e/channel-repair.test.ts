import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { ChannelType, OverwriteType, PermissionFlagsBits as P } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { databases, type TestDatabase } from '../support/databases.js';
import { buttonId, startE2E, type E2E } from '../support/e2e.js';
import { FakeClock } from '../support/fake-chat-platform.js';

const ALERT = '🚨';

describe.each(databases)('channel repairs end to end on $name', (database) => {
  let db: TestDatabase;
  let t: E2E;
  let clock: FakeClock;
  beforeEach(async () => {
    db = await database.create();
    clock = new FakeClock(new Date());
    t = await startE2E(db, { clock });
    await t.run(t.world.users.moderator, 'setup', {
      options: { 'mod-log': t.world.modLogId, 'moderator-role': t.world.moderatorRoleId },
    });
    await create('Tuesday Balint');
    const join = await t.run(t.world.users.alice, 'circle', {
      subcommand: 'join',
      options: { circle: 'Tuesday Balint' },
    });
    await t.click(t.world.users.alice, join.message, buttonId(join, 'I accept'));
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  async function create(name: string) {
    const reply = await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'create',
      options: { name, kind: 'balint' },
    });
    expect(reply.content).toContain(`Created **${name}**`);
  }
  const circle = async (name = 'Tuesday Balint') =>
    (await t.bot.store.circles.findByName(t.world.guildId, name))!;
  const modLog = () => t.emu.messages(t.world.modLogId).map((m) => m.content);
  const alerts = () => modLog().filter((line) => line.startsWith(ALERT));
  const patches = (channelId: string) =>
    t.emu.requests.filter((r) => r.method === 'PATCH' && r.path === `/channels/${channelId}`).length;
  /**
   * Waits until the bot has sent no request for half a second (at most 20 s), so that a round of
   * repairs finishes at the simulated minute it started in, however slow the machine.
   */
  const settle = async () => {
    let seen = -1;
    for (let waited = 0; waited < 20_000 && t.emu.requests.length !== seen; waited += 500) {
      seen = t.emu.requests.length;
      await sleep(500);
    }
  };
  const outsider = () => ({
    id: t.world.users.dan,
    type: OverwriteType.Member,
    allow: P.ViewChannel.toString(),
    deny: '0',
  });

  it('restores a channel synced into a public category with no more than the invite’s permissions', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const invite = BigInt(/permissions=(\d+)/.exec(readme)![1]!);
    t.emu.setRolePermissions(t.world.guildId, t.world.botRoleId, invite);
    t.emu.setRolePermissions(
      t.world.guildId,
      t.world.guildId,
      P.ViewChannel | P.SendMessages | P.ReadMessageHistory | P.Connect | P.Speak | P.UseVAD,
    );
    const c = await circle();
    const lobby = t.emu.createChannel(t.world.guildId, { name: 'lobby', type: ChannelType.GuildCategory });
    // Moved with "sync permissions": the channel takes the public category's (empty) overwrites.
    t.emu.editChannel(c.textChannelId, { parentId: lobby });
    t.emu.editOverwrites(c.textChannelId, []);
    await t.emu.waitFor(() => !t.emu.canView(t.world.users.bob, c.textChannelId), 5000, 'the repair');
    expect(t.emu.canView(t.world.users.alice, c.textChannelId)).toBe(true);
    await t.emu.waitFor(() => modLog().some((l) => l.includes('Restored the permissions')), 5000);
    expect(alerts()).toEqual([]);
    expect((await circle()).exposure).toBeNull();
  });

  it('alerts once when Discord refuses a repair, shows the exposure to moderators, and clears it once a repair works', async () => {
    const c = await circle();
    const { dan, alice, moderator } = t.world.users;
    // An edit that lets an outsider in and takes the bot's own overwrite away: it can no longer see the channel.
    t.emu.editOverwrites(c.textChannelId, [
      { id: t.world.guildId, type: OverwriteType.Role, allow: '0', deny: P.ViewChannel.toString() },
      { id: alice, type: OverwriteType.Member, allow: P.ViewChannel.toString(), deny: '0' },
      outsider(),
    ]);
    await t.emu.waitFor(() => alerts().length === 1, 5000, 'the alert');
    expect(alerts()[0]).toContain('Could not restore the permissions');
    expect(alerts()[0]).toContain('**Tuesday Balint**');
    expect(alerts()[0]).toContain('1 role(s) or member(s) outside the roster');
    expect(alerts()[0]).not.toContain(dan);
    await vi.waitFor(async () => {
      const events = await t.bot.store.audit.list({ guildId: t.world.guildId, circleId: c.id });
      expect(events.find((e) => e.action === 'channel.repair-failed')).toMatchObject({
        detail: { channelId: c.textChannelId, exposure: 'repair-failed', code: 50001, unexpectedViewers: 1 },
      });
    });
    expect(await circle()).toMatchObject({ exposure: 'repair-failed' });

    t.emu.editChannel(c.textChannelId, { topic: 'still broken' });
    await t.bot.sweep();
    expect(alerts()).toHaveLength(1);

    const info = await t.run(moderator, 'circle', {
      subcommand: 'info',
      options: { circle: 'Tuesday Balint' },
    });
    expect(info.content).toContain('Exposed');
    expect(info.content).toContain('repair-failed');
    const setup = await t.run(moderator, 'setup');
    expect(setup.content).not.toContain('The bot has every permission it needs.');
    expect(setup.content).toContain('Discord refuses it the repair');
    expect(setup.content).toContain('**Tuesday Balint**: the bot cannot repair its channel permissions');
    const member = await t.run(alice, 'circle', {
      subcommand: 'info',
      options: { circle: 'Tuesday Balint' },
    });
    expect(member.content).not.toContain('Exposed');

    // An admin lets the bot back in: the next check repairs the channel and ends the exposure.
    clock.advance(2 * 60_000);
    t.emu.putOverwrite(c.textChannelId, {
      id: t.emu.botUserId,
      type: OverwriteType.Member,
      allow: (P.ViewChannel | P.ManageRoles | P.ManageChannels).toString(),
      deny: '0',
    });
    await t.emu.waitFor(() => !t.emu.canView(dan, c.textChannelId), 5000, 'the repair');
    await t.emu.waitFor(() => modLog().some((l) => l.includes('are as the roster says again')), 5000);
    expect(await circle()).toMatchObject({ exposure: null, exposedAt: null });
    expect(alerts()).toHaveLength(1);
  });

  it('repairs a channel another bot keeps changing a bounded number of times, and alerts once', async () => {
    const c = await circle();
    const fight = t.emu.contestOverwrite(c.textChannelId, outsider());
    try {
      await t.emu.waitFor(() => alerts().length > 0, 5000, 'the alert');
      await settle();
      expect(patches(c.textChannelId)).toBeLessThanOrEqual(3);
      // Ten minutes of the fight, a sweep every two (the pauses grow: 1, 2, 4 … minutes).
      for (let minute = 0; minute < 10; minute += 2) {
        clock.advance(2 * 60_000);
        await t.bot.sweep();
        await settle();
      }
      expect(fight.restored).toBeGreaterThan(1);
    } finally {
      fight.stop();
    }
    expect(patches(c.textChannelId)).toBeLessThanOrEqual(3 * 4);
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toContain('do not stay as the bot writes them');
    expect(await circle()).toMatchObject({ exposure: 'unsettled' });
    const events = await t.bot.store.audit.list({ guildId: t.world.guildId, circleId: c.id });
    expect(events.filter((e) => e.action === 'channel.unsettled')).toHaveLength(1);
  });

  it('alerts once for a channel that accepts changes but does not apply them, without a repair loop', async () => {
    const c = await circle();
    const frozen = t.emu.freezeOverwrites(c.voiceChannelId);
    t.emu.putOverwrite(c.voiceChannelId, outsider());
    await t.emu.waitFor(() => alerts().length > 0, 5000, 'the alert');
    await settle();
    expect(patches(c.voiceChannelId)).toBeLessThanOrEqual(3);
    for (let round = 0; round < 3; round++) {
      clock.advance(2 * 60 * 60_000);
      await t.bot.sweep();
      await settle();
    }
    expect(patches(c.voiceChannelId)).toBeLessThanOrEqual(3 * 4);
    expect(alerts()).toHaveLength(1);
    expect(await circle()).toMatchObject({ exposure: 'unsettled' });

    // Once Discord applies changes again, a repair works, and a quiet check later clears the exposure.
    frozen.release();
    clock.advance(2 * 60 * 60_000);
    await t.bot.sweep();
    expect(t.emu.canView(t.world.users.dan, c.voiceChannelId)).toBe(false);
    clock.advance(2 * 60_000);
    await t.bot.sweep();
    expect(await circle()).toMatchObject({ exposure: null });
  });

  it('reports a channel deleted while the bot runs once, and /circle-admin repair recreates it privately', async () => {
    const c = await circle();
    t.emu.deleteChannel(c.voiceChannelId);
    await t.emu.waitFor(() => modLog().some((l) => l.includes('was deleted outside the bot')), 5000);
    await t.bot.sweep();
    expect(modLog().filter((l) => l.includes('was deleted'))).toHaveLength(1);
    expect(await circle()).toMatchObject({ exposure: 'channel-missing' });

    const posts = t.emu.requests.length;
    const reply = await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'repair',
      options: { circle: 'Tuesday Balint' },
    });
    expect(reply.ephemeral).toBe(true);
    const repaired = await circle();
    expect(repaired.voiceChannelId).not.toBe(c.voiceChannelId);
    expect(reply.content).toContain(`recreated as <#${repaired.voiceChannelId}>`);
    expect(reply.content).toContain(`<#${c.textChannelId}>: as the roster says`);
    expect(reply.content).toContain('no longer marked exposed');
    expect(repaired).toMatchObject({ exposure: null, textChannelId: c.textChannelId });
    const voice = t.emu.channel(repaired.voiceChannelId)!;
    expect(voice.parent_id).toBe(t.emu.channel(c.textChannelId)!.parent_id);
    expect(t.emu.viewersOf(repaired.voiceChannelId).sort()).toEqual(
      [t.emu.botUserId, t.world.ownerId, t.world.users.alice].sort(),
    );
    // One create carrying the overwrites; the channel is never moved or edited afterwards.
    const calls = t.emu.requests.slice(posts);
    const created = calls.filter((r) => r.method === 'POST' && r.route === '/guilds/:guild/channels');
    expect(created).toHaveLength(1);
    expect(JSON.stringify(created[0]!.body)).toContain(t.world.users.alice);
    expect(calls.filter((r) => r.method === 'PATCH' && r.path.includes(repaired.voiceChannelId))).toEqual([]);
  });

  it('reports a channel deleted while the bot was offline once, at start-up', async () => {
    const c = await circle();
    await t.bot.stop();
    t.emu.deleteChannel(c.textChannelId);
    await t.restartBot();
    await t.emu.waitFor(() => modLog().some((l) => l.includes('was deleted outside the bot')), 5000);
    await t.bot.sweep();
    expect(modLog().filter((l) => l.includes('was deleted'))).toHaveLength(1);
    expect(await circle()).toMatchObject({ exposure: 'channel-missing' });
  });

  it('leaves no extra channel behind when the answer to a channel create is lost and retried', async () => {
    const before = new Set(t.emu.channels(t.world.guildId).map((ch) => ch.id));
    const lost = t.emu.injectFailures({
      method: 'POST',
      path: /\/guilds\/.*\/channels$/,
      status: 503,
      after: true,
      times: 2,
    });
    await create('Thursday Peers');
    expect(lost.served).toBe(2);
    const peers = await circle('Thursday Peers');
    const tracked = [peers.textChannelId, peers.voiceChannelId];
    const added = t.emu.channels(t.world.guildId).filter((ch) => !before.has(ch.id));
    expect(added.map((ch) => ch.id).sort()).toEqual(tracked.sort());

    // The same for a channel that /circle-admin repair recreates.
    const c = await circle();
    t.emu.deleteChannel(c.textChannelId);
    await t.emu.waitFor(() => modLog().some((l) => l.includes('was deleted')), 5000);
    t.emu.injectFailures({ method: 'POST', path: /\/guilds\/.*\/channels$/, status: 503, after: true });
    const reply = await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'repair',
      options: { circle: 'Tuesday Balint' },
    });
    expect(reply.content).toContain('recreated as');
    const texts = t.emu.channels(t.world.guildId).filter((ch) => ch.name === 'tuesday-balint');
    expect(texts.map((ch) => ch.id)).toEqual([(await circle()).textChannelId]);

    // And for the category, made again when the configured one is gone.
    t.emu.deleteChannel(t.emu.channel(peers.textChannelId)!.parent_id!);
    t.emu.injectFailures({ method: 'POST', path: /\/guilds\/.*\/channels$/, status: 503, after: true });
    await create('Friday Study');
    const categories = t.emu.channels(t.world.guildId).filter((ch) => ch.type === 4); // category
    const study = await circle('Friday Study');
    expect(categories.map((ch) => ch.id)).toEqual([t.emu.channel(study.textChannelId)!.parent_id]);
    expect((await t.bot.store.guilds.get(t.world.guildId))?.categoryId).toBe(categories[0]!.id);
  });
});
