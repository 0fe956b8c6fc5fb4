import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databases, type TestDatabase } from '../support/databases.js';
import { buttonId, firstMeetingTomorrow, startE2E, weeklyAt, type E2E } from '../support/e2e.js';

/** Waits until `probe` holds, for at most ~5 s of polling (the bot reacts to gateway events). */
async function eventually(probe: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !probe(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(probe()).toBe(true);
}

describe.each(databases)('guided set-up on $name', (database) => {
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

  it('on joining a server it tells the system channel how to start, once per join', async () => {
    const { emu } = t;
    const ownerId = emu.createUser({ username: 'clinic-owner' });
    const guild = emu.createGuild({ name: 'Harbour Practice', ownerId, withBot: false });
    const lobby = emu.createChannel(guild.id, { name: 'lobby', type: 0 });
    emu.setSystemChannel(guild.id, lobby);
    emu.addMember(guild.id, emu.botUserId);

    await eventually(() => emu.messages(lobby).length === 1);
    const [welcome] = emu.messages(lobby);
    for (const step of ['/setup', '/circle-admin create', '/circle-admin schedule', '/help'])
      expect(welcome!.content).toContain(`\`${step}\``);
    expect(welcome!.content.indexOf('/setup')).toBeLessThan(welcome!.content.indexOf('/circle-admin create'));
    expect(emu.notified(welcome!.id)).toEqual({ users: [], roles: [], everyone: false });
    expect(emu.dmMessages(ownerId)).toHaveLength(0);

    // Kicked and invited again within the hour: the same join, not welcomed twice.
    emu.removeMember(guild.id, emu.botUserId);
    emu.addMember(guild.id, emu.botUserId);
    await eventually(() => t.logs.lines.filter((l) => l.includes('joined a server')).length === 2);
    expect(emu.messages(lobby)).toHaveLength(1);
  });

  it('tells the owner by direct message when the bot may not post in the system channel, or there is none', async () => {
    const { emu } = t;
    const ownerId = emu.createUser({ username: 'solo-owner' });
    const guild = emu.createGuild({ name: 'Quiet Rooms', ownerId, withBot: false });
    emu.createChannel(guild.id, { name: 'general', type: 0 });
    emu.addMember(guild.id, emu.botUserId);
    await eventually(() => emu.dmMessages(ownerId).length === 1);
    expect(emu.dmMessages(ownerId)[0]!.content).toContain('`/setup`');

    const otherOwner = emu.createUser({ username: 'closed-owner' });
    const closed = emu.createGuild({ name: 'Closed Lobby', ownerId: otherOwner, withBot: false });
    const lobby = emu.createChannel(closed.id, {
      name: 'lobby',
      type: 0,
      overwrites: [{ id: closed.botRoleId, type: 0, allow: '0', deny: (1n << 11n).toString() }],
    });
    emu.setSystemChannel(closed.id, lobby);
    emu.addMember(closed.id, emu.botUserId);
    await eventually(() => emu.dmMessages(otherOwner).length === 1);
    expect(emu.messages(lobby)).toHaveLength(0);
  });

  it('/setup ends with a checklist and the next step; each moderator answer says what comes next', async () => {
    const { moderator, alice } = t.world.users;
    const setup = () => t.run(moderator, 'setup');
    const fresh = await setup();
    expect(fresh.ephemeral).toBe(true);
    expect(fresh.content).toContain('⚠️ Mod-log channel: none');
    expect(fresh.content).toContain('⚠️ No circle yet');
    expect(fresh.content).toContain('✅ The bot has every permission it needs.');
    expect(fresh.content).toMatch(/\*\*Next:\*\* choose a private channel for the mod-log/);

    const withLog = await t.run(moderator, 'setup', { options: { 'mod-log': t.world.modLogId } });
    expect(withLog.content).toContain(`✅ Mod-log channel: <#${t.world.modLogId}>`);
    expect(withLog.content).toContain('**Next:** create the first circle with `/circle-admin create');

    const created = await t.run(moderator, 'circle-admin', {
      subcommand: 'create',
      options: { name: 'Peers', kind: 'peer-consultation' },
    });
    expect(created.content).toContain('**Next:** set when it meets with `/circle-admin schedule Peers');
    const unscheduled = await setup();
    expect(unscheduled.content).toContain('⚠️ **Peers**: no schedule, so no meetings and no reminders');
    expect(unscheduled.content).toContain('⚠️ **Peers**: no members yet');
    expect(unscheduled.content).toContain('**Next:** for **Peers**, set when it meets');

    const scheduled = await t.run(moderator, 'circle-admin', {
      subcommand: 'schedule',
      options: { circle: 'Peers', ...weeklyAt(firstMeetingTomorrow()) },
    });
    expect(scheduled.content).toContain('**Next:** add members with `/circle-admin add Peers member`');

    const added = await t.run(moderator, 'circle-admin', {
      subcommand: 'add',
      options: { circle: 'Peers', member: alice },
    });
    // Alice has not accepted yet: the circle still has no active member.
    expect(added.content).toContain('**Next:** add members with');
    const offer = t.emu.dmMessages(alice).at(-1)!;
    await t.emu.as(alice).clickDmButton(offer, buttonId(offer, 'I accept')).reply();
    const noPool = await setup();
    expect(noPool.content).toContain('⚠️ **Peers**: nobody in its facilitator pool');
    await t.run(alice, 'facilitator', { subcommand: 'pool', options: { circle: 'Peers', action: 'join' } });

    const ready = await setup();
    expect(ready.content).toContain(
      '✅ 1 circle, each with a schedule, a leader or facilitators, and members',
    );
    expect(ready.content).toContain('**Next:** nothing is missing.');
    const lines = ready.content.split('\n');
    expect(lines.at(-1)).toMatch(/^\*\*Next:\*\*/);
  });
});
