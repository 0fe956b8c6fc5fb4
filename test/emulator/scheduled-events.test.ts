import {
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Guild,
  type GuildScheduledEvent,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  GuildScheduledEventStatus,
  PermissionFlagsBits as P,
  type VoiceChannel,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelKind, type DiscordEmulator } from '../../emulator/index.js';
import { type Harness, startHarness } from './helpers.js';

const HOUR = 3_600_000;

interface World {
  guildId: string;
  room: string;
  supervision: string;
  alice: string;
  bob: string;
}

/** A clinic with a public voice room, a supervisors-only voice room, alice (member) and bob (supervisor). */
function clinic(emu: DiscordEmulator): World {
  const g = emu.createGuild({ name: 'Clinic' });
  const supervisors = emu.createRole(g.id, { name: 'Supervisors' });
  const alice = emu.createUser({ username: 'alice' });
  const bob = emu.createUser({ username: 'bob' });
  emu.addMember(g.id, alice);
  emu.addMember(g.id, bob, { roles: [supervisors] });
  const room = emu.createChannel(g.id, { name: 'Consultation room', type: ChannelKind.Voice });
  const supervision = emu.createChannel(g.id, {
    name: 'Supervision',
    type: ChannelKind.Voice,
    overwrites: [
      { id: g.id, type: 0, deny: P.ViewChannel },
      { id: supervisors, type: 0, allow: P.ViewChannel },
      { id: g.botRoleId, type: 0, allow: P.ViewChannel },
    ],
  });
  return { guildId: g.id, room, supervision, alice, bob };
}

describe('guild scheduled events through discord.js', () => {
  let h: Harness | undefined;
  let w: World;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const start = async () => {
    h = await startHarness((emu) => {
      w = clinic(emu);
    });
    const guild = h.client.guilds.cache.get(w.guildId) as Guild;
    const voice = (id: string) => guild.channels.cache.get(id) as VoiceChannel;
    return { h, guild, voice };
  };
  const meeting = (channel: VoiceChannel, name = 'Tuesday Balint', startIn = HOUR) => ({
    name,
    entityType: GuildScheduledEventEntityType.Voice as const,
    privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
    channel,
    scheduledStartTime: new Date(Date.now() + startIn),
    scheduledEndTime: new Date(Date.now() + startIn + HOUR),
    description: 'Case discussion',
    reason: 'meeting scheduled',
  });

  it('creates, fetches, edits and deletes a voice event', async () => {
    const { h, guild, voice } = await start();
    const created = await guild.scheduledEvents.create(meeting(voice(w.room)));
    expect(created).toMatchObject({
      name: 'Tuesday Balint',
      channelId: w.room,
      creatorId: h.emu.botUserId,
      status: GuildScheduledEventStatus.Scheduled,
      entityType: GuildScheduledEventEntityType.Voice,
      description: 'Case discussion',
    });
    expect(h.emu.scheduledEvents(w.guildId)).toEqual([
      expect.objectContaining({
        id: created.id,
        channel_id: w.room,
        privacy_level: 2,
        entity_metadata: null,
      }),
    ]);
    expect(h.emu.auditLog.at(-1)).toMatchObject({ targetId: created.id, reason: 'meeting scheduled' });

    h.emu.subscribeToScheduledEvent(created.id, w.alice);
    const fetched = await guild.scheduledEvents.fetch({ withUserCount: true });
    expect([...fetched.keys()]).toEqual([created.id]);
    expect(fetched.get(created.id)?.userCount).toBe(1);
    const one = await guild.scheduledEvents.fetch({ guildScheduledEvent: created.id, force: true });
    expect(one.scheduledStartTimestamp).toBe(created.scheduledStartTimestamp);

    const later = Date.now() + 2 * HOUR;
    const edited = await created.edit({
      name: 'Tuesday Balint (moved)',
      scheduledStartTime: later,
      scheduledEndTime: later + HOUR,
    });
    expect(edited.name).toBe('Tuesday Balint (moved)');
    expect(h.emu.scheduledEvents(w.guildId)[0]?.scheduled_start_time).toBe(
      new Date(later).toISOString().replace('Z', '+00:00'),
    );
    const active = await guild.scheduledEvents.edit(created.id, { status: GuildScheduledEventStatus.Active });
    expect(active.status).toBe(GuildScheduledEventStatus.Active);
    const done = await guild.scheduledEvents.edit(created.id, {
      status: GuildScheduledEventStatus.Completed,
    });
    expect(done.status).toBe(GuildScheduledEventStatus.Completed);
    expect(h.emu.visibleScheduledEvents(w.alice, w.guildId)).toEqual([]);

    const second = await guild.scheduledEvents.create(meeting(voice(w.room), 'Thursday review'));
    await guild.scheduledEvents.delete(second);
    expect(h.emu.scheduledEvents(w.guildId).map((e) => e.name)).toEqual(['Tuesday Balint (moved)']);
    const statuses = h.emu.requests.filter((r) => r.route?.includes('scheduled-events')).map((r) => r.status);
    expect(statuses.at(-1)).toBe(204);
    await expect(
      guild.scheduledEvents.fetch({ guildScheduledEvent: second.id, force: true }),
    ).rejects.toMatchObject({
      code: 10070,
      status: 404,
    });
    expect(h.emu.unknownRoutes).toEqual([]);
  });

  it('shows voice events only to members who can view the channel, external ones to every member', async () => {
    const { h, guild, voice } = await start();
    const open = await guild.scheduledEvents.create(meeting(voice(w.room), 'Open consult'));
    const closed = await guild.scheduledEvents.create(meeting(voice(w.supervision), 'Supervision'));
    const external = h.emu.createScheduledEvent(w.guildId, { name: 'Conference', location: 'Vienna' });
    const names = (userId: string) =>
      h.emu
        .visibleScheduledEvents(userId, w.guildId)
        .map((e) => e.name)
        .sort();
    expect(names(w.alice)).toEqual(['Conference', 'Open consult']);
    expect(names(w.bob)).toEqual(['Conference', 'Open consult', 'Supervision']);
    const stranger = h.emu.createUser({ username: 'stranger' });
    expect(names(stranger)).toEqual([]);
    expect(h.emu.scheduledEvents(w.guildId).map((e) => e.id)).toEqual([open.id, closed.id, external]);
    h.emu.putOverwrite(w.supervision, { id: w.alice, type: 1, allow: P.ViewChannel });
    expect(names(w.alice)).toContain('Supervision');
  });

  it('refuses the 101st uncompleted event with 30038 as a DiscordAPIError', async () => {
    const { h, guild, voice } = await start();
    const ids = h.emu.addScheduledEvents(w.guildId, 99);
    await guild.scheduledEvents.create(meeting(voice(w.room), 'The hundredth'));
    const error: unknown = await guild.scheduledEvents
      .create(meeting(voice(w.room), 'One too many'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({
      code: 30038,
      status: 400,
      rawError: { message: 'Maximum number of uncompleted guild scheduled events reached (100)' },
    });
    expect(h.emu.scheduledEvents(w.guildId)).toHaveLength(100);
    h.emu.completeScheduledEvent(ids[0] ?? '');
    await expect(guild.scheduledEvents.create(meeting(voice(w.room), 'Fits again'))).resolves.toBeDefined();
  });

  it('dispatches GUILD_SCHEDULED_EVENT_* only to sessions with the GuildScheduledEvents intent', async () => {
    const { h, guild, voice } = await start();
    const existing = h.emu.createScheduledEvent(w.guildId, { channelId: w.room, name: 'Before login' });
    const { Client } = await import('discord.js');
    const listener = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildScheduledEvents],
      rest: { api: h.emu.restBase },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        listener.once(Events.ClientReady, () => resolve());
        listener.login(h.emu.botToken).catch(reject);
      });
      const cached = listener.guilds.cache.get(w.guildId)?.scheduledEvents.cache;
      expect([...(cached?.keys() ?? [])]).toEqual([existing]);
      const received = new Promise<GuildScheduledEvent>((resolve) =>
        listener.once(Events.GuildScheduledEventCreate, resolve),
      );
      const created = await guild.scheduledEvents.create(meeting(voice(w.room)));
      expect((await received).id).toBe(created.id);
      const [guildsOnly, withIntent] = h.emu.dispatchLog;
      expect(guildsOnly?.filter((e) => e.startsWith('GUILD_SCHEDULED_EVENT'))).toEqual([]);
      expect(withIntent).toContain('GUILD_SCHEDULED_EVENT_CREATE');
      h.emu.deleteChannel(w.room);
      await h.emu.waitFor(() => h.emu.dispatchLog[1]?.includes('GUILD_SCHEDULED_EVENT_DELETE'));
      expect(h.emu.scheduledEvents(w.guildId)).toEqual([]);
    } finally {
      await listener.destroy();
    }
  });
});
