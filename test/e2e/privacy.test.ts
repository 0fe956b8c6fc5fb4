import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pseudonymOf } from '../../src/services/privacy/index.js';
import { allRowsText } from '../db/migrations/raw-sql.js';
import { databases, type TestDatabase } from '../support/databases.js';
import { buttonId, startE2E, type E2E } from '../support/e2e.js';

describe.each(databases)('privacy rights end to end on $name', (database) => {
  let db: TestDatabase;
  let t: E2E;

  beforeEach(async () => {
    db = await database.create();
    t = await startE2E(db);
    const { moderator, alice, bob } = t.world.users;
    await t.run(moderator, 'setup', {
      options: { 'mod-log': t.world.modLogId, 'moderator-role': t.world.moderatorRoleId },
    });
    await t.run(moderator, 'circle-admin', {
      subcommand: 'create',
      options: { name: 'Peers', kind: 'study' },
    });
    for (const userId of [alice, bob]) {
      const join = await t.run(userId, 'circle', { subcommand: 'join', options: { circle: 'Peers' } });
      await t.click(userId, join.message, buttonId(join, 'I accept'));
    }
    await t.run(moderator, 'circle-admin', {
      subcommand: 'settings',
      options: { circle: 'Peers', leader: bob },
    });
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  it('exports, forgets after a confirmation, and exports again: nothing is left but a pseudonym', async () => {
    const { bob, carol } = t.world.users;
    const circle = (await t.bot.store.circles.findByName(t.world.guildId, 'Peers'))!;

    const exported = await t.run(bob, 'privacy', { subcommand: 'export' });
    expect(exported.ephemeral).toBe(true);
    expect(exported.attachments.map((a) => a.filename)).toEqual([
      expect.stringMatching(/^privacy-export-\d{4}-\d{2}-\d{2}\.json$/),
      expect.stringMatching(/^privacy-summary-\d{4}-\d{2}-\d{2}\.txt$/),
    ]);
    const json = JSON.parse(exported.attachments[0]!.data.toString('utf8')) as {
      user: string;
      records: Record<string, { circle?: { name: string }; status?: string }[]>;
    };
    expect(json.user).toBe(bob);
    expect(json.records['Membership']).toEqual([
      expect.objectContaining({ status: 'active', circle: { name: 'Peers' } }),
    ]);
    expect(json.records['AgreementAcceptance']).toHaveLength(1);
    expect(json.records['Circle']).toEqual([expect.objectContaining({ name: 'Peers', leaderId: bob })]);
    const summary = exported.attachments[1]!.data.toString('utf8');
    expect(summary).toContain('- 1 membership (current or past)');
    expect(summary).toContain('- 1 circle led');

    const confirm = await t.run(bob, 'privacy', { subcommand: 'forget' });
    expect(confirm.ephemeral).toBe(true);
    expect(confirm.content).toContain('You leave **Peers**');
    expect(confirm.content).toContain('You lead **Peers**: moderators are told to choose a new leader.');
    expect(confirm.content).toContain('Your attendance for continuing-education credit goes too');
    // Nothing changes before the button is pressed.
    expect(t.emu.canView(bob, circle.textChannelId)).toBe(true);

    const done = await t.click(bob, confirm.message, buttonId(confirm, 'Forget me'));
    expect(done.content).toBe('Done: you are forgotten on this server, and left **Peers**.');
    expect(t.emu.canView(bob, circle.textChannelId)).toBe(false);
    expect(t.emu.canView(bob, circle.voiceChannelId)).toBe(false);
    const notice = await t.emu.waitFor(
      () => t.emu.messages(t.world.modLogId).find((m) => m.content.includes('no designated leader')),
      5000,
    );
    expect(notice.content).not.toContain(bob);

    const again = await t.run(bob, 'privacy', { subcommand: 'export' });
    expect(again.content).toBe('Nothing is stored about you on this server.');
    expect(again.attachments).toEqual([]);
    const rows = await allRowsText(db);
    expect(rows).not.toContain(bob);
    expect(rows).toContain(pseudonymOf(t.world.guildId, bob));
    const second = await t.run(bob, 'privacy', { subcommand: 'forget' });
    expect(second.content).toBe('Nothing is stored about you on this server. There is nothing to forget.');
    expect(second.components).toEqual([]);

    const stranger = await t.run(carol, 'privacy', { subcommand: 'export' });
    expect(stranger.content).toBe('Nothing is stored about you on this server.');
  });

  it('/setup shows the retention policy and sets it', async () => {
    const { moderator } = t.world.users;
    const shown = await t.run(moderator, 'setup', {});
    expect(shown.content).toContain(
      'Kept: attendance and certificates 4 years; audit events 4 years; memberships that ended, with their acceptances, 1 year.',
    );
    const set = await t.run(moderator, 'setup', {
      options: { 'keep-attendance': 6, 'keep-ended-memberships': 0 },
    });
    expect(set.content).toContain(
      'Kept: attendance and certificates 6 years; audit events 4 years; memberships that ended, with their acceptances, until the next daily purge.',
    );
  });
});
