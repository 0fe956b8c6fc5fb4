import {
  type Guild,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  GuildScheduledEventStatus,
  PermissionFlagsBits as P,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelKind, DEFAULT_BOT_PERMISSIONS } from '../../emulator/index.js';
import { type Harness, startHarness } from './helpers.js';

const HOUR = 3_600_000;

describe('guild scheduled event validation', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  let guildId = '';
  let room = '';
  let text = '';
  let hidden = '';
  let stage = '';
  const start = async (botPermissions = DEFAULT_BOT_PERMISSIONS) => {
    h = await startHarness((emu) => {
      const g = emu.createGuild({ name: 'Clinic', botPermissions });
      guildId = g.id;
      room = emu.createChannel(g.id, { name: 'Room', type: ChannelKind.Voice });
      text = emu.createChannel(g.id, { name: 'general' });
      stage = emu.createChannel(g.id, { name: 'Stage', type: ChannelKind.Stage });
      hidden = emu.createChannel(g.id, {
        name: 'Hidden',
        type: ChannelKind.Voice,
        overwrites: [{ id: g.botRoleId, type: 0, deny: P.ViewChannel }],
      });
    });
    return h;
  };
  const body = (overrides: Record<string, unknown> = {}) => ({
    name: 'Balint group',
    privacy_level: 2,
    entity_type: 2,
    channel_id: room,
    scheduled_start_time: new Date(Date.now() + HOUR).toISOString(),
    scheduled_end_time: new Date(Date.now() + 2 * HOUR).toISOString(),
    ...overrides,
  });
  const post = (harness: Harness, overrides: Record<string, unknown> = {}) =>
    harness.client.rest.post(`/guilds/${guildId}/scheduled-events`, { body: body(overrides) });
  const formError = (field: string, code: string) => ({
    code: 50035,
    status: 400,
    rawError: { errors: { [field]: { _errors: [expect.objectContaining({ code })] } } },
  });

  it('answers Discord-shaped 50035 errors for bad fields', async () => {
    const h = await start();
    const past = new Date(Date.now() - 60_000).toISOString();
    await expect(post(h, { scheduled_start_time: past })).rejects.toMatchObject({
      ...formError('scheduled_start_time', 'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST'),
    });
    await expect(
      post(h, { scheduled_end_time: new Date(Date.now() + HOUR / 2).toISOString() }),
    ).rejects.toMatchObject(formError('scheduled_end_time', 'GUILD_SCHEDULED_EVENT_END_BEFORE_START'));
    await expect(post(h, { name: 'x'.repeat(101) })).rejects.toMatchObject(
      formError('name', 'BASE_TYPE_BAD_LENGTH'),
    );
    await expect(post(h, { name: '' })).rejects.toMatchObject(formError('name', 'BASE_TYPE_BAD_LENGTH'));
    await expect(post(h, { description: 'x'.repeat(1001) })).rejects.toMatchObject(
      formError('description', 'BASE_TYPE_BAD_LENGTH'),
    );
    await expect(post(h, { privacy_level: 1 })).rejects.toMatchObject(
      formError('privacy_level', 'BASE_TYPE_CHOICES'),
    );
    await expect(post(h, { channel_id: undefined })).rejects.toMatchObject(
      formError('channel_id', 'BASE_TYPE_REQUIRED'),
    );
    await expect(
      post(h, { entity_type: 3, channel_id: undefined, entity_metadata: { location: 'Vienna' } }),
    ).resolves.toMatchObject({ entity_metadata: { location: 'Vienna' }, channel_id: null });
    await expect(
      post(h, {
        entity_type: 3,
        channel_id: undefined,
        scheduled_end_time: undefined,
        entity_metadata: { location: 'Vienna' },
      }),
    ).rejects.toMatchObject(formError('scheduled_end_time', 'BASE_TYPE_REQUIRED'));
    await expect(post(h, { entity_type: 3, channel_id: undefined })).rejects.toMatchObject(
      formError('entity_metadata.location', 'BASE_TYPE_REQUIRED'),
    );
    expect(h.emu.scheduledEvents(guildId)).toHaveLength(1);
  });

  it('checks the channel: voice/stage type, the bot can view and connect', async () => {
    const h = await start();
    await expect(post(h, { channel_id: text })).rejects.toMatchObject({ code: 50091, status: 400 });
    await expect(post(h, { channel_id: stage })).rejects.toMatchObject({ code: 50091 });
    await expect(post(h, { channel_id: '1234' })).rejects.toMatchObject({ code: 10003, status: 404 });
    await expect(post(h, { channel_id: hidden })).rejects.toMatchObject({ code: 50001, status: 403 });
    h.emu.putOverwrite(room, { id: h.emu.botUserId, type: 1, deny: P.Connect });
    await expect(post(h, { channel_id: room })).rejects.toMatchObject({ code: 50013, status: 403 });
    // A stage event also needs Manage Channels, Mute Members and Move Members in the stage channel.
    await expect(post(h, { entity_type: 1, channel_id: stage })).rejects.toMatchObject({ code: 50013 });
    h.emu.putOverwrite(stage, {
      id: h.emu.botUserId,
      type: 1,
      allow: P.ManageChannels | P.MuteMembers | P.MoveMembers,
    });
    await expect(post(h, { entity_type: 1, channel_id: stage })).resolves.toMatchObject({ entity_type: 1 });
  });

  it('needs Manage Events, or Create Events for the bot’s own events', async () => {
    const h = await start(DEFAULT_BOT_PERMISSIONS & ~(P.ManageEvents | P.CreateEvents));
    await expect(post(h)).rejects.toMatchObject({ code: 50013 });
    const botRole = h.client.guilds.cache.get(guildId)?.members.me?.roles.botRole?.id ?? '';
    h.emu.setRolePermissions(guildId, botRole, (DEFAULT_BOT_PERMISSIONS & ~P.ManageEvents) | P.CreateEvents);
    const own = (await post(h)) as { id: string };
    const guild = h.client.guilds.cache.get(guildId) as Guild;
    await expect(guild.scheduledEvents.edit(own.id, { name: 'Renamed' })).resolves.toMatchObject({
      name: 'Renamed',
    });
    const theirs = h.emu.createScheduledEvent(guildId, { channelId: room, name: 'Owner event' });
    await expect(guild.scheduledEvents.edit(theirs, { name: 'Hijack' })).rejects.toMatchObject({
      code: 50013,
    });
    await expect(guild.scheduledEvents.delete(theirs)).rejects.toMatchObject({ code: 50013 });
    h.emu.setRolePermissions(guildId, botRole, DEFAULT_BOT_PERMISSIONS);
    await expect(guild.scheduledEvents.delete(theirs)).resolves.toBeUndefined();
  });

  it('enforces status transitions and refuses edits of finished events', async () => {
    const h = await start();
    const guild = h.client.guilds.cache.get(guildId) as Guild;
    const event = await guild.scheduledEvents.create({
      name: 'Peer review',
      entityType: GuildScheduledEventEntityType.External,
      privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
      scheduledStartTime: Date.now() + HOUR,
      scheduledEndTime: Date.now() + 2 * HOUR,
      entityMetadata: { location: 'Room 4' },
    });
    await expect(event.setStatus(GuildScheduledEventStatus.Completed)).rejects.toMatchObject(
      formError('status', 'GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION'),
    );
    await event.setStatus(GuildScheduledEventStatus.Canceled);
    await expect(event.setName('Again')).rejects.toMatchObject({ code: 180000, status: 400 });
    await expect(
      h.client.rest.patch(`/guilds/${guildId}/scheduled-events/123`, { body: { name: 'x' } }),
    ).rejects.toMatchObject({ code: 10070 });
    expect(h.emu.visibleScheduledEvents(h.emu.botUserId, guildId)).toEqual([]);
    expect(h.emu.scheduledEvents(guildId)[0]?.status).toBe(4);
  });
});
