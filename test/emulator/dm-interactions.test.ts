import { type Message, MessageFlags } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulationError } from '../../emulator/index.js';
import { type DmObservation, installDmBot, sendDmPanel } from './dm-bot-fixture.js';
import { type Harness, startHarness } from './helpers.js';

describe('simulated users clicking buttons in a DM from a discord.js bot', () => {
  let h: Harness;
  let guildId = '';
  let channelId = '';
  let alice = '';
  let bob = '';
  let bot: { seen: DmObservation[]; errors: Error[] };
  let panel: Message;
  let dmId = '';

  beforeEach(async () => {
    h = await startHarness((emu) => {
      guildId = emu.createGuild({ name: 'Clinic' }).id;
      channelId = emu.createChannel(guildId, { name: 'general' });
      alice = emu.createUser({ username: 'alice' });
      bob = emu.createUser({ username: 'bob' });
      emu.addMember(guildId, alice);
      emu.addMember(guildId, bob);
    });
    bot = installDmBot(h.client);
    panel = await sendDmPanel(h.client, alice);
    dmId = panel.channelId;
  });
  afterEach(async () => {
    expect(bot.errors).toEqual([]);
    expect(h.emu.unknownRoutes).toEqual([]);
    expect(h.emu.serverErrors).toEqual([]);
    await h.close();
  });

  it('the bot opened the DM through REST and the panel is in it', () => {
    expect(h.emu.requests.map((r) => `${r.method} ${r.route ?? r.path}`)).toEqual(
      expect.arrayContaining(['POST /users/@me/channels', 'POST /channels/:channel/messages']),
    );
    expect(h.emu.channel(dmId)).toMatchObject({ type: 1, recipients: [{ id: alice }] });
    expect(h.emu.dmMessages(alice).map((m) => m.content)).toEqual(['Confirm your Tuesday seat']);
  });

  it('sends a BOT_DM payload without guild or member, which discord.js sees as a DM interaction', async () => {
    const click = h.emu.as(alice).clickDmButton(panel, 'dm-update');
    const payload = click.payload;
    expect(payload).not.toHaveProperty('guild_id');
    expect(payload).not.toHaveProperty('guild');
    expect(payload).not.toHaveProperty('member');
    expect(payload).not.toHaveProperty('guild_locale');
    expect(payload).toMatchObject({
      type: 3,
      context: 1,
      channel_id: dmId,
      channel: { id: dmId, type: 1, recipients: [{ id: alice, username: 'alice' }] },
      user: { id: alice, username: 'alice' },
      authorizing_integration_owners: { '0': '0' },
      data: { custom_id: 'dm-update', component_type: 2 },
      message: { id: panel.id, channel_id: dmId, content: 'Confirm your Tuesday seat' },
    });
    expect(payload['message']).not.toHaveProperty('guild_id');
    expect(typeof payload['app_permissions']).toBe('string');
    await click.reply();
    expect(bot.seen).toEqual([
      {
        customId: 'dm-update',
        inGuild: false,
        guildId: null,
        hasMember: false,
        userId: alice,
        channelId: dmId,
        dmBased: true,
        context: 1,
        guildInstallOwner: '0',
        messageId: panel.id,
      },
    ]);
  });

  it('update() edits the DM message (callback 7)', async () => {
    const reply = await h.emu.as(alice).clickDmButton(panel, 'dm-update').reply();
    expect(reply).toMatchObject({
      callbackType: 7,
      content: 'Seat confirmed for alice',
      components: [],
      ephemeral: false,
    });
    expect(reply.message?.id).toBe(panel.id);
    const dms = h.emu.dmMessages(alice);
    expect(dms.map((m) => [m.id, m.content, m.components])).toEqual([
      [panel.id, 'Seat confirmed for alice', []],
    ]);
    expect(dms[0]?.edited_timestamp).not.toBeNull();
  });

  it('deferUpdate() then editReply() edits the DM message (callback 6, PATCH @original)', async () => {
    const click = h.emu.as(alice).clickDmButton(panel, 'dm-defer');
    expect((await click.response()).type).toBe(6);
    const reply = await click.reply();
    expect(reply).toMatchObject({
      callbackType: 6,
      content: 'Seat confirmed after a check',
      ephemeral: false,
    });
    expect(reply.flags & MessageFlags.Loading).toBe(0);
    expect(h.emu.dmMessages(alice).map((m) => m.content)).toEqual(['Seat confirmed after a check']);
    expect(
      h.emu.requests.some(
        (r) => r.method === 'PATCH' && r.route === '/webhooks/:app/:token/messages/:message',
      ),
    ).toBe(true);
  });

  it('replies and follows up ephemerally: only the user sees it, the DM message is unchanged', async () => {
    const click = h.emu.as(alice).clickDmButton(panel, 'dm-ephemeral');
    const reply = await click.reply();
    expect(reply).toMatchObject({ callbackType: 4, content: 'Only you see this', ephemeral: true });
    const followUps = await click.waitForFollowUps(1);
    expect(followUps[0]).toMatchObject({ content: 'And this follow-up', ephemeral: true });
    expect(reply.message).toMatchObject({
      channel_id: dmId,
      interaction_metadata: { user: { id: alice }, authorizing_integration_owners: { '0': '0' } },
    });
    expect(h.emu.dmMessages(alice).map((m) => m.content)).toEqual(['Confirm your Tuesday seat']);
    expect(h.emu.visibleMessages(alice, dmId).map((m) => m.content)).toEqual([
      'Confirm your Tuesday seat',
      'Only you see this',
      'And this follow-up',
    ]);
    expect(h.emu.visibleMessages(bob, dmId)).toEqual([]);
  });

  it('shows a modal from a DM button; its submission is a DM interaction too', async () => {
    const shown = await h.emu.as(alice).clickDmButton(panel, 'dm-modal').reply();
    if (!shown.modal) throw new Error('no modal');
    const submit = h.emu.as(alice).submitModal(guildId, shown.modal, { note: 'running late' });
    expect(submit.payload).not.toHaveProperty('guild_id');
    expect(submit.payload).toMatchObject({ context: 1, channel_id: dmId, user: { id: alice } });
    expect(await submit.reply()).toMatchObject({ content: 'Noted: running late', ephemeral: true });
  });

  it('refuses messages that are not the bot’s message in this user’s DM', async () => {
    const bobPanel = await sendDmPanel(h.client, bob, 'Bob only');
    expect(() => h.emu.as(alice).clickDmButton(bobPanel, 'dm-update')).toThrow(SimulationError);
    expect(() => h.emu.as(alice).clickDmButton(bobPanel, 'dm-update')).toThrow(/not in alice's DM/);
    const channel = h.client.channels.cache.get(channelId);
    if (!channel?.isSendable()) throw new Error('general is not sendable');
    const inGuild = await channel.send({ content: 'guild panel' });
    expect(() => h.emu.as(alice).clickDmButton(inGuild, 'dm-update')).toThrow(/not in alice's DM/);
    expect(() => h.emu.as(alice).clickDmButton({ id: '1' }, 'dm-update')).toThrow(/does not exist/);
    expect(() => h.emu.as(alice).clickDmButton(panel, 'nope')).toThrow(/has no component "nope"/);
    expect(() => h.emu.as(alice).clickButton(guildId, panel, 'dm-update')).toThrow(/not in guild/);
    expect(bot.seen).toEqual([]);
  });
});
