import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/services/kernel/errors.js';
import type { Circle } from '../../../src/services/circles/model.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import {
  ALICE,
  BOB,
  CAROL,
  createServiceHarness,
  GUILD,
  type ServiceHarness,
} from '../../support/service-harness.js';

describe.each(databases)('directory, setup and channel guard on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  let locked: Circle;
  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
    await h.services.circles.create(h.moderator, { name: 'Open Peers', kind: 'peer-consultation' });
    locked = await h.services.circles.create(h.moderator, { name: 'Closed Balint', kind: 'balint' });
    await h.services.roster.add(h.moderator, 'Closed Balint', { userId: ALICE, isBot: false });
    await h.services.membership.accept(ALICE, locked.id, 1);
    await h.services.circles.lock(h.moderator, 'Closed Balint');
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  it('lists open circles and the caller’s own', async () => {
    const forAlice = await h.services.directory.list(h.member(ALICE));
    expect(forAlice.open.map((s) => s.circle.name)).toEqual(['Open Peers']);
    expect(forAlice.mine.map((m) => [m.circle.name, m.status])).toEqual([['Closed Balint', 'active']]);
    expect((await h.services.directory.list(h.member(BOB))).mine).toEqual([]);
  });

  it('hides a locked circle from outsiders, shows its roster to members and moderators', async () => {
    await expect(h.services.directory.info(h.member(BOB), 'Closed Balint')).rejects.toThrow(
      '**Closed Balint** is locked: it is not taking new members.',
    );
    await expect(h.services.directory.info(h.member(ALICE), 'closed balint')).resolves.toMatchObject({
      status: 'active',
      roster: [ALICE],
    });
    await expect(h.services.directory.info(h.moderator, 'Closed Balint')).resolves.toMatchObject({
      status: null,
      roster: [ALICE],
    });
    await expect(h.services.directory.info(h.member(BOB), 'Open Peers')).resolves.toMatchObject({
      roster: null,
      seatsTaken: 0,
    });
  });

  it('tells outsiders nothing of an archived circle', async () => {
    await h.services.circles.archive(h.moderator, 'Open Peers');
    await expect(h.services.directory.info(h.member(BOB), 'Open Peers')).rejects.toThrow(NotFoundError);
    await expect(h.services.directory.info(h.moderator, 'Open Peers')).rejects.toThrow(NotFoundError);
  });

  it('records and reports a circle channel deleted outside the bot', async () => {
    await h.services.server.setup(h.moderator, { modLogChannelId: '800000000000000001' });
    await h.services.guard.onChannelDeleted(locked.voiceChannelId);
    expect((await h.store.audit.list({ guildId: GUILD, circleId: locked.id }))[0]).toMatchObject({
      action: 'channel.deleted',
      detail: { channelId: locked.voiceChannelId },
    });
    expect(h.platform.posts.at(-1)?.message.content).toContain('was deleted outside the bot');
  });

  it('autocompletes only what the caller may use', async () => {
    expect(await h.services.directory.suggest(h.member(BOB), 'manage', '')).toEqual([]);
    expect(await h.services.directory.suggest(h.moderator, 'manage', '')).toEqual([
      'Closed Balint',
      'Open Peers',
    ]);
    expect(await h.services.directory.suggest(h.member(BOB), 'visible', '')).toEqual(['Open Peers']);
    expect(await h.services.directory.suggest(h.member(ALICE), 'visible', 'c')).toEqual(['Closed Balint']);
    expect(await h.services.directory.suggest(h.member(ALICE), 'join', '')).toEqual(['Open Peers']);
    expect(await h.services.directory.suggest(h.member(ALICE), 'mine', '')).toEqual(['Closed Balint']);
  });

  it('restores drifted overwrites, audits it and tells the mod-log', async () => {
    await h.services.server.setup(h.moderator, { modLogChannelId: '800000000000000001' });
    h.platform.channels.get(locked.textChannelId)!.members.set(CAROL, 'full');
    await expect(h.services.guard.onChannelChanged(locked.textChannelId)).resolves.toBe(true);
    expect(h.platform.access(locked.textChannelId)).toEqual({ [ALICE]: 'full' });
    expect((await h.store.audit.list({ guildId: GUILD, circleId: locked.id }))[0]).toMatchObject({
      action: 'channel.overwrites-restored',
      actorId: 'bot',
      detail: { unexpectedViewers: [CAROL] },
    });
    expect(h.platform.posts.at(-1)).toMatchObject({ channelId: '800000000000000001' });
    expect(h.platform.posts.at(-1)!.message.content).toContain('Closed Balint');
    await expect(h.services.guard.onChannelChanged(locked.textChannelId)).resolves.toBe(false);
    await expect(h.services.guard.onChannelChanged('123')).resolves.toBe(false);
  });

  it('alerts once when a repair is refused, and clears the exposure when a later repair works', async () => {
    await h.services.server.setup(h.moderator, { modLogChannelId: '800000000000000001' });
    const channel = h.platform.channels.get(locked.textChannelId)!;
    channel.members.set(CAROL, 'full');
    h.platform.refuse.set(locked.textChannelId, 50013);
    await expect(h.services.guard.onChannelChanged(locked.textChannelId)).resolves.toBe(false);
    await h.services.guard.onChannelChanged(locked.textChannelId);
    const alerts = h.platform.posts.filter((p) => p.message.content.startsWith('🚨'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.message.content).toContain('Missing Permissions, 50013');
    expect(alerts[0]!.message.content).not.toContain(CAROL);
    expect(await h.store.circles.findById(locked.id)).toMatchObject({ exposure: 'repair-failed' });
    const { exposed } = await h.services.server.setup(h.moderator, {});
    expect(exposed.map((c) => c.name)).toEqual(['Closed Balint']);

    h.platform.refuse.delete(locked.textChannelId);
    await expect(h.services.guard.onChannelChanged(locked.textChannelId)).resolves.toBe(true);
    expect(h.platform.access(locked.textChannelId)).toEqual({ [ALICE]: 'full' });
    expect(await h.store.circles.findById(locked.id)).toMatchObject({ exposure: null });
  });

  it('keeps a refusal on one channel while the other is repaired, without flapping alerts', async () => {
    await h.services.server.setup(h.moderator, { modLogChannelId: '800000000000000001' });
    h.platform.channels.get(locked.textChannelId)!.members.set(CAROL, 'full');
    h.platform.refuse.set(locked.textChannelId, 50013);
    await h.services.guard.onChannelChanged(locked.textChannelId);
    h.platform.channels.get(locked.voiceChannelId)!.members.set(CAROL, 'full');
    await expect(h.services.guard.onChannelChanged(locked.voiceChannelId)).resolves.toBe(true);
    expect(await h.store.circles.findById(locked.id)).toMatchObject({ exposure: 'repair-failed' });
    await h.services.guard.onChannelChanged(locked.textChannelId);
    const lines = h.platform.posts.map((p) => p.message.content);
    expect(lines.filter((l) => l.startsWith('🚨'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('✅'))).toHaveLength(0);
  });

  it('repairs a channel that does not settle at most three times a minute and alerts once', async () => {
    await h.services.server.setup(h.moderator, { modLogChannelId: '800000000000000001' });
    h.platform.channels.get(locked.voiceChannelId)!.members.set(CAROL, 'full');
    h.platform.unsettled.add(locked.voiceChannelId);
    for (let i = 0; i < 20; i++) await h.services.guard.onChannelChanged(locked.voiceChannelId);
    expect(h.platform.rewrites.get(locked.voiceChannelId)).toBe(3);
    h.clock.advance(61_000);
    for (let i = 0; i < 20; i++) await h.services.guard.onChannelChanged(locked.voiceChannelId);
    expect(h.platform.rewrites.get(locked.voiceChannelId)).toBe(6);
    expect(h.platform.posts.filter((p) => p.message.content.startsWith('🚨'))).toHaveLength(1);
    expect(await h.store.circles.findById(locked.id)).toMatchObject({ exposure: 'unsettled' });
  });

  it('recreates a deleted channel with the roster’s access on /circle-admin repair', async () => {
    h.platform.channels.delete(locked.textChannelId);
    await h.services.guard.onChannelDeleted(locked.textChannelId);
    const report = await h.services.repair.repair(h.moderator, 'Closed Balint');
    expect(report.channels.map((c) => c.outcome)).toEqual(['recreated', 'as-written']);
    expect(report.cleared).toBe(true);
    const circle = (await h.store.circles.findById(locked.id))!;
    expect(circle).toMatchObject({ exposure: null });
    expect(circle.textChannelId).not.toBe(locked.textChannelId);
    expect(h.platform.access(circle.textChannelId)).toEqual({ [ALICE]: 'full' });
    await expect(h.services.repair.repair(h.member(BOB), 'Closed Balint')).rejects.toThrow('Only moderators');
  });

  it('does not recreate a channel of an archived circle', async () => {
    await h.services.circles.archive(h.moderator, 'Closed Balint');
    h.platform.channels.delete(locked.voiceChannelId);
    const report = await h.services.repair.repair(h.moderator, 'Closed Balint');
    expect(report.channels.map((c) => c.outcome)).toEqual(['as-written', 'not-recreated']);
    expect(h.platform.channels.has(locked.voiceChannelId)).toBe(false);
  });

  it('setup keeps earlier values and reports missing permissions', async () => {
    h.platform.report = { missing: ['Manage Roles'], administratorRoleIds: ['5'] };
    await h.services.server.setup(h.moderator, { moderatorRoleId: '700000000000000001' });
    const { settings, report } = await h.services.server.setup(h.moderator, {
      modLogChannelId: '800000000000000001',
    });
    expect(settings).toMatchObject({
      moderatorRoleId: '700000000000000001',
      modLogChannelId: '800000000000000001',
    });
    expect(report.missing).toEqual(['Manage Roles']);
    await expect(h.services.server.setup(h.member(BOB), {})).rejects.toThrow('Only moderators');
    h.platform.mute.add('800000000000000002');
    await expect(
      h.services.server.setup(h.moderator, { modLogChannelId: '800000000000000002' }),
    ).rejects.toThrow('cannot post');
    expect((await h.store.guilds.get(GUILD))?.modLogChannelId).toBe('800000000000000001');
  });
});
