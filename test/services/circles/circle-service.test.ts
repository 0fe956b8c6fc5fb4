import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../src/services/kernel/errors.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import {
  ALICE,
  BOB,
  createServiceHarness,
  GUILD,
  type ServiceHarness,
} from '../../support/service-harness.js';

describe.each(databases)('circles on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });
  afterAll(() => undefined);

  it('creates a circle with a private text and voice channel in a new category', async () => {
    const circle = await h.services.circles.create(h.moderator, { name: 'Tuesday Balint', kind: 'balint' });
    expect(circle).toMatchObject({
      name: 'Tuesday Balint',
      kind: 'balint',
      capacity: 8,
      state: 'open',
      facilitation: 'designated',
      agreementVersion: 1,
    });
    const text = h.platform.channels.get(circle.textChannelId)!;
    const voice = h.platform.channels.get(circle.voiceChannelId)!;
    expect(text).toMatchObject({ name: 'tuesday-balint', kind: 'text' });
    expect(voice).toMatchObject({ name: 'Tuesday Balint', kind: 'voice', parentId: text.parentId });
    expect(text.members.size + voice.members.size).toBe(0);
    expect((await h.store.guilds.get(GUILD))?.categoryId).toBe(text.parentId);
    expect((await h.store.agreements.get(circle.id, 1))?.text).toContain('Balint');
    expect((await h.store.audit.list({ guildId: GUILD }))[0]).toMatchObject({
      action: 'circle.created',
      actorId: h.moderator.userId,
    });
  });

  it('reuses the configured category for the next circle', async () => {
    const first = await h.services.circles.create(h.moderator, { name: 'One', kind: 'study' });
    const second = await h.services.circles.create(h.moderator, {
      name: 'Two',
      kind: 'study',
      capacity: 4,
      facilitation: 'designated',
    });
    expect(h.platform.channels.get(second.textChannelId)!.parentId).toBe(
      h.platform.channels.get(first.textChannelId)!.parentId,
    );
    expect(second).toMatchObject({ capacity: 4, facilitation: 'designated' });
  });

  it.each([
    [
      'a 200-character name',
      { name: 'x'.repeat(200), kind: 'study' },
      ValidationError,
      'at most 50 characters',
    ],
    ['a one-character name', { name: 'x', kind: 'study' }, ValidationError, 'at least 2'],
    ['a name of symbols', { name: '<@&123>', kind: 'study' }, ValidationError, 'letters, digits'],
    ['capacity 0', { name: 'Ok', kind: 'study', capacity: 0 }, ValidationError, 'between 2 and 30'],
    ['capacity 100', { name: 'Ok', kind: 'study', capacity: 100 }, ValidationError, 'between 2 and 30'],
    ['an unknown kind', { name: 'Ok', kind: 'poker' }, ValidationError, 'Kind must be one of'],
  ])('refuses %s and changes nothing', async (_label, input, type, message) => {
    const before = await h.snapshot();
    const attempt = h.services.circles.create(h.moderator, input);
    await expect(attempt).rejects.toBeInstanceOf(type);
    await expect(attempt).rejects.toThrow(message);
    expect(await h.snapshot()).toEqual(before);
  });

  it('refuses a duplicate name in any letter case and creates no channels', async () => {
    await h.services.circles.create(h.moderator, { name: 'Tuesday Balint', kind: 'balint' });
    const before = await h.snapshot();
    await expect(
      h.services.circles.create(h.moderator, { name: 'tuesday BALINT', kind: 'study' }),
    ).rejects.toThrow(ConflictError);
    expect(await h.snapshot()).toEqual(before);
  });

  it('refuses a non-moderator, and accepts the configured moderator role', async () => {
    const before = await h.snapshot();
    await expect(h.services.circles.create(h.member(ALICE), { name: 'Mine', kind: 'study' })).rejects.toThrow(
      ForbiddenError,
    );
    expect(await h.snapshot()).toEqual(before);
    await h.store.guilds.save({
      guildId: GUILD,
      moderatorRoleId: '700000000000000001',
      keepAttendanceYears: null,
      keepAuditYears: null,
      keepEndedMembershipYears: null,
      categoryId: null,
      modLogChannelId: null,
    });
    const withRole = { ...h.member(ALICE), roleIds: ['700000000000000001'] };
    await expect(h.services.circles.create(withRole, { name: 'Mine', kind: 'study' })).resolves.toMatchObject(
      { name: 'Mine' },
    );
  });

  it('deletes what it made on Discord when a later step fails', async () => {
    const before = await h.snapshot();
    let calls = 0;
    const original = h.platform.createChannel.bind(h.platform);
    h.platform.createChannel = async (input) => {
      if (++calls === 2) throw new Error('voice channel refused');
      return original(input);
    };
    await expect(h.services.circles.create(h.moderator, { name: 'Half', kind: 'study' })).rejects.toThrow(
      'voice channel refused',
    );
    expect(h.platform.channels.size).toBe(0);
    expect(await h.snapshot()).toEqual(before);
  });

  it('locks and unlocks enrolment, refusing a repeat', async () => {
    await h.services.circles.create(h.moderator, { name: 'Peer', kind: 'peer-consultation' });
    await expect(h.services.circles.lock(h.moderator, 'peer')).resolves.toMatchObject({ state: 'locked' });
    await expect(h.services.circles.lock(h.moderator, 'Peer')).rejects.toThrow('already locked');
    await expect(h.services.circles.lock(h.member(ALICE), 'Peer')).rejects.toThrow(ForbiddenError);
    await expect(h.services.circles.unlock(h.moderator, 'Peer')).resolves.toMatchObject({
      circle: { state: 'open' },
    });
  });

  it('archives: channels read-only for members, others let go, out of every list', async () => {
    const circle = await h.services.circles.create(h.moderator, {
      name: 'Closing',
      kind: 'study',
      capacity: 2,
    });
    await h.services.membership.join(h.member(ALICE), 'Closing');
    await h.services.membership.accept(ALICE, circle.id, 1);
    await h.services.membership.join(h.member(BOB), 'Closing');
    await h.services.circles.archive(h.moderator, 'Closing');
    expect(h.platform.access(circle.textChannelId)).toEqual({ [ALICE]: 'read-only' });
    expect(h.platform.access(circle.voiceChannelId)).toEqual({ [ALICE]: 'read-only' });
    expect((await h.store.memberships.find(circle.id, BOB))?.status).toBe('left');
    expect((await h.services.directory.list(h.member(ALICE))).open).toEqual([]);
    expect(await h.services.directory.suggest(h.moderator, 'manage', '')).toEqual([]);
    await expect(h.services.circles.archive(h.moderator, 'Closing')).rejects.toThrow(NotFoundError);
  });
});
