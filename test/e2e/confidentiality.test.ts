import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  OverwriteType,
  PermissionFlagsBits as P,
  type TextChannel,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_ALLOW } from '../../src/platform/overwrites.js';
import { databases, type TestDatabase } from '../support/databases.js';
import {
  buttonId,
  firstMeetingTomorrow,
  runConfirmed,
  startE2E,
  weeklyAt,
  type E2E,
} from '../support/e2e.js';
import { FakeClock } from '../support/fake-chat-platform.js';

describe.each(databases)('confidentiality end to end on $name', (database) => {
  let db: TestDatabase;
  let t: E2E;
  let clock: FakeClock;
  const first = firstMeetingTomorrow();

  beforeEach(async () => {
    db = await database.create();
    clock = new FakeClock(new Date());
    t = await startE2E(db, { clock });
    await t.run(t.world.users.moderator, 'setup', {
      options: { 'mod-log': t.world.modLogId, 'moderator-role': t.world.moderatorRoleId },
    });
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  const join = async (userId: string, name: string) => {
    const reply = await t.run(userId, 'circle', { subcommand: 'join', options: { circle: name } });
    await t.click(userId, reply.message, buttonId(reply, 'I accept'));
  };
  const createCircle = async (name: string, members: string[], kind = 'peer-consultation') => {
    await t.run(t.world.users.moderator, 'circle-admin', { subcommand: 'create', options: { name, kind } });
    for (const userId of members) await join(userId, name);
    return (await t.bot.store.circles.findByName(t.world.guildId, name))!;
  };

  it('/case next names only the presenter in the channel; the text goes to them and the facilitator', async () => {
    const { moderator, alice, bob, carol } = t.world.users;
    const circle = await createCircle('Peer Group', [alice, bob, carol]);
    await t.run(moderator, 'circle-admin', {
      subcommand: 'settings',
      options: { circle: 'Peer Group', leader: alice },
    });
    await t.run(moderator, 'circle-admin', {
      subcommand: 'schedule',
      options: { circle: 'Peer Group', ...weeklyAt(first) },
    });
    const form = await t.run(bob, 'case', { subcommand: 'submit', options: { circle: 'Peer Group' } });
    const placeholders = JSON.stringify(form.modal);
    expect(placeholders).toContain('No names, places, dates or unique details');
    expect(placeholders).toContain('Leave out names, places, dates and anything unique to the person.');
    const saved = await t.emu
      .as(bob)
      .submitModal(t.world.guildId, form.modal!, {
        label: 'Grief after a patient’s suicide',
        question: 'How do I hold this?',
      })
      .reply();
    expect(saved.ephemeral).toBe(true);
    expect(saved.content).toContain('Label: Grief after a patient’s suicide');
    expect(saved.content).toContain('Question for the group: How do I hold this?');
    buttonId(saved, 'Withdraw');

    clock.set(new Date(first.getTime() + 5_000));
    await t.bot.tick();
    const next = await t.run(alice, 'case', { subcommand: 'next', options: { circle: 'Peer Group' } });
    expect(next.ephemeral).toBe(true);
    expect(next.content).toContain('Label: Grief after a patient’s suicide');
    expect(next.content).toContain('Question for the group: How do I hold this?');
    const history = t.emu.messages(circle.textChannelId);
    expect(JSON.stringify(history)).not.toContain('Grief');
    expect(JSON.stringify(history)).not.toContain('hold this');
    const announcement = history.at(-1)!;
    expect(announcement.content).toBe(`🗣️ Next case: <@${bob}>`);

    const shown = await t.click(bob, announcement, buttonId(announcement, 'Show the case'));
    expect(shown.ephemeral).toBe(true);
    expect(shown.content).toContain('Label: Grief after a patient’s suicide');
    const refused = await t.click(carol, announcement, buttonId(announcement, 'Show the case'));
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toContain('Only the presenter and the facilitator');
    expect(refused.content).not.toContain('Grief');
  });

  it('the Withdraw button of a confirmation takes the case out and deletes its text', async () => {
    const { bob } = t.world.users;
    const circle = await createCircle('Peer Group', [bob]);
    const form = await t.run(bob, 'case', { subcommand: 'submit', options: { circle: 'Peer Group' } });
    const saved = await t.emu
      .as(bob)
      .submitModal(t.world.guildId, form.modal!, { label: 'Team conflict on ward 7', question: '' })
      .reply();
    const withdrawn = await t.click(bob, saved.message, buttonId(saved, 'Withdraw'));
    expect(withdrawn.content).toContain('its text is deleted');
    const rows = await t.bot.store.cases.listByCircle(circle.id, ['open', 'withdrawn']);
    expect(rows.map((r) => [r.status, r.label, r.question])).toEqual([['withdrawn', null, null]]);
  });

  it('archiving withdraws open requests and deletes their text at once', async () => {
    const { moderator, bob } = t.world.users;
    const circle = await createCircle('Peer Group', [bob]);
    const form = await t.run(bob, 'case', { subcommand: 'submit', options: { circle: 'Peer Group' } });
    await t.emu
      .as(bob)
      .submitModal(t.world.guildId, form.modal!, {
        label: 'Burnout after a complaint',
        question: 'What now?',
      })
      .reply();
    await runConfirmed(
      t,
      moderator,
      'circle-admin',
      { subcommand: 'archive', options: { circle: 'Peer Group' } },
      'Archive',
    );
    const rows = await t.bot.store.cases.listByCircle(circle.id, ['open', 'presenting', 'withdrawn']);
    expect(rows.map((r) => [r.status, r.label, r.question])).toEqual([['withdrawn', null, null]]);
  });

  it('in an archived circle moderators remove members, members leave, and the overwrite stays removed', async () => {
    const { moderator, alice, bob } = t.world.users;
    const circle = await createCircle('Old Group', [alice, bob]);
    await runConfirmed(
      t,
      moderator,
      'circle-admin',
      { subcommand: 'archive', options: { circle: 'Old Group' } },
      'Archive',
    );
    expect(t.emu.canView(bob, circle.textChannelId)).toBe(true); // read-only history

    const suggest = (userId: string, command: string, subcommand: string) =>
      t.emu.as(userId).autocomplete(t.world.guildId, command, {
        subcommand,
        options: { circle: 'Old' },
        focused: 'circle',
      });
    expect(await suggest(moderator, 'circle-admin', 'remove')).toEqual([
      { name: 'Old Group', value: 'Old Group' },
    ]);
    expect(await suggest(moderator, 'circle-admin', 'repair')).toEqual([
      { name: 'Old Group', value: 'Old Group' },
    ]);
    expect(await suggest(moderator, 'circle-admin', 'lock')).toEqual([]);
    expect(await suggest(alice, 'circle', 'leave')).toEqual([{ name: 'Old Group', value: 'Old Group' }]);
    const removed = await runConfirmed(
      t,
      moderator,
      'circle-admin',
      { subcommand: 'remove', options: { circle: 'Old Group', member: bob } },
      'Remove',
    );
    expect(removed.ephemeral).toBe(true);
    expect(t.emu.canView(bob, circle.textChannelId)).toBe(false);
    const left = await t.run(alice, 'circle', { subcommand: 'leave', options: { circle: 'Old Group' } });
    expect(left.ephemeral).toBe(true);
    expect(t.emu.canView(alice, circle.textChannelId)).toBe(false);
    expect(t.emu.canView(alice, circle.voiceChannelId)).toBe(false);

    // Someone puts Bob's overwrite back by hand: the guard takes it away again.
    t.emu.putOverwrite(circle.textChannelId, {
      id: bob,
      type: OverwriteType.Member,
      allow: P.ViewChannel.toString(),
      deny: '0',
    });
    await t.emu.waitFor(() => !t.emu.canView(bob, circle.textChannelId), 5000);
    await t.bot.sweep();
    expect(t.emu.canView(bob, circle.textChannelId)).toBe(false);
  });

  it('restores the bot’s own overwrite quietly when it only lacks bits (as after an update)', async () => {
    const circle = await createCircle('Peer Group', [t.world.users.bob]);
    const before = t.emu.messages(t.world.modLogId).length;
    const older = BOT_ALLOW.text & ~(P.AttachFiles | P.AddReactions);
    t.emu.putOverwrite(circle.textChannelId, {
      id: t.emu.botUserId,
      type: OverwriteType.Member,
      allow: older.toString(),
      deny: '0',
    });
    await t.emu.waitFor(() => {
      const own = t.emu
        .channel(circle.textChannelId)
        ?.permission_overwrites?.find((o) => o.id === t.emu.botUserId);
      return own && BigInt(own.allow) === BOT_ALLOW.text ? own : undefined;
    }, 5000);
    await t.bot.sweep();
    const events = await t.bot.store.audit.list({ guildId: t.world.guildId, circleId: circle.id });
    expect(events.some((e) => e.action === 'channel.overwrites-restored')).toBe(true);
    expect(t.emu.messages(t.world.modLogId).length).toBe(before);
  });

  it('/setup refuses a mod-log that everyone can view, and changes nothing', async () => {
    const before = await t.bot.store.guilds.get(t.world.guildId);
    const refused = await t.run(t.world.users.moderator, 'setup', {
      options: { 'mod-log': t.world.generalId },
    });
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toContain('can be read by people who are not moderators');
    expect(await t.bot.store.guilds.get(t.world.guildId)).toEqual(before);
  });

  it('/setup refuses a mod-log that a members’ role can view, though @everyone cannot', async () => {
    const members = t.emu.createRole(t.world.guildId, { name: 'Members', permissions: 0n });
    t.emu.setMemberRoles(t.world.guildId, t.world.users.bob, [members]);
    t.emu.putOverwrite(t.world.modLogId, {
      id: members,
      type: OverwriteType.Role,
      allow: P.ViewChannel.toString(),
      deny: '0',
    });
    const refused = await t.run(t.world.users.moderator, 'setup', {
      options: { 'mod-log': t.world.modLogId },
    });
    expect(refused.content).toContain('can be read by people who are not moderators');
  });

  it('a mod-log opened to everyone after /setup gets lines that name no member, with a warning', async () => {
    const { moderator, bob } = t.world.users;
    const circle = await createCircle('Peer Group', [bob]);
    t.emu.deleteOverwrite(t.world.modLogId, t.world.guildId); // someone makes the mod-log public
    t.emu.injectFailures({
      method: 'DELETE',
      path: new RegExp(`/channels/${circle.textChannelId}/permissions/${bob}$`),
      status: 500,
      times: 10,
    });
    const removed = await runConfirmed(
      t,
      moderator,
      'circle-admin',
      { subcommand: 'remove', options: { circle: 'Peer Group', member: bob } },
      'Remove',
    );
    expect(removed.ephemeral).toBe(true);
    const notice = await t.emu.waitFor(
      () => t.emu.messages(t.world.modLogId).find((m) => m.content.includes('did not confirm')),
      5000,
    );
    expect(notice.content).toContain('**Peer Group**');
    expect(notice.content).not.toContain(bob);
    expect(notice.content).toContain('People who are not moderators can read this mod-log channel');
  });

  it('a button naming a circle of another server is refused and changes nothing', async () => {
    const { moderator, erin } = t.world.users;
    const circle = await createCircle('Peer Group', []);
    await t.run(moderator, 'circle-admin', { subcommand: 'lock', options: { circle: 'Peer Group' } });
    const other = t.emu.createGuild({ name: 'Other Clinic' });
    t.emu.addMember(other.id, erin);
    const otherChannel = t.emu.createChannel(other.id, { name: 'lobby', type: 0 });
    await t.emu.waitFor(() => t.bot.client.channels.cache.get(otherChannel), 5000);
    // A message in the other server carries buttons whose ids name this server's circle.
    const channel = t.bot.client.channels.cache.get(otherChannel) as TextChannel;
    const forged = await channel.send({
      content: 'Join us',
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder()
            .setCustomId(`waitlist:${circle.id}`)
            .setLabel('Wait')
            .setStyle(ButtonStyle.Primary),
          new ButtonBuilder()
            .setCustomId(`agree:${circle.id}:1`)
            .setLabel('Agree')
            .setStyle(ButtonStyle.Primary),
        ),
      ],
    });
    const message = { id: forged.id };
    const wait = await t.emu.as(erin).clickButton(other.id, message, `waitlist:${circle.id}`).reply();
    expect(wait.content).toContain('That button is not valid any more.');
    const agree = await t.emu.as(erin).clickButton(other.id, message, `agree:${circle.id}:1`).reply();
    expect(agree.content).toContain('That button is not valid any more.');
    expect(
      await t.bot.store.memberships.listByCircle(circle.id, ['waitlisted', 'pending', 'active', 'left']),
    ).toEqual([]);
    expect(t.emu.canView(erin, circle.textChannelId)).toBe(false);
  });

  it('names that differ only by look-alike characters are one circle', async () => {
    const { moderator } = t.world.users;
    await createCircle('Tuesday Group', []);
    for (const lookalike of ['Tuеsday Group', 'Ｔｕｅｓｄａｙ Group', 'TUESDAY GR0UP']) {
      const refused = await t.run(moderator, 'circle-admin', {
        subcommand: 'create',
        options: { name: lookalike, kind: 'study' },
      });
      expect(refused.ephemeral).toBe(true);
      expect(refused.content).toContain('already exists');
    }
    const circles = await t.bot.store.circles.list(t.world.guildId, {
      states: ['open', 'locked', 'archived'],
    });
    expect(circles.map((c) => c.name)).toEqual(['Tuesday Group']);
    const found = await t.run(moderator, 'circle', {
      subcommand: 'info',
      options: { circle: 'Tuеsday group' },
    });
    expect(found.content).toContain('Tuesday Group');
  });
});
