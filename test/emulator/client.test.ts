import {
  ChannelType,
  Events,
  type GuildChannel,
  type NonThreadGuildBasedChannel,
  OverwriteType,
  PermissionFlagsBits as P,
  type TextChannel,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './helpers.js';

describe('discord.js client against the emulator', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('logs in and becomes ready quickly with every guild available', async () => {
    const started = Date.now();
    let guildId = '';
    h = await startHarness((emu) => {
      guildId = emu.createGuild({ name: 'Clinic' }).id;
    });
    expect(Date.now() - started).toBeLessThan(2000);
    const guild = h.client.guilds.cache.get(guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.members.me?.id).toBe(h.emu.botUserId);
    expect(h.client.application?.id).toBe(h.emu.applicationId);
  });

  it('receives GUILD_CREATE for a guild created after login', async () => {
    h = await startHarness();
    const joined = new Promise<string>((resolve) =>
      h?.client.once(Events.GuildCreate, (g) => resolve(g.name)),
    );
    h.emu.createGuild({ name: 'Late Clinic' });
    expect(await joined).toBe('Late Clinic');
  });

  it('creates a private channel with overwrites and follows overwrite edits', async () => {
    let guildId = '';
    let alice = '';
    let bob = '';
    h = await startHarness((emu) => {
      guildId = emu.createGuild({ name: 'Clinic' }).id;
      alice = emu.createUser({ username: 'alice' });
      bob = emu.createUser({ username: 'bob' });
      emu.addMember(guildId, alice);
      emu.addMember(guildId, bob);
    });
    const { emu, client } = h;
    const guild = client.guilds.cache.get(guildId);
    if (!guild) throw new Error('guild missing');
    const channel = await guild.channels.create({
      name: 'Tuesday Balint',
      type: ChannelType.GuildText,
      reason: 'circle created',
      permissionOverwrites: [
        { id: guild.roles.everyone.id, deny: [P.ViewChannel] },
        {
          id: emu.botUserId,
          type: OverwriteType.Member,
          allow: [P.ViewChannel, P.SendMessages, P.ManageRoles],
        },
        { id: alice, type: OverwriteType.Member, allow: [P.ViewChannel] },
      ],
    });
    expect(channel.name).toBe('tuesday-balint');
    const stored = emu.channel(channel.id);
    expect(stored?.permission_overwrites).toContainEqual({
      id: alice,
      type: 1,
      allow: P.ViewChannel.toString(),
      deny: '0',
    });
    expect(emu.canView(alice, channel.id)).toBe(true);
    expect(emu.canView(bob, channel.id)).toBe(false);
    expect(emu.auditLog.at(-1)?.reason).toBe('circle created');

    const updated = new Promise<GuildChannel>((resolve) =>
      client.once(Events.ChannelUpdate, (_old, next) => resolve(next as GuildChannel)),
    );
    await channel.permissionOverwrites.edit(
      bob,
      { ViewChannel: true },
      { type: OverwriteType.Member, reason: 'bob joined' },
    );
    const next = await updated;
    expect(next.permissionOverwrites.cache.get(bob)?.allow.has(P.ViewChannel)).toBe(true);
    expect(emu.canView(bob, channel.id)).toBe(true);

    const adminUpdate = new Promise<NonThreadGuildBasedChannel>((resolve) =>
      client.once(Events.ChannelUpdate, (_old, n) => resolve(n as NonThreadGuildBasedChannel)),
    );
    emu.putOverwrite(channel.id, { id: bob, type: 1, deny: P.ViewChannel });
    expect((await adminUpdate).permissionOverwrites.cache.get(bob)?.deny.has(P.ViewChannel)).toBe(true);
    expect(emu.unknownRoutes).toEqual([]);
  });

  it('refuses to create channels without Manage Channels and to grant permissions the bot lacks', async () => {
    let guildId = '';
    h = await startHarness((emu) => {
      guildId = emu.createGuild({ name: 'Weak', botPermissions: P.ViewChannel | P.SendMessages }).id;
    });
    const guild = h.client.guilds.cache.get(guildId);
    await expect(guild?.channels.create({ name: 'x' })).rejects.toMatchObject({ code: 50013, status: 403 });

    let strongId = '';
    h.emu.createGuild({ name: 'NoAdmin' });
    strongId = h.emu.createGuild({
      name: 'Strong',
      botPermissions: P.ViewChannel | P.ManageChannels | P.ManageRoles,
    }).id;
    await h.emu.waitFor(() => h?.client.guilds.cache.get(strongId));
    const strong = h.client.guilds.cache.get(strongId);
    await expect(
      strong?.channels.create({
        name: 'x',
        permissionOverwrites: [{ id: strongId, allow: [P.Administrator] }],
      }),
    ).rejects.toMatchObject({ code: 50013 });
  });

  it('deduplicates messages with enforce_nonce and stores one message', async () => {
    let channelId = '';
    h = await startHarness((emu) => {
      const guildId = emu.createGuild({ name: 'Clinic' }).id;
      channelId = emu.createChannel(guildId, { name: 'general' });
    });
    const channel = h.client.channels.cache.get(channelId) as TextChannel;
    const first = await channel.send({
      content: 'Reminder: circle at 7',
      nonce: 'rem-42',
      enforceNonce: true,
    });
    const second = await channel.send({
      content: 'Reminder: circle at 7',
      nonce: 'rem-42',
      enforceNonce: true,
    });
    expect(second.id).toBe(first.id);
    expect(h.emu.messages(channelId)).toHaveLength(1);
    expect(h.emu.messages(channelId)[0]?.content).toBe('Reminder: circle at 7');
    const fetched = await channel.messages.fetch({ limit: 10 });
    expect(fetched.size).toBe(1);
  });

  it('registers commands with a bulk overwrite and keeps ids stable on re-registration', async () => {
    let guildId = '';
    h = await startHarness((emu) => {
      guildId = emu.createGuild({ name: 'Clinic' }).id;
    });
    const commands = [
      {
        name: 'circle',
        description: 'Manage circles',
        options: [
          {
            type: 1,
            name: 'join',
            description: 'Join a circle',
            options: [{ type: 3, name: 'circle', description: 'Circle', required: true }],
          },
        ],
      },
    ];
    const created = await h.client.application?.commands.set(commands);
    expect(created?.first()?.name).toBe('circle');
    const again = await h.client.application?.commands.set(commands, guildId);
    expect(again?.size).toBe(1);
    expect(h.emu.commands()).toHaveLength(1);
    expect(h.emu.commands({ guildId })).toHaveLength(1);
    const before = h.emu.commands()[0]?.id;
    await h.client.application?.commands.set(commands);
    expect(h.emu.commands()[0]?.id).toBe(before);
    expect(h.emu.commandPutCount).toBe(3);
  });

  it('fetches and searches members, deletes channels, emits events, and notices being kicked', async () => {
    let guildId = '';
    let alice = '';
    h = await startHarness((emu) => {
      guildId = emu.createGuild({ name: 'Clinic' }).id;
      alice = emu.createUser({ username: 'alice' });
      emu.addMember(guildId, alice);
    });
    const { emu, client } = h;
    const guild = client.guilds.cache.get(guildId);
    if (!guild) throw new Error('guild missing');
    expect((await guild.members.fetch(alice)).user.username).toBe('alice');
    expect((await guild.members.search({ query: 'ali' })).map((m) => m.id)).toEqual([alice]);
    await expect(guild.members.fetch('1')).rejects.toMatchObject({ code: 10007 });

    const seen: string[] = [];
    emu.on('message', (m) => seen.push(m.content));
    const channel = await guild.channels.create({ name: 'temp' });
    await channel.send('hi there');
    expect(seen).toEqual(['hi there']);
    const deleted = new Promise<string>((resolve) => client.once(Events.ChannelDelete, (c) => resolve(c.id)));
    await channel.delete('cleanup');
    expect(await deleted).toBe(channel.id);
    expect(emu.channel(channel.id)).toBeUndefined();

    const gone = new Promise<string>((resolve) => client.once(Events.GuildDelete, (g) => resolve(g.id)));
    emu.removeMember(guildId, emu.botUserId);
    expect(await gone).toBe(guildId);
  });
});
