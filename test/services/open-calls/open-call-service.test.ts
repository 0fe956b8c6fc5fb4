import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../src/services/kernel/errors.js';
import type { Circle } from '../../../src/services/circles/model.js';
import { MAX_FAILURES, RECHECK_MS } from '../../../src/services/open-calls/index.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import {
  ALICE,
  BOB,
  CAROL,
  createServiceHarness,
  type ServiceHarness,
} from '../../support/service-harness.js';

const PUBLIC = '700000000000000001';

describe.each(databases)('open calls on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  let circle: Circle;
  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
    circle = await h.services.circles.create(h.moderator, { name: 'Study Hall', kind: 'study', capacity: 4 });
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  const cardText = (messageId: string) =>
    h.platform.posts.find((p) => p.id === messageId)?.message.content ?? '';

  it('shows the kind, "schedule to be announced" and the places left, and no leader line without one', async () => {
    const { call } = await h.services.openCalls.announce(h.moderator, 'Study Hall', PUBLIC);
    const text = cardText(call.messageId);
    expect(text).toContain('Study group');
    expect(text).toContain('**Meets:** schedule to be announced');
    expect(text).toContain('**Places left:** 4');
    expect(text).not.toContain('Leader');
    expect(text).not.toContain('Next meeting');
  });

  it('refuses Join on a locked circle with the answer /circle join gives', async () => {
    await h.services.circles.lock(h.moderator, 'Study Hall');
    await expect(h.services.membership.joinById(h.member(ALICE), circle.id)).rejects.toThrow(ConflictError);
    await expect(h.services.membership.joinById(h.member(ALICE), circle.id)).rejects.toThrow('is locked');
  });

  it('never fails a membership change when the card cannot be edited, retries a bounded number of times, then closes it and tells moderators', async () => {
    const modLog = '700000000000000009';
    const settings = await h.store.guilds.get(circle.guildId);
    await h.store.guilds.save({ ...settings!, modLogChannelId: modLog });
    const { call } = await h.services.openCalls.announce(h.moderator, 'Study Hall', PUBLIC);
    h.platform.failNext.add('editMessage');
    const joined = await h.services.membership.join(h.member(ALICE), 'Study Hall');
    expect(joined.kind).toBe('agreement');
    expect(cardText(call.messageId)).toContain('**Places left:** 4');
    const [row] = await h.store.openCalls.listOpen(circle.id);
    expect(row).toMatchObject({ failures: 1 });

    for (let attempt = 2; attempt <= MAX_FAILURES; attempt++) {
      h.clock.advance(RECHECK_MS * 4);
      h.platform.failNext.add('editMessage');
      const result = await h.services.openCalls.reconcile();
      expect(result.failed).toBe(1);
    }
    expect(await h.store.openCalls.listOpen(circle.id)).toEqual([]);
    const audit = await h.store.audit.list({ guildId: circle.guildId, circleId: circle.id });
    expect(audit.map((e) => e.action)).toContain('circle.announcement-abandoned');
    const alert = h.platform.posts.find((p) => p.channelId === modLog);
    expect(alert?.message.content).toContain('could not update the open call for **Study Hall**');
    // The membership change went through all the same.
    expect((await h.store.memberships.find(circle.id, ALICE))?.status).toBe('pending');
    // Nothing retries it any more.
    h.clock.advance(RECHECK_MS * 4);
    expect(await h.services.openCalls.reconcile()).toEqual({ edited: 0, closed: 0, failed: 0 });
  });

  it('closes a card whose message was deleted', async () => {
    const { call } = await h.services.openCalls.announce(h.moderator, 'Study Hall', PUBLIC);
    h.platform.deletePost(call.messageId);
    await h.services.membership.join(h.member(BOB), 'Study Hall');
    expect(await h.store.openCalls.listOpen(circle.id)).toEqual([]);
  });

  it('keeps a closed card closed when the circle is unlocked', async () => {
    const { call } = await h.services.openCalls.announce(h.moderator, 'Study Hall', PUBLIC);
    await h.services.circles.lock(h.moderator, 'Study Hall');
    await h.services.circles.unlock(h.moderator, 'Study Hall');
    await h.services.membership.join(h.member(CAROL), 'Study Hall');
    h.clock.advance(RECHECK_MS * 2);
    await h.services.openCalls.reconcile();
    expect(cardText(call.messageId)).toContain('Enrolment is closed');
  });

  it('rechecks an unchanged card periodically and edits it only when its content changed', async () => {
    const { call } = await h.services.openCalls.announce(h.moderator, 'Study Hall', PUBLIC);
    const edits = h.platform.edits.length;
    h.clock.advance(RECHECK_MS + 1);
    expect(await h.services.openCalls.reconcile()).toEqual({ edited: 0, closed: 0, failed: 0 });
    expect(h.platform.edits.length).toBe(edits);
    expect(cardText(call.messageId)).toContain('**Places left:** 4');
  });
});
