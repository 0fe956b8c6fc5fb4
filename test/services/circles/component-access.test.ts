import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComponentAccess } from '../../../src/services/circles/component-access.js';
import { ForbiddenError, NotFoundError } from '../../../src/services/kernel/errors.js';
import type { Circle } from '../../../src/services/circles/model.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import {
  ALICE,
  BOB,
  CAROL,
  createServiceHarness,
  DAN,
  type ServiceHarness,
} from '../../support/service-harness.js';

describe.each(databases)('the one check of buttons and forms on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  let circle: Circle;
  type CircleAccess = Exclude<ComponentAccess, { target: 'self' }>;
  const circleButton = (caller: CircleAccess['caller']): CircleAccess => ({ target: 'circle', caller });
  const inServer = (userId: string) => ({ actor: h.member(userId) });
  const inDm = (userId: string) => ({ userId, guildId: null });

  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
    circle = await h.services.circles.create(h.moderator, { name: 'Peer Group', kind: 'study' });
    await h.services.roster.add(h.moderator, 'Peer Group', { userId: ALICE, isBot: false });
    await h.services.membership.accept(ALICE, circle.id, 1);
    await h.services.roster.add(h.moderator, 'Peer Group', { userId: BOB, isBot: false }); // pending
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  it('lets a button that acts on the clicker through in a server only', async () => {
    const check = h.services.access.authorize.bind(h.services.access);
    expect(await check(inServer(DAN), { target: 'self' }, [])).toBeNull();
    await expect(check(inDm(DAN), { target: 'self' }, [])).rejects.toThrow(
      'That button is not valid any more.',
    );
  });

  it('lets each caller through only to what their place allows', async () => {
    const check = h.services.access.authorize.bind(h.services.access);
    await expect(check(inServer(ALICE), circleButton('member'), [circle.id])).resolves.toMatchObject({
      id: circle.id,
    });
    await expect(check(inServer(BOB), circleButton('member'), [circle.id])).rejects.toThrow(ForbiddenError);
    await expect(check(inServer(BOB), circleButton('in-circle'), [circle.id])).resolves.toBeTruthy();
    await expect(check(inServer(CAROL), circleButton('in-circle'), [circle.id])).rejects.toThrow(
      ForbiddenError,
    );
    await expect(check(inServer(CAROL), circleButton('server-member'), [circle.id])).resolves.toBeTruthy();
    await expect(check(inServer(ALICE), circleButton('moderator'), [circle.id])).rejects.toThrow(
      'Only moderators',
    );
    await expect(check({ actor: h.moderator }, circleButton('moderator'), [circle.id])).resolves.toBeTruthy();
  });

  it('lets a leader or a moderator through to a leader’s button, nobody else, and never in a DM', async () => {
    const check = h.services.access.authorize.bind(h.services.access);
    await h.services.settings.update(h.moderator, 'Peer Group', { leaderId: ALICE });
    await expect(
      check(inServer(ALICE), circleButton('leader-or-moderator'), [circle.id]),
    ).resolves.toBeTruthy();
    await expect(
      check({ actor: h.moderator }, circleButton('leader-or-moderator'), [circle.id]),
    ).resolves.toBeTruthy();
    await expect(check(inServer(BOB), circleButton('leader-or-moderator'), [circle.id])).rejects.toThrow(
      'Only moderators and the circle’s leaders',
    );
    await expect(check(inDm(ALICE), circleButton('leader-or-moderator'), [circle.id])).rejects.toThrow(
      ForbiddenError,
    );
  });

  it('refuses a circle of another server, an unknown one, and strangers in direct messages', async () => {
    const check = h.services.access.authorize.bind(h.services.access);
    const elsewhere = { actor: { ...h.member(ALICE), guildId: '900000000000000999' } };
    await expect(check(elsewhere, circleButton('member'), [circle.id])).rejects.toThrow(
      'That button is not valid any more.',
    );
    await expect(check(elsewhere, circleButton('server-member'), [circle.id])).rejects.toThrow(NotFoundError);
    await expect(
      check(inServer(ALICE), circleButton('member'), ['00000000-0000-4000-8000-000000000000']),
    ).rejects.toThrow(NotFoundError);
    await expect(check(inServer(ALICE), circleButton('member'), [])).rejects.toThrow(NotFoundError);
    await expect(check(inDm(BOB), circleButton('in-circle'), [circle.id])).resolves.toBeTruthy();
    await expect(check(inDm(DAN), circleButton('in-circle'), [circle.id])).rejects.toThrow(NotFoundError);
    await expect(check(inDm(ALICE), circleButton('server-member'), [circle.id])).rejects.toThrow(
      NotFoundError,
    );
    await h.services.circles.archive(h.moderator, 'Peer Group');
    await expect(check(inServer(ALICE), circleButton('member'), [circle.id])).rejects.toThrow(NotFoundError);
  });
});
