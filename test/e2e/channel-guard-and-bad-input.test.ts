import { OverwriteType, PermissionFlagsBits as P } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandInvocation } from '../../emulator/index.js';
import { databases, type TestDatabase } from '../support/databases.js';
import { buttonId, startE2E, type E2E } from '../support/e2e.js';

describe.each(databases)('channel guard and bad input end to end on $name', (database) => {
  let db: TestDatabase;
  let t: E2E;
  beforeEach(async () => {
    db = await database.create();
    t = await startE2E(db);
    await t.run(t.world.users.moderator, 'setup', {
      options: { 'mod-log': t.world.modLogId, 'moderator-role': t.world.moderatorRoleId },
    });
    await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'create',
      options: { name: 'Tuesday Balint', kind: 'balint', capacity: 3 },
    });
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

  const circle = async () => (await t.bot.store.circles.findByName(t.world.guildId, 'Tuesday Balint'))!;

  /** Database rows and emulator state that bad input must leave as they were. */
  const snapshot = async () => {
    const c = await circle();
    return {
      discord: t.discordSnapshot(),
      circles: await t.bot.store.circles.list(t.world.guildId, { states: ['open', 'locked', 'archived'] }),
      memberships: await t.bot.store.memberships.listByCircle(c.id, [
        'waitlisted',
        'pending',
        'active',
        'left',
      ]),
      audit: await t.bot.store.audit.list({ guildId: t.world.guildId }),
      settings: await t.bot.store.guilds.get(t.world.guildId),
      agreements: [await t.bot.store.agreements.get(c.id, 1), await t.bot.store.agreements.get(c.id, 2)],
      acceptances: await t.bot.store.agreements.acceptances(c.id, t.world.users.alice),
    };
  };

  it('restores overwrites edited to let an outsider in, audits it and tells the mod-log', async () => {
    const c = await circle();
    const { dan } = t.world.users;
    t.emu.putOverwrite(c.textChannelId, {
      id: dan,
      type: OverwriteType.Member,
      allow: P.ViewChannel.toString(),
      deny: '0',
    });
    await t.emu.waitFor(() => !t.emu.canView(dan, c.textChannelId), 5000);
    // The overwrites are restored first, then the audit event is written: wait for it.
    await vi.waitFor(async () => {
      const events = await t.bot.store.audit.list({ guildId: t.world.guildId, circleId: c.id });
      expect(events[0]).toMatchObject({
        action: 'channel.overwrites-restored',
        detail: { unexpectedViewers: [dan] },
      });
    });
    const notice = await t.emu.waitFor(() => t.emu.messages(t.world.modLogId).at(-1), 5000);
    expect(notice.content).toContain('Restored the permissions');
    expect(t.emu.canView(t.world.users.alice, c.textChannelId)).toBe(true);

    const role = t.emu.createRole(t.world.guildId, { name: 'Visitors' });
    t.emu.setMemberRoles(t.world.guildId, t.world.users.erin, [role]);
    t.emu.putOverwrite(c.voiceChannelId, {
      id: role,
      type: OverwriteType.Role,
      allow: P.ViewChannel.toString(),
      deny: '0',
    });
    await t.emu.waitFor(() => !t.emu.canView(t.world.users.erin, c.voiceChannelId), 5000);
    t.emu.putOverwrite(c.textChannelId, {
      id: t.world.guildId,
      type: OverwriteType.Role,
      allow: '0',
      deny: '0',
    });
    await t.emu.waitFor(() => !t.emu.canView(t.world.users.bob, c.textChannelId), 5000);
    expect(t.emu.viewersOf(c.textChannelId).sort()).toEqual(
      [t.emu.botUserId, t.world.ownerId, t.world.users.alice].sort(),
    );
  });

  it.each([
    [
      'an unknown circle',
      'alice',
      'circle',
      { subcommand: 'info', options: { circle: 'Nowhere' } },
      'no circle named “Nowhere”',
    ],
    [
      'a name with symbols',
      'moderator',
      'circle-admin',
      { subcommand: 'create', options: { name: 'Peers <3', kind: 'study' } },
      'A circle name may use letters',
    ],
    [
      'a duplicate name',
      'moderator',
      'circle-admin',
      { subcommand: 'create', options: { name: 'TUESDAY balint', kind: 'study' } },
      'already exists',
    ],
    [
      'a join by someone already in',
      'alice',
      'circle',
      { subcommand: 'join', options: { circle: 'Tuesday Balint' } },
      'already a member',
    ],
    [
      'a leave by a non-member',
      'bob',
      'circle',
      { subcommand: 'leave', options: { circle: 'Tuesday Balint' } },
      'You are not in a circle',
    ],
    [
      'removing a non-member',
      'moderator',
      'circle-admin',
      { subcommand: 'remove', options: { circle: 'Tuesday Balint', member: 'bob' } },
      'is not in',
    ],
  ] as const)('answers %s clearly and changes nothing', async (_label, who, command, spec, message) => {
    const before = await snapshot();
    const options: Record<string, string | number | boolean> = { ...spec.options };
    if (options['member'] === 'bob') options['member'] = t.world.users.bob;
    const reply = await t.run(t.world.users[who], command, { subcommand: spec.subcommand, options });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain(message);
    expect(reply.content).not.toContain('Reference');
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['a 51-character name', { subcommand: 'create', options: { name: 'n'.repeat(51), kind: 'study' } }],
    ['capacity 1', { subcommand: 'create', options: { name: 'One', kind: 'study', capacity: 1 } }],
    ['capacity 31', { subcommand: 'create', options: { name: 'Many', kind: 'study', capacity: 31 } }],
    [
      'capacity 1 in settings',
      { subcommand: 'settings', options: { circle: 'Tuesday Balint', capacity: 1 } },
    ],
  ] as const)('has Discord refuse %s before the bot sees it, changing nothing', async (_label, spec) => {
    // The limits are declared with the command; the services check them again for other clients.
    const before = await snapshot();
    const sent = async () =>
      t.run(t.world.users.moderator, 'circle-admin', {
        subcommand: spec.subcommand,
        options: { ...spec.options },
      });
    await expect(sent()).rejects.toThrow(/max_length|min_value|max_value/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a mod-log channel the bot cannot post in, changing nothing', async () => {
    const before = await snapshot();
    const reply = await t.run(t.world.users.moderator, 'setup', {
      options: { 'mod-log': t.world.staffOnlyId },
    });
    expect(reply).toMatchObject({ ephemeral: true });
    expect(reply.content).toContain('The bot cannot post in');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses /circle-admin to a non-moderator even when the server lets everyone use the command', async () => {
    t.emu.setCommandPermissions(t.world.guildId, 'circle-admin', [
      { id: t.world.guildId, type: 1, permission: true },
    ]);
    const before = await snapshot();
    const specs: CommandInvocation[] = [
      { subcommand: 'create', options: { name: 'Mine', kind: 'study' } },
      { subcommand: 'remove', options: { circle: 'Tuesday Balint', member: t.world.users.alice } },
      { subcommand: 'lock', options: { circle: 'Tuesday Balint' } },
    ];
    for (const spec of specs) {
      const reply = await t.run(t.world.users.bob, 'circle-admin', spec);
      expect(reply).toMatchObject({ ephemeral: true });
      expect(reply.content).toContain('Only moderators');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('answers an unexpected failure with a reference id that matches a log line, leaving nothing behind', async () => {
    const before = await snapshot();
    // The text channel is created; the voice channel then fails on every retry, so it must be cleaned up.
    t.emu.once('channelCreate', () => {
      t.emu.injectFailures({ method: 'POST', path: /\/guilds\/\d+\/channels$/, status: 500, times: 4 });
    });
    const reply = await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'create',
      options: { name: 'Doomed', kind: 'study' },
    });
    const reference = /Reference: ([0-9A-F]{8})/.exec(reply.content)?.[1];
    expect(reference).toBeDefined();
    expect(t.logs.lines.some((line) => line.includes(reference!) && line.includes('"level":50'))).toBe(true);
    expect(t.emu.auditLog.filter((e) => e.reason === 'Circle creation failed')).toHaveLength(1);
    expect(await snapshot()).toEqual(before);
  });

  it('a leave Discord does not confirm is reported, and the next channel check closes the channels', async () => {
    const c = await circle();
    const { alice } = t.world.users;
    t.emu.injectFailures({ method: 'DELETE', path: /\/permissions\//, status: 500, times: 4 });
    const reply = await t.run(alice, 'circle', {
      subcommand: 'leave',
      options: { circle: 'Tuesday Balint' },
    });
    expect(reply.content).toContain('Discord did not confirm closing its channels');
    expect(t.emu.canView(alice, c.textChannelId)).toBe(true);
    const notice = await t.emu.waitFor(() => t.emu.messages(t.world.modLogId).at(-1), 5000);
    expect(notice.content).toContain('did not confirm removing');
    await t.bot.sweep();
    expect(t.emu.canView(alice, c.textChannelId)).toBe(false);
    expect(t.emu.canView(alice, c.voiceChannelId)).toBe(false);
  });

  it('repairs at start-up what was changed while the bot was offline', async () => {
    const c = await circle();
    await t.bot.stop();
    t.emu.putOverwrite(c.textChannelId, {
      id: t.world.users.dan,
      type: OverwriteType.Member,
      allow: P.ViewChannel.toString(),
      deny: '0',
    });
    expect(t.emu.canView(t.world.users.dan, c.textChannelId)).toBe(true);
    await t.restartBot();
    await t.emu.waitFor(() => !t.emu.canView(t.world.users.dan, c.textChannelId), 5000);
    expect(t.emu.canView(t.world.users.alice, c.textChannelId)).toBe(true);
  });

  it('registers the commands again when their definitions changed', async () => {
    await t.bot.store.keyValues.set(`commands:${t.emu.applicationId}:global`, 'an older definition');
    await t.restartBot();
    expect(t.emu.commandPutCount).toBe(2);
  });

  it('leaves the commands a newer release registered, even when its own differ', async () => {
    const key = `commands:${t.emu.applicationId}:global`;
    const newer = JSON.stringify({ hash: 'definitions of a newer release', version: '999.0.0' });
    await t.bot.store.keyValues.set(key, newer);
    const bot = await t.restartBot();
    expect(bot.commandSync).toBe('newer-registered');
    expect(t.emu.commandPutCount).toBe(1);
    expect(await bot.store.keyValues.get(key)).toBe(newer);
  });

  it('registers the commands once and not again on restart when they did not change', async () => {
    expect(t.emu.commandPutCount).toBe(1);
    expect(
      t.emu
        .commands()
        .map((c) => c.name)
        .sort(),
    ).toEqual([
      'attendance',
      'case',
      'circle',
      'circle-admin',
      'facilitator',
      'help',
      'meeting',
      'privacy',
      'setup',
    ]);
    await t.restartBot();
    expect(t.emu.commandPutCount).toBe(1);
    const help = await t.run(t.world.users.bob, 'help');
    expect(help.content).toContain('Circlekeeper');
  });

  it('never logs the agreement text or other typed text', async () => {
    // A marker no id or timestamp can contain by chance.
    const secret = 'Confidential wording only the moderators typed, marker-zqxv.';
    const form = await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'settings',
      options: { circle: 'Tuesday Balint', agreement: true },
    });
    await t.emu
      .as(t.world.users.moderator)
      .submitModal(t.world.guildId, form.modal!, { text: secret })
      .reply();
    expect(t.logs.lines.length).toBeGreaterThan(0);
    expect(t.logs.lines.join('\n')).not.toContain('marker-zqxv');
    expect(t.logs.lines.join('\n')).not.toContain('Confidential wording');
  });
});
