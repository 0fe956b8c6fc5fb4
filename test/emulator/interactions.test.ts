import { MessageFlags } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulationError } from '../../emulator/index.js';
import { circleCommand, installCircleBot } from './bot-fixture.js';
import { type Harness, startHarness } from './helpers.js';

describe('simulated users interacting with a discord.js bot', () => {
  let h: Harness;
  let guildId = '';
  let channelId = '';
  let alice = '';
  let bob = '';
  let botErrors: Error[] = [];

  beforeEach(async () => {
    h = await startHarness((emu) => {
      guildId = emu.createGuild({ name: 'Clinic' }).id;
      channelId = emu.createChannel(guildId, { name: 'general' });
      alice = emu.createUser({ username: 'alice' });
      bob = emu.createUser({ username: 'bob' });
      emu.addMember(guildId, alice);
      emu.addMember(guildId, bob);
    });
    botErrors = installCircleBot(h.client);
    await h.client.application?.commands.set([circleCommand.toJSON()], guildId);
  });
  afterEach(async () => {
    expect(botErrors).toEqual([]);
    expect(h.emu.unknownRoutes).toEqual([]);
    expect(h.emu.serverErrors).toEqual([]);
    await h.close();
  });

  it('answers a slash command ephemerally, visible only to the caller', async () => {
    const run = h.emu
      .as(alice)
      .runCommand(guildId, 'circle', { subcommand: 'join', options: { circle: 'Tuesday Balint' } });
    const response = await run.response();
    expect(response.type).toBe(4);
    const reply = await run.reply();
    expect(reply).toMatchObject({ content: 'You joined Tuesday Balint', ephemeral: true });
    expect(h.emu.visibleMessages(alice, channelId).map((m) => m.content)).toContain(
      'You joined Tuesday Balint',
    );
    expect(h.emu.visibleMessages(bob, channelId)).toEqual([]);
    expect(h.emu.messages(channelId)).toEqual([]);
  });

  it('defers, edits the reply and sends an ephemeral follow-up; user options are resolved', async () => {
    const run = h.emu
      .as(alice)
      .runCommand(
        guildId,
        'circle',
        { subcommand: 'invite', options: { user: bob, seats: 2 } },
        { channelId },
      );
    expect((await run.response()).type).toBe(5);
    const reply = await run.reply();
    expect(reply.content).toBe(`Invited <@${bob}> (bob, member: yes, seats: 2)`);
    expect(reply.ephemeral).toBe(false);
    expect(reply.flags & MessageFlags.Loading).toBe(0);
    const followUps = await run.waitForFollowUps(1);
    expect(followUps[0]).toMatchObject({ content: 'Only you see this', ephemeral: true });
    expect(h.emu.visibleMessages(bob, channelId).map((m) => m.content)).toEqual([reply.content]);
    expect(run.payload['data']).toMatchObject({ resolved: { users: { [bob]: { username: 'bob' } } } });
  });

  it('shows a modal that the user submits', async () => {
    const shown = await h.emu.as(alice).runCommand(guildId, 'circle', { subcommand: 'propose' }).reply();
    expect(shown.modal?.title).toBe('Propose a case');
    if (!shown.modal) throw new Error('no modal');
    const submitted = await h.emu
      .as(alice)
      .submitModal(guildId, shown.modal, { title: 'Difficult referral' })
      .reply();
    expect(submitted).toMatchObject({ content: 'Case proposed: Difficult referral', ephemeral: true });
    expect(() =>
      h.emu
        .as(bob)
        .submitModal(guildId, shown.modal ?? { custom_id: '', title: '', components: [] }, { title: 'x' }),
    ).toThrow(SimulationError);
  });

  it('shows a button that another user clicks, updating the message', async () => {
    const panel = await h.emu.as(alice).runCommand(guildId, 'circle', { subcommand: 'panel' }).reply();
    if (!panel.message) throw new Error('no message');
    const click = await h.emu.as(bob).clickButton(guildId, panel.message, 'attend').reply();
    expect(click.callbackType).toBe(7);
    expect(click.content).toBe('Tuesday: bob attends');
    expect(h.emu.messages(channelId).map((m) => m.content)).toEqual(['Tuesday: bob attends']);
  });

  it('returns autocomplete choices', async () => {
    const choices = await h.emu
      .as(alice)
      .autocomplete(guildId, 'circle', { subcommand: 'info', options: { circle: 'T' }, focused: 'circle' });
    expect(choices.map((c) => (c as { name: string }).name)).toEqual([
      'Tuesday Balint',
      'Thursday Peer Review',
      'Trauma Supervision',
    ]);
    const narrowed = await h.emu
      .as(alice)
      .autocomplete(guildId, 'circle', { subcommand: 'info', options: { circle: 'tu' }, focused: 'circle' });
    expect(narrowed).toEqual([{ name: 'Tuesday Balint', value: 'Tuesday Balint' }]);
  });

  it('rejects input a Discord client would refuse, and answering twice fails with 40060', async () => {
    expect(() => h.emu.as(alice).runCommand(guildId, 'nope')).toThrow(/registered no command/);
    expect(() => h.emu.as(alice).runCommand(guildId, 'circle', { subcommand: 'join' })).toThrow(
      /required option "circle"/,
    );
    expect(() =>
      h.emu
        .as(alice)
        .runCommand(guildId, 'circle', { subcommand: 'invite', options: { user: bob, seats: 'x' } }),
    ).toThrow(/integer/);
    const run = h.emu
      .as(alice)
      .runCommand(guildId, 'circle', { subcommand: 'join', options: { circle: 'A' } });
    await run.reply();
    const again = await fetch(
      `${h.emu.restBase}/v10/interactions/${run.id}/${run.payload['token'] as string}/callback`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 4, data: { content: 'twice' } }),
      },
    );
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 40060 });
    const unknown = await fetch(`${h.emu.restBase}/v10/interactions/1/abc/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":4}',
    });
    expect(await unknown.json()).toMatchObject({ code: 10062 });
  });
});
