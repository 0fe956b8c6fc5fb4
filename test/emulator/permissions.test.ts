import { PermissionFlagsBits as P } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, ChannelKind, DiscordEmulator } from '../../emulator/index.js';

describe('Discord permission algorithm', () => {
  let emu: DiscordEmulator;
  let guildId: string;
  let ownerId: string;
  let alice: string;

  beforeEach(async () => {
    emu = await DiscordEmulator.start();
    const guild = emu.createGuild({ name: 'Clinic' });
    guildId = guild.id;
    ownerId = guild.ownerId;
    alice = emu.createUser({ username: 'alice' });
    emu.addMember(guildId, alice);
  });
  afterEach(async () => {
    await emu.stop();
  });

  it('gives the owner every permission, even in a channel denying @everyone', () => {
    const channel = emu.createChannel(guildId, {
      name: 'private',
      overwrites: [{ id: guildId, type: 0, deny: P.ViewChannel | P.SendMessages }],
    });
    expect(emu.permissionsFor(guildId, ownerId)).toBe(ALL_PERMISSIONS);
    expect(emu.permissionsFor(undefined, ownerId, channel)).toBe(ALL_PERMISSIONS);
    expect(emu.canView(ownerId, channel)).toBe(true);
  });

  it('gives Administrator every permission regardless of overwrites', () => {
    const admin = emu.createRole(guildId, { name: 'admin', permissions: P.Administrator });
    emu.addMember(guildId, alice, { roles: [admin] });
    const channel = emu.createChannel(guildId, {
      name: 'private',
      overwrites: [
        { id: guildId, type: 0, deny: P.ViewChannel },
        { id: alice, type: 1, deny: P.ViewChannel },
      ],
    });
    expect(emu.permissionsFor(undefined, alice, channel)).toBe(ALL_PERMISSIONS);
    expect(emu.canView(alice, channel)).toBe(true);
  });

  it('combines @everyone and role permissions at guild level', () => {
    const mod = emu.createRole(guildId, { name: 'mod', permissions: P.ManageMessages });
    emu.addMember(guildId, alice, { roles: [mod] });
    const perms = emu.permissionsFor(guildId, alice);
    expect(perms & P.ManageMessages).toBe(P.ManageMessages);
    expect(perms & P.ViewChannel).toBe(P.ViewChannel);
    expect(perms & P.Administrator).toBe(0n);
  });

  it('@everyone deny hides the channel; a role allow brings it back', () => {
    const member = emu.createRole(guildId, { name: 'circle', permissions: 0n });
    const bob = emu.createUser({ username: 'bob' });
    emu.addMember(guildId, bob, { roles: [member] });
    const channel = emu.createChannel(guildId, {
      name: 'circle',
      overwrites: [
        { id: guildId, type: 0, deny: P.ViewChannel },
        { id: member, type: 0, allow: P.ViewChannel },
      ],
    });
    expect(emu.canView(alice, channel)).toBe(false);
    expect(emu.canView(bob, channel)).toBe(true);
    expect(emu.viewersOf(channel).sort()).toEqual([ownerId, bob].sort());
  });

  it('role overwrites combine: an allow on one role beats a deny on another', () => {
    const a = emu.createRole(guildId, { name: 'a' });
    const b = emu.createRole(guildId, { name: 'b' });
    emu.addMember(guildId, alice, { roles: [a, b] });
    const channel = emu.createChannel(guildId, {
      name: 'c',
      overwrites: [
        { id: a, type: 0, deny: P.SendMessages },
        { id: b, type: 0, allow: P.SendMessages },
      ],
    });
    expect(emu.permissionsFor(undefined, alice, channel) & P.SendMessages).toBe(P.SendMessages);
  });

  it('a member overwrite allow wins over a role deny', () => {
    const muted = emu.createRole(guildId, { name: 'muted' });
    emu.addMember(guildId, alice, { roles: [muted] });
    const channel = emu.createChannel(guildId, {
      name: 'c',
      overwrites: [
        { id: muted, type: 0, deny: P.ViewChannel | P.SendMessages },
        { id: alice, type: 1, allow: P.ViewChannel },
      ],
    });
    const perms = emu.permissionsFor(undefined, alice, channel);
    expect(perms & P.ViewChannel).toBe(P.ViewChannel);
    expect(perms & P.SendMessages).toBe(0n);
  });

  it('denying View Channel removes every permission; denying Send Messages removes embed/attach', () => {
    const hidden = emu.createChannel(guildId, {
      name: 'h',
      overwrites: [{ id: alice, type: 1, deny: P.ViewChannel }],
    });
    expect(emu.permissionsFor(undefined, alice, hidden)).toBe(0n);
    const readOnly = emu.createChannel(guildId, {
      name: 'r',
      overwrites: [{ id: guildId, type: 0, deny: P.SendMessages }],
    });
    const perms = emu.permissionsFor(undefined, alice, readOnly);
    expect(perms & P.ViewChannel).toBe(P.ViewChannel);
    expect(perms & (P.SendMessages | P.EmbedLinks | P.AttachFiles)).toBe(0n);
  });

  it('voice channels without Connect lose Speak', () => {
    const voice = emu.createChannel(guildId, {
      name: 'v',
      type: ChannelKind.Voice,
      overwrites: [{ id: guildId, type: 0, deny: P.Connect }],
    });
    const perms = emu.permissionsFor(undefined, alice, voice);
    expect(perms & P.ViewChannel).toBe(P.ViewChannel);
    expect(perms & (P.Connect | P.Speak)).toBe(0n);
  });

  it('non-members have no permissions and cannot view', () => {
    const stranger = emu.createUser({ username: 'stranger' });
    const channel = emu.createChannel(guildId, { name: 'open' });
    expect(emu.canView(stranger, channel)).toBe(false);
    expect(emu.canView(alice, channel)).toBe(true);
  });
});
