import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../src/services/kernel/errors.js';
import type { Circle } from '../../../src/services/circles/model.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import {
  ALICE,
  BOB,
  CAROL,
  createServiceHarness,
  DAN,
  GUILD,
  type ServiceHarness,
} from '../../support/service-harness.js';

describe.each(databases)('membership on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  let circle: Circle;
  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
    circle = await h.services.circles.create(h.moderator, {
      name: 'Tuesday Balint',
      kind: 'balint',
      capacity: 2,
    });
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  const joinAndAccept = async (userId: string) => {
    const result = await h.services.membership.join(h.member(userId), 'Tuesday Balint');
    expect(result.kind).toBe('agreement');
    await h.services.membership.accept(userId, circle.id, 1);
  };

  it('gives access only after the agreement is accepted, and records the version', async () => {
    const result = await h.services.membership.join(h.member(ALICE), 'tuesday balint');
    expect(result).toMatchObject({ kind: 'agreement', agreement: { version: 1 } });
    expect(h.platform.access(circle.textChannelId)).toEqual({});
    expect((await h.store.memberships.find(circle.id, ALICE))?.status).toBe('pending');

    await h.services.membership.accept(ALICE, circle.id, 1);
    expect(h.platform.access(circle.textChannelId)).toEqual({ [ALICE]: 'full' });
    expect(h.platform.access(circle.voiceChannelId)).toEqual({ [ALICE]: 'full' });
    expect(await h.store.memberships.find(circle.id, ALICE)).toMatchObject({
      status: 'active',
      acceptedVersion: 1,
    });
    expect(await h.store.agreements.acceptances(circle.id, ALICE)).toEqual([
      { version: 1, at: h.clock.now() },
    ]);
  });

  it('refuses a join by someone already in, and changes nothing', async () => {
    await joinAndAccept(ALICE);
    const before = await h.snapshot();
    await expect(h.services.membership.join(h.member(ALICE), 'Tuesday Balint')).rejects.toThrow(
      'already a member',
    );
    await expect(h.services.membership.accept(ALICE, circle.id, 1)).rejects.toThrow(ConflictError);
    expect(await h.snapshot()).toEqual(before);
  });

  it('shows the agreement again to someone who joined but has not accepted', async () => {
    await h.services.membership.join(h.member(ALICE), 'Tuesday Balint');
    await h.services.circles.lock(h.moderator, 'Tuesday Balint');
    await expect(h.services.membership.join(h.member(ALICE), 'Tuesday Balint')).resolves.toMatchObject({
      kind: 'agreement',
    });
  });

  it('refuses joins while locked and for unknown circles, changing nothing', async () => {
    await h.services.circles.lock(h.moderator, 'Tuesday Balint');
    const before = await h.snapshot();
    await expect(h.services.membership.join(h.member(ALICE), 'Tuesday Balint')).rejects.toThrow('is locked');
    await expect(h.services.membership.join(h.member(ALICE), 'Nope')).rejects.toThrow(NotFoundError);
    expect(await h.snapshot()).toEqual(before);
  });

  it('offers the waitlist when full, and a freed place goes to the first in line', async () => {
    await joinAndAccept(ALICE);
    await joinAndAccept(BOB);
    const before = await h.snapshot();
    await expect(h.services.membership.join(h.member(CAROL), 'Tuesday Balint')).resolves.toMatchObject({
      kind: 'full',
      waitlistLength: 0,
    });
    expect(await h.snapshot()).toEqual(before);

    await expect(h.services.membership.joinWaitlist(h.member(CAROL), circle.id)).resolves.toMatchObject({
      kind: 'waitlisted',
      position: 1,
    });
    h.clock.advance(1000);
    await expect(h.services.membership.joinWaitlist(h.member(DAN), circle.id)).resolves.toMatchObject({
      kind: 'waitlisted',
      position: 2,
    });
    await expect(h.services.membership.join(h.member(DAN), 'Tuesday Balint')).rejects.toThrow(
      'waitlist of **Tuesday Balint** (number 2)',
    );

    await h.services.membership.leave(h.member(ALICE), 'Tuesday Balint');
    expect(h.platform.access(circle.textChannelId)).toEqual({ [BOB]: 'full' });
    expect((await h.store.memberships.find(circle.id, CAROL))?.status).toBe('pending');
    expect((await h.store.memberships.find(circle.id, DAN))?.status).toBe('waitlisted');
    expect(h.platform.directMessages.map((d) => d.userId)).toEqual([CAROL]);
    expect(h.platform.directMessages[0]!.message.buttons?.[0]?.customId).toBe(`agree:${circle.id}:1`);
  });

  it('promotes nobody from the waitlist while the circle is locked', async () => {
    await joinAndAccept(ALICE);
    await joinAndAccept(BOB);
    await h.services.membership.joinWaitlist(h.member(CAROL), circle.id);
    await h.services.circles.lock(h.moderator, 'Tuesday Balint');
    await h.services.membership.leave(h.member(ALICE), 'Tuesday Balint');
    expect((await h.store.memberships.find(circle.id, CAROL))?.status).toBe('waitlisted');
    const { promoted } = await h.services.circles.unlock(h.moderator, 'Tuesday Balint');
    expect(promoted).toEqual([CAROL]);
  });

  it('lets moderators add (also when locked) and remove; removal takes access away', async () => {
    await h.services.circles.lock(h.moderator, 'Tuesday Balint');
    h.platform.closedDms.add(ALICE);
    await expect(
      h.services.roster.add(h.moderator, 'Tuesday Balint', { userId: ALICE, isBot: false }),
    ).resolves.toMatchObject({ dmSent: false });
    await h.services.membership.accept(ALICE, circle.id, 1);
    expect(h.platform.access(circle.textChannelId)).toEqual({ [ALICE]: 'full' });

    await h.services.roster.remove(h.moderator, 'Tuesday Balint', ALICE);
    expect(h.platform.access(circle.textChannelId)).toEqual({});
    expect(h.platform.access(circle.voiceChannelId)).toEqual({});
    const actions = (await h.store.audit.list({ guildId: GUILD, circleId: circle.id })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['member.added', 'member.accepted', 'member.removed']));
  });

  it('refuses bad roster changes and changes nothing', async () => {
    await joinAndAccept(ALICE);
    await joinAndAccept(BOB);
    const before = await h.snapshot();
    await expect(
      h.services.roster.add(h.member(BOB), 'Tuesday Balint', { userId: CAROL, isBot: false }),
    ).rejects.toThrow(ForbiddenError);
    await expect(
      h.services.roster.add(h.moderator, 'Tuesday Balint', { userId: ALICE, isBot: false }),
    ).rejects.toThrow('already in');
    await expect(
      h.services.roster.add(h.moderator, 'Tuesday Balint', { userId: CAROL, isBot: false }),
    ).rejects.toThrow('is full (2 of 2)');
    await expect(
      h.services.roster.add(h.moderator, 'Tuesday Balint', { userId: DAN, isBot: true }),
    ).rejects.toThrow(ValidationError);
    await expect(h.services.roster.remove(h.moderator, 'Tuesday Balint', CAROL)).rejects.toThrow(
      NotFoundError,
    );
    await expect(h.services.roster.remove(h.moderator, 'Unknown', ALICE)).rejects.toThrow(NotFoundError);
    await expect(h.services.membership.leave(h.member(CAROL), 'Tuesday Balint')).rejects.toThrow(
      NotFoundError,
    );
    expect(await h.snapshot()).toEqual(before);
  });

  it('puts the membership back to pending when Discord refuses the grant', async () => {
    await h.services.membership.join(h.member(ALICE), 'Tuesday Balint');
    h.platform.failNext.add('grantMember');
    await expect(h.services.membership.accept(ALICE, circle.id, 1)).rejects.toThrow('injected failure');
    expect(await h.store.memberships.find(circle.id, ALICE)).toMatchObject({
      status: 'pending',
      acceptedVersion: null,
    });
    expect(h.platform.access(circle.textChannelId)).toEqual({});
  });

  it('a removal Discord does not confirm is audited, reported, and repaired by the next check', async () => {
    await joinAndAccept(ALICE);
    await joinAndAccept(BOB);
    await h.services.membership.joinWaitlist(h.member(CAROL), circle.id);
    await h.services.server.setup(h.moderator, { modLogChannelId: '800000000000000001' });
    h.platform.failNext.add('revokeMember');
    await expect(h.services.membership.leave(h.member(ALICE), 'Tuesday Balint')).resolves.toMatchObject({
      accessRemoved: false,
    });
    expect(h.platform.access(circle.textChannelId)).toMatchObject({ [ALICE]: 'full' });
    expect((await h.store.audit.list({ guildId: GUILD, circleId: circle.id }))[0]).toMatchObject({
      action: 'channel.revoke-failed',
      detail: { userId: ALICE },
    });
    expect(h.platform.posts.at(-1)?.message.content).toContain('did not confirm removing');
    expect(h.platform.directMessages.at(-1)?.userId).toBe(CAROL);

    await h.services.guard.onChannelChanged(circle.textChannelId);
    expect(h.platform.access(circle.textChannelId)).toEqual({ [BOB]: 'full' });
  });

  it('sends newcomers to the waitlist while others are waiting, even with a place free', async () => {
    await joinAndAccept(ALICE);
    await joinAndAccept(BOB);
    await h.services.membership.joinWaitlist(h.member(CAROL), circle.id);
    await h.store.circles.update(circle.id, { capacity: 3 });
    await expect(h.services.membership.join(h.member(DAN), 'Tuesday Balint')).resolves.toMatchObject({
      kind: 'full',
      waitlistLength: 1,
    });
    await expect(h.services.membership.joinWaitlist(h.member(DAN), circle.id)).resolves.toMatchObject({
      kind: 'waitlisted',
      position: 2,
    });
  });

  it('unlocking gives freed places to the waitlist before anyone else can join', async () => {
    await joinAndAccept(ALICE);
    await joinAndAccept(BOB);
    await h.services.membership.joinWaitlist(h.member(CAROL), circle.id);
    await h.services.circles.lock(h.moderator, 'Tuesday Balint');
    await h.services.membership.leave(h.member(ALICE), 'Tuesday Balint');
    const [unlocked, joined] = await Promise.all([
      h.services.circles.unlock(h.moderator, 'Tuesday Balint'),
      h.services.membership.join(h.member(DAN), 'Tuesday Balint').catch((error: Error) => error),
    ]);
    expect(unlocked.promoted).toEqual([CAROL]);
    expect(joined).not.toMatchObject({ kind: 'agreement' });
    expect((await h.store.memberships.find(circle.id, CAROL))?.status).toBe('pending');
  });

  it('a failed grant after accepting is recorded as reverted', async () => {
    await h.services.membership.join(h.member(ALICE), 'Tuesday Balint');
    h.platform.failNext.add('grantMember');
    await expect(h.services.membership.accept(ALICE, circle.id, 1)).rejects.toThrow('injected failure');
    const actions = (await h.store.audit.list({ guildId: GUILD, circleId: circle.id })).map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['member.accept-reverted', 'member.accepted']);
    await h.services.membership.accept(ALICE, circle.id, 1);
    expect(h.platform.access(circle.voiceChannelId)).toEqual({ [ALICE]: 'full' });
  });

  it('a new agreement version: old acceptances are refused, members are asked to acknowledge', async () => {
    await joinAndAccept(ALICE);
    await h.services.membership.join(h.member(BOB), 'Tuesday Balint');
    await h.services.settings.update(h.moderator, 'Tuesday Balint', {
      agreementText: 'We keep everything here to ourselves, always.',
    });
    await expect(h.services.membership.accept(BOB, circle.id, 1)).rejects.toThrow('agreement changed');
    await h.services.membership.accept(BOB, circle.id, 2);
    expect(h.platform.posts.at(-1)).toMatchObject({ channelId: circle.textChannelId });
    expect(h.platform.posts.at(-1)!.message.buttons?.[0]?.customId).toBe(`ack:${circle.id}:2`);
    await h.services.membership.acknowledge(ALICE, circle.id, 2);
    await expect(h.services.membership.acknowledge(ALICE, circle.id, 2)).rejects.toThrow(
      'already acknowledged',
    );
    await expect(h.services.membership.acknowledge(CAROL, circle.id, 2)).rejects.toThrow('Only members');
    expect(h.platform.access(circle.textChannelId)).toEqual({ [ALICE]: 'full', [BOB]: 'full' });
  });

  it('refuses capacity below the places taken, or out of range, and changes nothing', async () => {
    await h.services.settings.update(h.moderator, 'Tuesday Balint', { capacity: 3 });
    await joinAndAccept(ALICE);
    await joinAndAccept(BOB);
    await joinAndAccept(CAROL);
    const before = await h.snapshot();
    await expect(h.services.settings.update(h.moderator, 'Tuesday Balint', { capacity: 2 })).rejects.toThrow(
      '3 members holding places',
    );
    await expect(h.services.settings.update(h.moderator, 'Tuesday Balint', { capacity: 1 })).rejects.toThrow(
      ValidationError,
    );
    await expect(h.services.settings.update(h.moderator, 'Tuesday Balint', { capacity: 99 })).rejects.toThrow(
      'between 2 and 30',
    );
    await expect(h.services.settings.update(h.moderator, 'Tuesday Balint', {})).rejects.toThrow(
      'Nothing to change',
    );
    await expect(
      h.services.settings.update(h.moderator, 'Tuesday Balint', { agreementText: 'short' }),
    ).rejects.toThrow('at least 20');
    expect(await h.snapshot()).toEqual(before);
  });

  it('two people racing for the last place: one gets it, the other the waitlist offer', async () => {
    await joinAndAccept(ALICE);
    const results = await Promise.all([
      h.services.membership.join(h.member(BOB), 'Tuesday Balint'),
      h.services.membership.join(h.member(CAROL), 'Tuesday Balint'),
    ]);
    expect(results.map((r) => r.kind).sort()).toEqual(['agreement', 'full']);
    expect(await h.store.memberships.countSeats(circle.id)).toBe(2);
  });
});
