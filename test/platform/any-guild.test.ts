import { OverwriteType, PermissionFlagsBits as P } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordChatPlatform } from '../../src/platform/discord-chat-platform.js';
import { databases, type TestDatabase } from '../support/databases.js';
import { buttonId, startE2E, type E2E } from '../support/e2e.js';

const database = databases[0]!;

/**
 * The platform acting on a server this process's discord.js cache does not hold (another shard's
 * server), and on channels whose cached copy is behind Discord.
 */
describe('the Discord platform on any server from any process', () => {
  let db: TestDatabase;
  let t: E2E;
  let textId: string;
  let voiceId: string;
  beforeEach(async () => {
    db = await database.create();
    t = await startE2E(db);
    await t.run(t.world.users.moderator, 'setup', {
      options: { 'mod-log': t.world.modLogId, 'moderator-role': t.world.moderatorRoleId },
    });
    const created = await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'create',
      options: { name: 'Tuesday Balint', kind: 'balint' },
    });
    expect(created.content).toContain('Created **Tuesday Balint**');
    const join = await t.run(t.world.users.alice, 'circle', {
      subcommand: 'join',
      options: { circle: 'Tuesday Balint' },
    });
    await t.click(t.world.users.alice, join.message, buttonId(join, 'I accept'));
    const circle = (await t.bot.store.circles.findByName(t.world.guildId, 'Tuesday Balint'))!;
    textId = circle.textChannelId!;
    voiceId = circle.voiceChannelId!;
    expect(t.emu.canView(t.world.users.alice, textId)).toBe(true);
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  /** The bot's client as a process of another shard sees this server: not at all. */
  function forgetServer(): DiscordChatPlatform {
    const client = t.bot.client;
    client.guilds.cache.delete(t.world.guildId);
    client.channels.cache.clear();
    expect(client.channels.cache.get(textId)).toBeUndefined();
    return new DiscordChatPlatform(client);
  }
  const policy = (memberIds: string[]) => ({ kind: 'text' as const, memberIds, readOnly: false });

  it('posts, grants, revokes, and finds and repairs drift over REST', async () => {
    const platform = forgetServer();
    const { alice, bob, dan } = t.world.users;

    const messageId = await platform.postMessage(textId, { content: 'Reminder: we meet tomorrow.' });
    expect(t.emu.messages(textId).map((m) => [m.id, m.content])).toContainEqual([
      messageId,
      'Reminder: we meet tomorrow.',
    ]);

    await platform.grantMember(textId, 'text', bob, 'joined');
    expect(t.emu.canView(bob, textId)).toBe(true);
    await platform.revokeMember(textId, alice, 'left');
    await platform.revokeMember(voiceId, alice, 'left');
    expect(t.emu.canView(alice, textId)).toBe(false);
    expect(t.emu.canView(alice, voiceId)).toBe(false);

    t.emu.putOverwrite(textId, {
      id: dan,
      type: OverwriteType.Member,
      allow: P.ViewChannel.toString(),
      deny: '0',
    });
    const seen = await platform.inspectChannel(textId, policy([bob]));
    expect(seen).toEqual({
      status: 'drifted',
      drift: { unexpectedViewers: [dan], missingMembers: [], otherChanges: 0 },
    });
    expect(await platform.rewriteChannel(textId, policy([bob]), 'repair')).toEqual({ status: 'as-written' });
    expect(t.emu.canView(dan, textId)).toBe(false);
    expect(t.emu.canView(bob, textId)).toBe(true);

    t.emu.putOverwrite(textId, {
      id: dan,
      type: OverwriteType.Member,
      allow: P.ViewChannel.toString(),
      deny: '0',
    });
    expect(await platform.enforcePolicy(textId, policy([bob]), 'repair')).toMatchObject({
      unexpectedViewers: [dan],
    });
    expect(t.emu.canView(dan, textId)).toBe(false);

    expect(await platform.canPost(textId)).toBe(true);
    expect(await platform.nonModeratorsCanView(textId, t.world.moderatorRoleId)).toBe(false);
    expect((await platform.permissionReport(t.world.guildId)).missing).toEqual([]);
    expect(t.bot.client.guilds.cache.has(t.world.guildId)).toBe(false);
  });

  it('throws on a revoke or grant whose channel is gone, so that the caller alerts', async () => {
    const platform = forgetServer();
    t.emu.deleteChannel(textId);
    await expect(platform.revokeMember(textId, t.world.users.alice, 'left')).rejects.toThrow(/not found/);
    await expect(platform.grantMember(textId, 'text', t.world.users.bob, 'joined')).rejects.toThrow(
      /not found/,
    );
  });

  it('does not trust a cached channel that is behind Discord', async () => {
    const platform = new DiscordChatPlatform(t.bot.client);
    const { bob, dan } = t.world.users;
    const lost = t.emu.dropDispatches('CHANNEL_UPDATE');
    // Granted and widened on Discord behind the bot's back: its cache still shows neither.
    t.emu.putOverwrite(textId, {
      id: bob,
      type: OverwriteType.Member,
      allow: P.ViewChannel.toString(),
      deny: '0',
    });
    t.emu.putOverwrite(textId, {
      id: dan,
      type: OverwriteType.Member,
      allow: P.ViewChannel.toString(),
      deny: '0',
    });
    const cached = t.bot.client.channels.cache.get(textId);
    expect(cached && 'permissionOverwrites' in cached && cached.permissionOverwrites.cache.has(bob)).toBe(
      false,
    );

    const deletes = () =>
      t.emu.requests.filter(
        (r) => r.method === 'DELETE' && r.path === `/channels/${textId}/permissions/${bob}`,
      );
    await platform.revokeMember(textId, bob, 'left');
    expect(deletes()).toHaveLength(1);
    expect(t.emu.canView(bob, textId)).toBe(false);

    expect(await platform.enforcePolicy(textId, policy([t.world.users.alice]), 'repair')).toMatchObject({
      unexpectedViewers: [dan],
    });
    expect(t.emu.canView(dan, textId)).toBe(false);
    lost.release();
  });
});
