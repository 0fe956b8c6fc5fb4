import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PrismaPersonalDataRepository } from '../../../src/db/repositories/prisma-personal-data-repository.js';
import type { Circle } from '../../../src/services/circles/model.js';
import { pseudonymOf } from '../../../src/services/privacy/index.js';
import { allRowsText } from '../../db/migrations/raw-sql.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import {
  ALICE,
  BOB,
  CAROL,
  DAN,
  createServiceHarness,
  GUILD,
  type ServiceHarness,
} from '../../support/service-harness.js';

const MOD_LOG = '800000000000000001';

describe.each(databases)('privacy rights on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  let circle: Circle;

  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
    h.clock.set('2026-03-01T10:00:00Z');
    await h.services.server.setup(h.moderator, { modLogChannelId: MOD_LOG });
    circle = await h.services.circles.create(h.moderator, {
      name: 'Small Group',
      kind: 'peer-consultation',
      capacity: 2,
    });
    for (const userId of [ALICE, BOB]) {
      await h.services.roster.add(h.moderator, 'Small Group', { userId, isBot: false });
      await h.services.membership.accept(userId, circle.id, 1);
    }
    await h.services.membership.joinWaitlist(h.member(CAROL), circle.id); // the circle is full
    await h.services.settings.update(h.moderator, 'Small Group', { leaderId: ALICE });
    await h.services.schedules.set(h.moderator, 'Small Group', {
      weekday: 7,
      time: '12:30',
      timeZone: 'UTC',
      duration: 90,
    });
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  it('exports everything about a member, including the text of their open case, and nothing for a stranger', async () => {
    await h.services.cases.submit(h.member(ALICE), circle.id, {
      label: 'a long silence',
      question: 'How to stay?',
    });
    const exported = await h.services.privacy.export(h.member(ALICE));
    expect(exported.counts).toMatchObject({
      Membership: 1,
      AgreementAcceptance: 1,
      Circle: 1,
      CaseRequest: 1,
    });
    expect(exported.records['CaseRequest']).toEqual([
      expect.objectContaining({ status: 'open', label: 'a long silence', question: 'How to stay?' }),
    ]);
    expect(exported.records['AuditEvent']!.length).toBeGreaterThan(0);
    expect((await h.services.privacy.export(h.member(DAN))).total).toBe(0);
  });

  it('forgets a leader in a meeting under way: they leave, the waitlist moves, moderators are told', async () => {
    const [meeting] = await h.store.meetings.listUpcoming(circle.id, h.clock.now(), {
      statuses: ['scheduled'],
    });
    h.clock.set('2026-03-01T12:35:00Z');
    await h.services.attendance.checkIn(ALICE, meeting!.id);
    const preview = await h.services.privacy.preview(h.member(ALICE));
    expect(preview.circles.map((c) => c.name)).toEqual(['Small Group']);
    expect(preview.leads.map((c) => c.name)).toEqual(['Small Group']);
    expect(preview.inMeeting.map((c) => c.name)).toEqual(['Small Group']);
    expect(preview.counts).toMatchObject({ Attendance: 1, Membership: 1 });

    const result = await h.services.privacy.forget(h.member(ALICE));
    expect(result.left.map((c) => c.name)).toEqual(['Small Group']);
    expect(result.leaderless.map((c) => c.name)).toEqual(['Small Group']);
    expect(result.accessRemoved).toBe(true);
    expect(result.counts).toMatchObject({ Attendance: 1, Membership: 1, AgreementAcceptance: 1 });
    expect((await h.store.circles.findById(circle.id))!.leaderId).toBeNull();
    // Carol, first on the waitlist, was offered the place.
    expect((await h.store.memberships.find(circle.id, CAROL))!.status).toBe('pending');
    expect(h.platform.directMessages.map((d) => d.userId)).toContain(CAROL);
    // Her access went; moderators heard the circle needs a leader, without her name.
    expect(h.platform.channels.get(circle.textChannelId)!.members.has(ALICE)).toBe(false);
    const modLog = h.platform.posts.filter((p) => p.channelId === MOD_LOG).map((p) => p.message.content);
    expect(modLog.join('\n')).toContain('**Small Group** has no designated leader any more');
    expect(modLog.join('\n')).not.toContain(ALICE);
    // Only the pseudonym remains.
    const rows = await allRowsText(db);
    expect(rows).not.toContain(ALICE);
    expect(rows).toContain(pseudonymOf(GUILD, ALICE));
    const audit = await h.store.audit.list({ guildId: GUILD });
    expect(audit.find((e) => e.action === 'privacy.forgotten')).toMatchObject({
      actorId: pseudonymOf(GUILD, ALICE),
      circleId: null,
    });

    // A second forget finds nothing and changes nothing.
    const before = await allRowsText(db);
    const again = await h.services.privacy.forget(h.member(ALICE));
    expect(again.left).toEqual([]);
    expect(Object.values(again.counts).reduce((sum, n) => sum + n, 0)).toBe(0);
    expect(await allRowsText(db)).toEqual(before);
    expect((await h.services.privacy.preview(h.member(ALICE))).total).toBe(0);
  });

  it('leaves nothing half-done when it fails part way, and completes when run again', async () => {
    const forget = vi
      .spyOn(PrismaPersonalDataRepository.prototype, 'forget')
      .mockRejectedValueOnce(new Error('the process died here'));
    const before = await allRowsText(db);
    await expect(h.services.privacy.forget(h.member(BOB))).rejects.toThrow('the process died here');
    expect(await allRowsText(db)).toEqual(before); // still a member, nothing deleted, nothing audited
    expect(h.platform.channels.get(circle.textChannelId)!.members.has(BOB)).toBe(true);
    forget.mockRestore();
    const result = await h.services.privacy.forget(h.member(BOB));
    expect(result.left.map((c) => c.name)).toEqual(['Small Group']);
    expect(await allRowsText(db)).not.toContain(BOB);
  });

  it('forgets in the database even when Discord refuses, and tells moderators without naming anyone', async () => {
    h.platform.failNext.add('revokeMember');
    const result = await h.services.privacy.forget(h.member(BOB));
    expect(result.accessRemoved).toBe(false);
    expect(await allRowsText(db)).not.toContain(BOB);
    const modLog = h.platform.posts.filter((p) => p.channelId === MOD_LOG).map((p) => p.message.content);
    expect(modLog.join('\n')).toContain('Discord did not confirm removing a member');
    expect(modLog.join('\n')).not.toContain(BOB);
    expect(JSON.stringify(h.log.lines)).not.toContain(BOB);
    // The channel check that follows finds an overwrite nobody on the roster justifies, and removes it.
    await h.services.guard.onChannelChanged(circle.textChannelId);
    expect(h.platform.channels.get(circle.textChannelId)!.members.has(BOB)).toBe(false);
  });
});
