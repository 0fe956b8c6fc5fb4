import { PermissionFlagsBits as P } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databases, type TestDatabase } from '../support/databases.js';
import { buttonId, runConfirmed, startE2E, type E2E } from '../support/e2e.js';

describe.each(databases)('circles end to end on $name', (database) => {
  let db: TestDatabase;
  let t: E2E;
  beforeEach(async () => {
    db = await database.create();
    t = await startE2E(db);
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  const circleChannels = async (name: string) => {
    const circle = await t.bot.store.circles.findByName(t.world.guildId, name);
    if (!circle) throw new Error(`no circle ${name}`);
    return circle;
  };

  const create = async (name: string, extra: Record<string, string | number> = {}) => {
    const reply = await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'create',
      options: { name, kind: 'balint', ...extra },
    });
    expect(reply.content).toContain(`Created **${name}**`);
    return circleChannels(name);
  };

  const joinAndAccept = async (userId: string, name: string) => {
    const join = await t.run(userId, 'circle', { subcommand: 'join', options: { circle: name } });
    expect(join.ephemeral).toBe(true);
    const accepted = await t.click(userId, join.message, buttonId(join, 'I accept'));
    expect(accepted.content).toContain(`Welcome to **${name}**`);
    return accepted;
  };

  it('a moderator sets up the server and creates a circle whose channels only the bot can see', async () => {
    const setup = await t.run(t.world.users.moderator, 'setup', {
      options: { 'moderator-role': t.world.moderatorRoleId, 'mod-log': t.world.modLogId },
    });
    expect(setup.ephemeral).toBe(true);
    expect(setup.content).toContain('The bot has every permission it needs');
    expect(setup.content).toContain(`Mod-log channel: <#${t.world.modLogId}>`);

    const circle = await create('Tuesday Balint');
    const text = t.emu.channel(circle.textChannelId)!;
    const category = t.emu.channel(text.parent_id!)!;
    expect(category.name).toBe('Circles');
    expect(t.emu.channel(circle.voiceChannelId)!.parent_id).toBe(category.id);
    for (const channelId of [circle.textChannelId, circle.voiceChannelId, category.id]) {
      expect(t.emu.viewersOf(channelId).sort()).toEqual([t.emu.botUserId, t.world.ownerId].sort());
    }
    expect(t.emu.canView(t.world.users.moderator, circle.textChannelId)).toBe(false);
    expect(t.emu.auditLog.some((entry) => entry.reason?.includes('Tuesday Balint'))).toBe(true);
    expect(t.emu.unknownRoutes).toEqual([]);
  });

  it('a member sees the channels only after accepting the agreement, and loses them when removed', async () => {
    const circle = await create('Tuesday Balint');
    const { alice } = t.world.users;
    const join = await t.run(alice, 'circle', { subcommand: 'join', options: { circle: 'tuesday balint' } });
    expect(join).toMatchObject({ ephemeral: true });
    expect(join.embeds[0]).toMatchObject({ title: 'Tuesday Balint: confidentiality agreement (version 1)' });
    expect(t.emu.canView(alice, circle.textChannelId)).toBe(false);
    expect(t.emu.canView(alice, circle.voiceChannelId)).toBe(false);

    await t.click(alice, join.message, buttonId(join, 'I accept'));
    expect(t.emu.canView(alice, circle.textChannelId)).toBe(true);
    expect(t.emu.permissionsFor(t.world.guildId, alice, circle.voiceChannelId) & P.Connect).toBe(P.Connect);
    expect(t.emu.permissionsFor(t.world.guildId, alice, circle.textChannelId) & P.AttachFiles).toBe(0n);
    expect(t.emu.viewersOf(circle.textChannelId)).not.toContain(t.world.users.bob);

    const removed = await runConfirmed(
      t,
      t.world.users.moderator,
      'circle-admin',
      { subcommand: 'remove', options: { circle: 'Tuesday Balint', member: alice } },
      'Remove',
    );
    expect(removed.content).toContain('their access is gone');
    expect(t.emu.canView(alice, circle.textChannelId)).toBe(false);
    expect(t.emu.canView(alice, circle.voiceChannelId)).toBe(false);
  });

  it('lock refuses a join with a clear answer; unlock lets it through', async () => {
    await create('Tuesday Balint');
    const lock = await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'lock',
      options: { circle: 'Tuesday Balint' },
    });
    expect(lock.content).toContain('is locked');
    const before = t.discordSnapshot();
    const refused = await t.run(t.world.users.bob, 'circle', {
      subcommand: 'join',
      options: { circle: 'Tuesday Balint' },
    });
    expect(refused).toMatchObject({ ephemeral: true });
    expect(refused.content).toContain('is locked: it is not taking new members');
    expect(t.discordSnapshot()).toEqual(before);
    await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'unlock',
      options: { circle: 'Tuesday Balint' },
    });
    await joinAndAccept(t.world.users.bob, 'Tuesday Balint');
  });

  it('a full circle offers the waitlist, and the freed place goes to the first in line', async () => {
    const circle = await create('Small Group', { capacity: 2 });
    const { alice, bob, carol, dan } = t.world.users;
    await joinAndAccept(alice, 'Small Group');
    await joinAndAccept(bob, 'Small Group');

    const full = await t.run(carol, 'circle', { subcommand: 'join', options: { circle: 'Small Group' } });
    expect(full.content).toContain('is full (2 places)');
    const waiting = await t.click(carol, full.message, buttonId(full, 'Join the waitlist'));
    expect(waiting.content).toContain('number 1 on the waitlist');
    const second = await t.run(dan, 'circle', { subcommand: 'join', options: { circle: 'Small Group' } });
    expect((await t.click(dan, second.message, buttonId(second, 'Join the waitlist'))).content).toContain(
      'number 2',
    );

    const left = await t.run(bob, 'circle', { subcommand: 'leave', options: { circle: 'Small Group' } });
    expect(left.content).toContain('You left **Small Group**');
    expect(t.emu.canView(bob, circle.textChannelId)).toBe(false);
    const offer = await t.emu.waitFor(() => t.emu.dmMessages(carol).at(-1), 5000);
    expect(offer.content).toContain('A place opened in **Small Group**');
    expect(t.emu.dmMessages(dan)).toEqual([]);
    expect(t.emu.canView(carol, circle.textChannelId)).toBe(false);
    const accepted = await t.emu.as(carol).clickDmButton(offer, buttonId(offer, 'I accept')).reply();
    expect(accepted.content).toContain('Welcome to **Small Group**');
    expect(t.emu.canView(carol, circle.textChannelId)).toBe(true);
  });

  it('archive leaves the channels read-only for its members and takes the circle out of the lists', async () => {
    const circle = await create('Ending Group');
    await joinAndAccept(t.world.users.alice, 'Ending Group');
    const archived = await runConfirmed(
      t,
      t.world.users.moderator,
      'circle-admin',
      { subcommand: 'archive', options: { circle: 'Ending Group' } },
      'Archive',
    );
    expect(archived.content).toContain('is archived');
    const perms = t.emu.permissionsFor(t.world.guildId, t.world.users.alice, circle.textChannelId);
    expect(perms & P.ViewChannel).toBe(P.ViewChannel);
    expect(perms & P.SendMessages).toBe(0n);
    expect(
      t.emu.permissionsFor(t.world.guildId, t.world.users.alice, circle.voiceChannelId) & P.Connect,
    ).toBe(0n);
    expect(t.emu.canView(t.world.users.bob, circle.textChannelId)).toBe(false);
    const list = await t.run(t.world.users.bob, 'circle', { subcommand: 'list' });
    expect(list.content).not.toContain('Ending Group');
    const choices = await t.emu.as(t.world.users.moderator).autocomplete(t.world.guildId, 'circle-admin', {
      subcommand: 'lock',
      options: { circle: '' },
      focused: 'circle',
    });
    expect(choices).toEqual([]);
  });

  it('a moderator adds a member, who accepts the agreement from a direct message', async () => {
    const circle = await create('Locked Group');
    await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'lock',
      options: { circle: 'Locked Group' },
    });
    const { erin } = t.world.users;
    const added = await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'add',
      options: { circle: 'Locked Group', member: erin },
    });
    expect(added.content).toContain('sent to them by direct message');
    expect(t.emu.canView(erin, circle.textChannelId)).toBe(false);
    const dm = t.emu.dmMessages(erin).at(-1)!;
    expect(dm.content).toContain('A moderator added you to **Locked Group**');
    await t.emu.as(erin).clickDmButton(dm, buttonId(dm, 'I accept')).reply();
    expect(t.emu.canView(erin, circle.textChannelId)).toBe(true);

    const outsider = t.emu.createUser({ username: 'outsider' });
    const refused = await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'add',
      options: { circle: 'Locked Group', member: outsider },
    });
    expect(refused.content).toContain('is not a member of this server');
  });

  it('shows an agreement of the longest allowed length in full', async () => {
    await create('Long Words');
    const text = 'We hold what is said here in confidence. '.repeat(86).slice(0, 3500);
    const form = await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'settings',
      options: { circle: 'Long Words', agreement: true },
    });
    await t.emu.as(t.world.users.moderator).submitModal(t.world.guildId, form.modal!, { text }).reply();
    const join = await t.run(t.world.users.bob, 'circle', {
      subcommand: 'join',
      options: { circle: 'Long Words' },
    });
    expect((join.embeds[0] as { description: string }).description).toBe(text.trim());
    expect((await t.click(t.world.users.bob, join.message, buttonId(join, 'I accept'))).content).toContain(
      'Welcome',
    );
  });

  it('autocompletes circles scoped to what the caller may see', async () => {
    await create('Open Circle');
    await create('Locked Circle');
    await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'lock',
      options: { circle: 'Locked Circle' },
    });
    const suggest = (userId: string, command: string, subcommand: string, typed = '') =>
      t.emu.as(userId).autocomplete(t.world.guildId, command, {
        subcommand,
        options: { circle: typed },
        focused: 'circle',
      });
    expect(await suggest(t.world.users.alice, 'circle', 'info')).toEqual([
      { name: 'Open Circle', value: 'Open Circle' },
    ]);
    expect(await suggest(t.world.users.alice, 'circle', 'leave')).toEqual([]);
    expect(
      (await suggest(t.world.users.moderator, 'circle-admin', 'lock')).map(
        (c) => (c as { name: string }).name,
      ),
    ).toEqual(['Locked Circle', 'Open Circle']);
    expect(await suggest(t.world.users.moderator, 'circle-admin', 'lock', 'loc')).toEqual([
      { name: 'Locked Circle', value: 'Locked Circle' },
    ]);
  });

  it('a changed agreement is posted in the circle channel for members to acknowledge', async () => {
    const circle = await create('Peer Group');
    await joinAndAccept(t.world.users.alice, 'Peer Group');
    const form = await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'settings',
      options: { circle: 'Peer Group', agreement: true },
    });
    expect(form.modal?.title).toBe('Agreement of Peer Group');
    const saved = await t.emu
      .as(t.world.users.moderator)
      .submitModal(t.world.guildId, form.modal!, {
        text: 'What is shared here stays here, now and after the circle ends.',
      })
      .reply();
    expect(saved.content).toContain('agreement version 2');
    const notice = t.emu.messages(circle.textChannelId).at(-1)!;
    expect(notice.content).toContain('changed');
    expect(notice.embeds[0]).toMatchObject({ title: 'Peer Group: confidentiality agreement (version 2)' });
    const ack = await t.click(t.world.users.alice, notice, buttonId(notice, 'I acknowledge'));
    expect(ack).toMatchObject({ ephemeral: true });
    expect(ack.content).toContain('acknowledgement');
    expect(
      (await t.bot.store.agreements.acceptances(circle.id, t.world.users.alice)).map((a) => a.version),
    ).toEqual([1, 2]);
  });
});
