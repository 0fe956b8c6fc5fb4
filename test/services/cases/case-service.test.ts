import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ValidationError } from '../../../src/services/kernel/errors.js';
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

describe.each(databases)('the case queue on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  let circle: Circle;

  const makeCircle = async (name: string, kind: string) => {
    const created = await h.services.circles.create(h.moderator, { name, kind, facilitation: 'designated' });
    for (const userId of [ALICE, BOB, CAROL]) {
      await h.services.roster.add(h.moderator, name, { userId, isBot: false });
      await h.services.membership.accept(userId, created.id, 1);
    }
    await h.services.settings.update(h.moderator, name, { leaderId: ALICE });
    await h.services.schedules.set(h.moderator, name, {
      weekday: 7,
      time: '12:30',
      timeZone: 'UTC',
      duration: 60,
    });
    return created;
  };
  const submit = (
    userId: string,
    input: { label?: string; question?: string; urgency?: string },
    c = circle,
  ) => h.services.cases.submit(h.member(userId), c.id, input);
  const rows = () => h.store.cases.listByCircle(circle.id, ['open', 'presenting', 'presented', 'withdrawn']);

  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
    h.clock.set('2026-03-01T10:00:00Z'); // a Sunday
    circle = await makeCircle('Peer Group', 'peer-consultation');
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  it('orders urgent first, then who presented least recently, then submission time', async () => {
    await submit(ALICE, { label: 'Grief after a patient’s suicide' });
    h.clock.advance(1000);
    await submit(BOB, { label: 'Boundary question: a gift from a client' });
    h.clock.advance(1000);
    await submit(CAROL, { label: 'Adolescent refusing school for 3 weeks', urgency: 'urgent' });
    let { queue } = await h.services.cases.queue(h.member(BOB), 'Peer Group');
    expect(queue.map((c) => c.userId)).toEqual([CAROL, ALICE, BOB]);

    h.clock.set('2026-03-01T12:35:00Z');
    expect((await h.services.cases.next(h.member(ALICE), 'Peer Group')).taken?.userId).toBe(CAROL);
    h.clock.advance(11_000);
    expect((await h.services.cases.next(h.member(ALICE), 'Peer Group')).taken?.userId).toBe(ALICE);
    h.clock.set('2026-03-01T13:31:00Z');
    await h.services.cases.closeEnded();

    // A week on: Bob carried over; Alice presented last week, Dan joins the queue having never presented.
    h.clock.set('2026-03-08T10:00:00Z');
    await submit(ALICE, { label: 'Countertransference with a 34-year-old teacher' });
    await h.services.roster
      .add(h.moderator, 'Peer Group', { userId: DAN, isBot: false })
      .catch(() => undefined);
    ({ queue } = await h.services.cases.queue(h.member(BOB), 'Peer Group'));
    expect(queue.map((c) => c.userId)).toEqual([BOB, ALICE]);
    const presented = (await rows()).filter((c) => c.status === 'presented');
    expect(presented.map((c) => [c.userId, c.label, c.question])).toEqual([
      [ALICE, null, null],
      [CAROL, null, null],
    ]);
  });

  it('refuses bad input clearly and stores nothing', async () => {
    await submit(ALICE, { label: 'Team conflict on ward 7' });
    const before = await rows();
    await expect(submit(BOB, { label: '   ' })).rejects.toThrow('Give your case a short label.');
    await expect(submit(BOB, { label: 'x'.repeat(101) })).rejects.toThrow('at most 100 characters');
    await expect(submit(BOB, { label: 'Fine', question: 'q'.repeat(201) })).rejects.toThrow(
      'at most 200 characters',
    );
    await expect(submit(DAN, { label: 'Not a member' })).rejects.toThrow(ForbiddenError);
    await expect(submit(ALICE, { label: 'A second one' })).rejects.toThrow(ConflictError);
    await expect(submit(BOB, { label: 'Fine', urgency: 'whenever' })).rejects.toThrow('routine or urgent');
    expect(await rows()).toEqual(before);
  });

  it('refuses identifying text, says what kind it was, and neither stores nor logs it', async () => {
    const attempt = submit(BOB, {
      label: 'Mr Okafor, DOB 4/5/1960, call 555-201-7788',
      question: 'See clinic.example.org',
    });
    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toThrow(/a person's name or initials, a date/);
    await expect(submit(BOB, { label: 'Fine label', question: 'What about MRN 4839201?' })).rejects.toThrow(
      /reference number/,
    );
    expect(await rows()).toEqual([]);
    const logged = JSON.stringify(h.log.lines);
    for (const fragment of ['Okafor', '1960', '555-201', 'example.org', '4839201'])
      expect(logged).not.toContain(fragment);
    expect(JSON.stringify(await h.store.audit.list({ guildId: circle.guildId }))).not.toContain('Okafor');
  });

  it('only the facilitator or a leader takes the next case, during the meeting', async () => {
    await submit(BOB, { label: 'PTSD after a car accident, EMDR phase 4' });
    await expect(h.services.cases.next(h.member(ALICE), 'Peer Group')).rejects.toThrow(
      'has no meeting under way',
    );
    h.clock.set('2026-03-01T12:20:00Z');
    await expect(h.services.cases.next(h.member(BOB), 'Peer Group')).rejects.toThrow(ForbiddenError);
    const { taken } = await h.services.cases.next(h.member(ALICE), 'Peer Group');
    expect(taken).toMatchObject({ userId: BOB, status: 'presenting' });
    expect(h.platform.posts.at(-1)!.message.content).toContain('Next case: <@');
    await expect(h.services.cases.withdraw(h.member(BOB), 'Peer Group')).rejects.toThrow(
      'being presented now',
    );
    await expect(h.services.cases.next(h.member(ALICE), 'Peer Group')).rejects.toThrow('taken a moment ago');
    h.clock.advance(11_000);
    expect((await h.services.cases.next(h.member(ALICE), 'Peer Group')).taken).toBeNull();
  });

  it('two at once never take the same case', async () => {
    await submit(BOB, { label: 'Burnout in a GP with 15 years practice' });
    h.clock.advance(1000);
    await submit(CAROL, { label: 'Couple therapy, 2nd session, stuck' });
    await h.services.settings.update(h.moderator, 'Peer Group', { coLeaderId: BOB });
    h.clock.set('2026-03-01T12:40:00Z');
    const results = await Promise.allSettled([
      h.services.cases.next(h.member(ALICE), 'Peer Group'),
      h.services.cases.next(h.member(BOB), 'Peer Group'),
    ]);
    // One takes the first case; the other is told it was just taken (it does not skip a case).
    const taken = results.flatMap((r) =>
      r.status === 'fulfilled' && r.value.taken ? [r.value.taken.userId] : [],
    );
    expect(taken).toEqual([BOB]);
    const refused = results.find((r) => r.status === 'rejected');
    expect(String((refused as PromiseRejectedResult).reason)).toContain('taken a moment ago');
    expect((await rows()).map((c) => [c.userId, c.status]).sort()).toEqual([
      [BOB, 'presenting'],
      [CAROL, 'open'],
    ]);
  });

  it('closing after meetings finds only cases with text left, however many are closed', async () => {
    h.clock.set('2026-03-01T12:35:00Z');
    for (const userId of [BOB, CAROL]) {
      await submit(userId, { label: 'A case to present today' });
      await h.services.cases.next(h.member(ALICE), 'Peer Group');
      h.clock.advance(11_000);
    }
    h.clock.set('2026-03-01T13:31:00Z');
    expect(await h.services.cases.closeEnded()).toBe(2);
    expect(await h.store.cases.listUnclosed(10)).toEqual([]);
    expect(await h.services.cases.closeEnded()).toBe(0);
  });

  it('withdrawing deletes the text at once', async () => {
    await submit(BOB, { label: 'Dosing question: 20 mg sertraline' });
    await h.services.cases.withdraw(h.member(BOB), 'Peer Group');
    expect((await rows())[0]).toMatchObject({ status: 'withdrawn', label: null, question: null });
    await expect(h.services.cases.withdraw(h.member(BOB), 'Peer Group')).rejects.toThrow(
      'no case in the queue',
    );
  });

  it('every way a request ends deletes its text: presented, withdrawn, archived, left, removed, cancelled', async () => {
    const textOf = async (userId: string, c = circle) =>
      (await h.store.cases.listByCircle(c.id, ['open', 'presenting', 'presented', 'withdrawn']))
        .filter((r) => r.userId === userId)
        .map((r) => [r.status, r.label, r.question]);
    // Left and removed: an open request and one being presented.
    await submit(BOB, { label: 'Boundary question: a gift from a client', question: 'Keep it?' });
    h.clock.advance(1000);
    await submit(CAROL, { label: 'Rupture after a missed session' });
    h.clock.set('2026-03-01T12:35:00Z');
    expect((await h.services.cases.next(h.member(ALICE), 'Peer Group')).taken?.userId).toBe(BOB);
    await h.services.membership.leave(h.member(BOB), 'Peer Group');
    expect(await textOf(BOB)).toEqual([['presented', null, null]]);
    await h.services.roster.remove(h.moderator, 'Peer Group', CAROL);
    expect(await textOf(CAROL)).toEqual([['withdrawn', null, null]]);

    // Cancelled: a case taken before the meeting starts ends with it; an open one carries over.
    h.clock.set('2026-03-08T10:00:00Z');
    await h.services.roster.add(h.moderator, 'Peer Group', { userId: DAN, isBot: false });
    await h.services.membership.accept(DAN, circle.id, 1);
    await submit(ALICE, { label: 'Supervising a trainee who cries in sessions' });
    h.clock.advance(1000);
    await submit(DAN, { label: 'Stuck with a couple in a loop' });
    h.clock.set('2026-03-08T12:20:00Z');
    expect((await h.services.cases.next(h.member(ALICE), 'Peer Group')).taken?.userId).toBe(ALICE);
    await h.services.meetings.cancel(h.moderator, 'Peer Group');
    expect(await textOf(ALICE)).toEqual([['presented', null, null]]);
    expect(await textOf(DAN)).toEqual([['open', 'Stuck with a couple in a loop', null]]);

    // Archived: the open request is withdrawn and its text deleted at once.
    await h.services.circles.archive(h.moderator, 'Peer Group');
    expect(await textOf(DAN)).toEqual([['withdrawn', null, null]]);
    const all = await h.store.cases.listByCircle(circle.id, ['open', 'presenting', 'presented', 'withdrawn']);
    expect(all.filter((r) => r.label !== null || r.question !== null)).toEqual([]);
  });

  it('in a Balint circle a request carries no text, and the start prompt asks who has a case', async () => {
    const balint = await makeCircle('Balint Group', 'balint');
    await submit(CAROL, { label: 'ignored' }, balint);
    const [request] = await h.store.cases.listByCircle(balint.id, ['open']);
    expect(request).toMatchObject({ userId: CAROL, label: null, question: null });
    h.clock.set('2026-03-01T12:30:05Z');
    await h.services.reminders.tick();
    const prompt = h.platform.posts.filter((p) => p.channelId === balint.textChannelId).at(-1)!;
    expect(prompt.message.content).toContain('**Who has a case?**');
    expect(prompt.message.content).toContain(`1. <@${CAROL}>`);
    expect(prompt.message.buttons?.map((b) => b.label)).toEqual(['Check in', 'I have a case']);
    const peerPrompt = h.platform.posts.filter((p) => p.channelId === circle.textChannelId).at(-1)!;
    expect(peerPrompt.message.content).toContain('No cases in the queue yet');
  });
});
