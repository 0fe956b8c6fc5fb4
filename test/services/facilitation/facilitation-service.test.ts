import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError, ValidationError } from '../../../src/services/kernel/errors.js';
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

describe.each(databases)('facilitation on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  let circle: Circle;

  const makeCircle = async (name: string, facilitation: 'rotating' | 'designated') => {
    const created = await h.services.circles.create(h.moderator, {
      name,
      kind: 'peer-supervision',
      facilitation,
    });
    for (const userId of [ALICE, BOB, CAROL]) {
      await h.services.roster.add(h.moderator, name, { userId, isBot: false });
      await h.services.membership.accept(userId, created.id, 1);
    }
    await h.services.schedules.set(h.moderator, name, {
      weekday: 7,
      time: '12:30',
      timeZone: 'UTC',
      duration: 60,
    });
    return created;
  };
  const rotation = async () =>
    (await h.services.facilitation.rotation(h.member(ALICE), 'Supervision', 6)).duties.map(
      (d) => d.facilitatorId,
    );

  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
    h.clock.set('2026-03-01T10:00:00Z'); // a Sunday
    circle = await makeCircle('Supervision', 'rotating');
    for (const userId of [ALICE, BOB, CAROL]) {
      await h.services.facilitation.pool(h.member(userId), 'Supervision', 'join');
      h.clock.advance(1000);
    }
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  it('rotates through the pool in join order; away members are skipped and keep their place', async () => {
    expect(await rotation()).toEqual([ALICE, BOB, CAROL, ALICE, BOB, CAROL]);
    await h.services.facilitation.away(h.member(ALICE), 'Supervision', '2026-03-01', '2026-03-08');
    expect(await rotation()).toEqual([BOB, CAROL, ALICE, BOB, CAROL, ALICE]);
    await expect(h.services.facilitation.pool(h.member(ALICE), 'Supervision', 'join')).rejects.toThrow(
      'already in the facilitator pool',
    );
  });

  it('a member who leaves the pool is taken out of future duties', async () => {
    await h.services.facilitation.pool(h.member(BOB), 'Supervision', 'leave');
    expect(await rotation()).toEqual([ALICE, CAROL, ALICE, CAROL, ALICE, CAROL]);
  });

  it('a member who leaves the circle leaves the pool and the case queue too', async () => {
    await h.services.cases.submit(h.member(BOB), circle.id, { label: 'Supervision of a trainee, session 4' });
    await h.services.membership.leave(h.member(BOB), 'Supervision');
    expect(await rotation()).toEqual([ALICE, CAROL, ALICE, CAROL, ALICE, CAROL]);
    const [request] = await h.store.cases.listByCircle(circle.id, ['withdrawn']);
    expect(request).toMatchObject({ userId: BOB, label: null });
    const [next] = await h.services.meetings.next(h.member(ALICE), 'Supervision');
    expect(next).toMatchObject({ queueSize: 0, facilitatorId: ALICE });
  });

  it('the first reminder fixes the facilitator, names them, and tells them (in the channel if DMs are closed)', async () => {
    h.platform.closedDms.add(ALICE);
    h.clock.set('2026-03-01T12:15:00Z');
    await h.services.reminders.tick();
    const reminder = h.platform.posts.find(
      (p) => p.channelId === circle.textChannelId && p.message.content.startsWith('🔒'),
    )!;
    expect(reminder.message.content).toContain(`Facilitator: <@${ALICE}>`);
    h.clock.advance(60_000);
    await h.services.reminders.tick();
    expect(h.platform.posts.at(-1)!.message.content).toContain(`<@${ALICE}>, you facilitate this meeting`);
    // With direct messages closed, the post in the circle's channel notifies the facilitator.
    expect(h.platform.posts.at(-1)!.message.notify).toEqual([ALICE]);
    const [meeting] = await h.store.meetings.listUpcoming(circle.id, h.clock.now(), {
      statuses: ['scheduled'],
    });
    expect(meeting).toMatchObject({ facilitatorId: ALICE, turnOwnerId: ALICE });
    // Fixed: leaving the pool now changes later duties only.
    await h.services.facilitation.pool(h.member(ALICE), 'Supervision', 'leave');
    expect((await rotation()).slice(0, 3)).toEqual([ALICE, BOB, CAROL]);
  });

  it('designated circles always name the leader and co-leader', async () => {
    const led = await makeCircle('Led Group', 'designated');
    await h.services.settings.update(h.moderator, 'Led Group', { leaderId: BOB, coLeaderId: CAROL });
    h.clock.set('2026-03-01T12:15:00Z');
    await h.services.reminders.tick();
    const reminder = h.platform.posts.find(
      (p) => p.channelId === led.textChannelId && p.message.content.startsWith('🔒'),
    )!;
    expect(reminder.message.content).toContain(`Facilitator: <@${BOB}> with <@${CAROL}>`);
    h.clock.advance(60_000);
    await h.services.reminders.tick();
    const told = h.platform.directMessages.find(
      (d) => d.userId === BOB && d.message.content.startsWith('You facilitate'),
    );
    expect(told?.message.content).toContain('**Led Group**');
    await expect(h.services.facilitation.pool(h.member(ALICE), 'Led Group', 'join')).rejects.toThrow(
      'designated leaders',
    );
  });

  it('a swap trades two duties once the other accepts, and costs nobody their place', async () => {
    const { swap } = await h.services.swaps.proposeSwap(h.member(ALICE), 'Supervision', BOB);
    expect(h.platform.directMessages.at(-1)).toMatchObject({ userId: BOB });
    expect(await rotation()).toEqual([ALICE, BOB, CAROL, ALICE, BOB, CAROL]);
    await expect(h.services.swaps.answerSwap(CAROL, swap.id, true)).rejects.toThrow(ForbiddenError);
    await h.services.swaps.answerSwap(BOB, swap.id, true);
    await expect(h.services.swaps.answerSwap(BOB, swap.id, false)).rejects.toThrow('already been answered');
    expect(await rotation()).toEqual([BOB, ALICE, CAROL, ALICE, BOB, CAROL]);
  });

  it('a swap holds after its first meeting is fixed, and a duty cannot be traded twice', async () => {
    const { swap } = await h.services.swaps.proposeSwap(h.member(ALICE), 'Supervision', BOB);
    await expect(h.services.swaps.proposeSwap(h.member(ALICE), 'Supervision', CAROL)).rejects.toThrow(
      'already part of a swap',
    );
    await h.services.swaps.answerSwap(BOB, swap.id, true);
    h.clock.set('2026-03-01T12:15:00Z');
    await h.services.reminders.tick(); // fixes the first meeting: Bob, by the swap
    expect((await rotation()).slice(0, 4)).toEqual([BOB, ALICE, CAROL, ALICE]);
  });

  it('a missed first reminder: the next reminder fixes and names the facilitator', async () => {
    h.clock.set('2026-03-01T12:30:05Z'); // down through the 15-minute reminder
    await h.services.reminders.tick();
    const prompt = h.platform.posts.filter((p) => p.channelId === circle.textChannelId).at(-1)!;
    expect(prompt.message.content).toContain(`Facilitator: <@${ALICE}>`);
  });

  it('a fixed duty of someone who leaves the circle is fixed again without them', async () => {
    h.clock.set('2026-03-01T12:15:00Z');
    await h.services.reminders.tick();
    await h.services.membership.leave(h.member(ALICE), 'Supervision');
    h.clock.set('2026-03-01T12:30:05Z');
    await h.services.reminders.tick();
    const prompt = h.platform.posts.filter((p) => p.channelId === circle.textChannelId).at(-1)!;
    expect(prompt.message.content).toContain(`Facilitator: <@${BOB}>`);
  });

  it('refuses bad requests clearly and stores nothing', async () => {
    const before = {
      swaps: await h.store.facilitation.swaps(circle.id, ['proposed', 'accepted', 'declined']),
      away: await h.store.facilitation.away(circle.id),
    };
    await expect(h.services.swaps.proposeSwap(h.member(ALICE), 'Supervision', DAN)).rejects.toThrow(
      'is not in the facilitator pool',
    );
    await expect(h.services.swaps.proposeSwap(h.member(ALICE), 'Supervision', ALICE)).rejects.toThrow(
      ValidationError,
    );
    await expect(h.services.swaps.proposeSwap(h.member(DAN), 'Supervision', BOB)).rejects.toThrow(
      ForbiddenError,
    );
    await expect(
      h.services.facilitation.away(h.member(BOB), 'Supervision', '2026-03-10', '2026-03-01'),
    ).rejects.toThrow('The end of your time away (2026-03-01) comes before its start (2026-03-10).');
    await expect(
      h.services.facilitation.away(h.member(BOB), 'Supervision', 'soon', '2026-03-01'),
    ).rejects.toThrow(ValidationError);
    await expect(h.services.facilitation.pool(h.member(DAN), 'Supervision', 'join')).rejects.toThrow(
      ForbiddenError,
    );
    expect({
      swaps: await h.store.facilitation.swaps(circle.id, ['proposed', 'accepted', 'declined']),
      away: await h.store.facilitation.away(circle.id),
    }).toEqual(before);
  });

  it('a swap accepted while the partner leaves the pool leaves one facilitator per meeting', async () => {
    const { swap } = await h.services.swaps.proposeSwap(h.member(ALICE), 'Supervision', BOB);
    await Promise.all([
      h.services.swaps.answerSwap(BOB, swap.id, true),
      h.services.facilitation.pool(h.member(BOB), 'Supervision', 'leave'),
    ]);
    const duties = await rotation();
    expect(duties).not.toContain(BOB);
    expect(duties).toEqual([ALICE, CAROL, ALICE, CAROL, ALICE, CAROL]);
  });

  it('swaps need an upcoming duty on both sides', async () => {
    await h.services.circles.create(h.moderator, {
      name: 'Unscheduled',
      kind: 'study',
      facilitation: 'rotating',
    });
    for (const userId of [ALICE, BOB]) {
      await h.services.roster.add(h.moderator, 'Unscheduled', { userId, isBot: false });
      const c = (await h.store.circles.findByName(circle.guildId, 'Unscheduled'))!;
      await h.services.membership.accept(userId, c.id, 1);
      await h.services.facilitation.pool(h.member(userId), 'Unscheduled', 'join');
    }
    await expect(h.services.swaps.proposeSwap(h.member(ALICE), 'Unscheduled', BOB)).rejects.toThrow(
      'Both of you need an upcoming duty',
    );
  });
});

describe.each(databases)('a year of weekly meetings on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
    h.clock.set('2026-01-04T10:00:00Z'); // a Sunday
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  it.each(['rotating', 'designated'] as const)(
    '%s: duties are fixed each week and stay fair',
    async (mode) => {
      const circle = await h.services.circles.create(h.moderator, {
        name: 'Yearly',
        kind: 'peer-consultation',
        facilitation: mode,
      });
      for (const userId of [ALICE, BOB, CAROL]) {
        await h.services.roster.add(h.moderator, 'Yearly', { userId, isBot: false });
        await h.services.membership.accept(userId, circle.id, 1);
        if (mode === 'rotating') await h.services.facilitation.pool(h.member(userId), 'Yearly', 'join');
        h.clock.advance(1000);
      }
      if (mode === 'designated') await h.services.settings.update(h.moderator, 'Yearly', { leaderId: CAROL });
      await h.services.schedules.set(h.moderator, 'Yearly', {
        weekday: 7,
        time: '12:30',
        timeZone: 'UTC',
        duration: 60,
      });
      const duties = new Map<string, number>();
      for (let week = 0; week < 52; week++) {
        h.clock.set(new Date(Date.parse('2026-01-04T12:15:30Z') + week * 7 * 86_400_000));
        await h.services.schedules.materialiseDue();
        await h.services.reminders.tick();
        const [meeting] = await h.store.meetings.listUpcoming(circle.id, h.clock.now(), {
          statuses: ['scheduled'],
          limit: 1,
        });
        expect(meeting?.assignedAt).not.toBeNull();
        const who = meeting!.facilitatorId!;
        duties.set(who, (duties.get(who) ?? 0) + 1);
      }
      const counts = [ALICE, BOB, CAROL].map((id) => duties.get(id) ?? 0);
      console.log(
        `${database.name}, ${mode}: duties over 52 weeks for a pool of three: ${counts.join(', ')}`,
      );
      if (mode === 'designated') expect(counts).toEqual([0, 0, 52]);
      else expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    },
  );
});
