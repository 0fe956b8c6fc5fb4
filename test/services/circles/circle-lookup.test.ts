import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCircle, type CircleRight } from '../../../src/services/circles/index.js';
import type { Circle } from '../../../src/services/circles/model.js';
import { ForbiddenError, NotFoundError } from '../../../src/services/kernel/errors.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import {
  ALICE,
  BOB,
  CAROL,
  createServiceHarness,
  type ServiceHarness,
} from '../../support/service-harness.js';

describe.each(databases)('the one look-up of a circle on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  let circle: Circle;

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

  /** `who` is a member's id, or the server's moderator. */
  const find = (who: string, right: CircleRight, extra: object = {}) =>
    findCircle(h.store, who === 'moderator' ? h.moderator : h.member(who), {
      name: 'peer group',
      right,
      ...extra,
    });

  it('finds by name (any case) or by id within the caller’s server only', async () => {
    await expect(find(ALICE, 'any')).resolves.toMatchObject({ id: circle.id });
    await expect(
      findCircle(h.store, h.member(ALICE), { id: circle.id, right: 'any' }),
    ).resolves.toMatchObject({
      id: circle.id,
    });
    const elsewhere = { ...h.member(ALICE), guildId: '900000000000000999' };
    await expect(findCircle(h.store, elsewhere, { id: circle.id, right: 'any' })).rejects.toThrow(
      NotFoundError,
    );
    await expect(findCircle(h.store, elsewhere, { name: 'Peer Group', right: 'any' })).rejects.toThrow(
      NotFoundError,
    );
    await expect(findCircle(h.store, h.member(ALICE), { name: 'Nope', right: 'any' })).rejects.toThrow(
      'There is no circle named “Nope”',
    );
  });

  it('checks the caller’s right, refusing or hiding as asked', async () => {
    await expect(find(ALICE, 'member')).resolves.toBeTruthy();
    await expect(find(BOB, 'member')).rejects.toThrow(ForbiddenError);
    await expect(find(BOB, 'in-circle')).resolves.toBeTruthy();
    await expect(find(CAROL, 'in-circle')).rejects.toThrow(ForbiddenError);
    await expect(find(CAROL, 'member-or-moderator', { hide: true })).rejects.toThrow(NotFoundError);
    await expect(find('moderator', 'member-or-moderator')).resolves.toBeTruthy();
    await expect(find(ALICE, 'leader-or-moderator')).rejects.toThrow(
      'Only moderators and the circle’s leaders',
    );
    await expect(find(ALICE, 'moderator')).rejects.toThrow('Only moderators');
    await expect(find('moderator', 'moderator')).resolves.toBeTruthy();
    await expect(
      find(CAROL, 'member', { refusal: (c: Circle) => `Not for you, ${c.name}.` }),
    ).rejects.toThrow('Not for you, Peer Group.');
  });

  it('answers an archived circle as missing unless archived circles are asked for', async () => {
    await h.services.circles.archive(h.moderator, 'Peer Group');
    await expect(find('moderator', 'moderator')).rejects.toThrow(NotFoundError);
    await expect(find('moderator', 'moderator', { archived: true })).resolves.toMatchObject({
      state: 'archived',
    });
  });

  it('tells outsiders of a locked circle only that it is locked', async () => {
    await h.services.circles.lock(h.moderator, 'Peer Group');
    await expect(find(CAROL, 'see')).rejects.toThrow('is locked');
    await expect(find(ALICE, 'see')).resolves.toBeTruthy();
  });
});
