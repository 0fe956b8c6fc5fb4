import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../../../src/services/kernel/errors.js';
import type { Circle } from '../../../src/services/circles/model.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import {
  ALICE,
  DAN,
  GUILD,
  createServiceHarness,
  type ServiceHarness,
} from '../../support/service-harness.js';

const MINUTE = 60_000;
const MOD_LOG = '700000000000000001';

describe.each(databases)('drop-in places on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  let circle: Circle;
  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
    h.clock.set('2026-03-01T10:00:00Z'); // a Sunday
    circle = await h.services.circles.create(h.moderator, {
      name: 'Sunday Peers',
      kind: 'peer-consultation',
    });
    await h.services.roster.add(h.moderator, 'Sunday Peers', { userId: ALICE, isBot: false });
    await h.services.membership.accept(ALICE, circle.id, 1);
    await h.services.schedules.set(h.moderator, 'Sunday Peers', {
      weekday: 7,
      time: '12:30',
      timeZone: 'UTC',
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await h.close();
    await db.drop();
  });

  it('validates the number of drop-in places on the server: whole numbers from 0 to 4', async () => {
    for (const bad of [-1, 5, 1.5]) {
      await expect(h.services.settings.update(h.moderator, 'Sunday Peers', { dropIns: bad })).rejects.toThrow(
        ValidationError,
      );
    }
    const { circle: updated } = await h.services.settings.update(h.moderator, 'Sunday Peers', { dropIns: 4 });
    expect(updated.dropInPlaces).toBe(4);
    const { circle: none } = await h.services.settings.update(h.moderator, 'Sunday Peers', { dropIns: 0 });
    expect(none.dropInPlaces).toBe(0);
  });

  it('alerts the mod-log once when removing a drop-in’s access keeps failing, and stops retrying', async () => {
    await h.store.guilds.save({
      guildId: GUILD,
      moderatorRoleId: null,
      categoryId: null,
      modLogChannelId: MOD_LOG,
      keepAttendanceYears: null,
      keepAuditYears: null,
      keepEndedMembershipYears: null,
    });
    await h.services.settings.update(h.moderator, 'Sunday Peers', { dropIns: 1 });
    const { meeting } = await h.services.dropIns.offer(h.member(DAN), 'Sunday Peers');
    await h.services.dropIns.accept(h.member(DAN), meeting.id, 1);
    h.clock.set(new Date(meeting.startsAt.getTime() - 15 * MINUTE));
    expect(await h.services.dropIns.tick()).toMatchObject({ granted: 1 });
    expect(h.platform.channels.get(circle.textChannelId)?.members.get(DAN)).toBe('full');

    const revoke = vi.spyOn(h.platform, 'revokeMember').mockRejectedValue(new Error('refused'));
    h.clock.set(meeting.endsAt);
    for (let i = 0; i < 5; i++) await h.services.dropIns.tick();
    expect(revoke).toHaveBeenCalledTimes(3);
    const alerts = h.platform.posts.filter((p) => p.channelId === MOD_LOG);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.message.content).toContain('Could not remove a drop-in');
    const audit = await h.store.audit.list({ guildId: GUILD });
    expect(audit.filter((e) => e.action === 'dropin.revoke-failed')).toHaveLength(1);
    expect(await h.store.dropIns.find(meeting.id, DAN)).toMatchObject({ status: 'granted', attempts: 3 });
  });
});
