import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databases, type TestDatabase } from '../support/databases.js';
import { buttonId, firstMeetingTomorrow, startE2E, weeklyAt, type E2E } from '../support/e2e.js';
import { FakeClock } from '../support/fake-chat-platform.js';

const MINUTE = 60_000;
const unix = (instant: Date) => Math.floor(instant.getTime() / 1000);

describe.each(databases)('drop-in places end to end on $name', (database) => {
  let db: TestDatabase;
  let t: E2E;
  let clock: FakeClock;
  const first = firstMeetingTomorrow();
  const reminderAt = new Date(first.getTime() - 15 * MINUTE);
  const endsAt = new Date(first.getTime() + 90 * MINUTE);

  beforeEach(async () => {
    db = await database.create();
    clock = new FakeClock(new Date());
    t = await startE2E(db, { clock });
    const { moderator, alice } = t.world.users;
    await t.run(moderator, 'setup', {
      options: { 'mod-log': t.world.modLogId, 'moderator-role': t.world.moderatorRoleId },
    });
    await t.run(moderator, 'circle-admin', {
      subcommand: 'create',
      options: { name: 'Peer Group', kind: 'peer-consultation' },
    });
    const join = await t.run(alice, 'circle', { subcommand: 'join', options: { circle: 'Peer Group' } });
    await t.click(alice, join.message, buttonId(join, 'I accept'));
    await t.run(moderator, 'circle-admin', {
      subcommand: 'settings',
      options: { circle: 'Peer Group', leader: alice },
    });
    await t.run(moderator, 'circle-admin', {
      subcommand: 'schedule',
      options: { circle: 'Peer Group', ...weeklyAt(first), duration: 90 },
    });
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  const circle = async () => (await t.bot.store.circles.findByName(t.world.guildId, 'Peer Group'))!;
  const offerDropIns = (places: number) =>
    t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'settings',
      options: { circle: 'Peer Group', 'drop-ins': places },
    });
  /** `/meeting drop-in` and "I accept": the reply to the click. */
  const takePlace = async (userId: string) => {
    const offer = await t.run(userId, 'meeting', {
      subcommand: 'drop-in',
      options: { circle: 'Peer Group' },
    });
    return t.click(userId, offer.message, buttonId(offer, 'I accept'));
  };
  const canSeeBoth = async (userId: string) => {
    const c = await circle();
    return [t.emu.canView(userId, c.textChannelId), t.emu.canView(userId, c.voiceChannelId)];
  };
  const firstMeeting = async () => {
    const c = await circle();
    return (
      await t.bot.store.meetings.listUpcoming(c.id, clock.now(), { statuses: ['scheduled'], limit: 1 })
    )[0]!;
  };
  const dropInOf = async (userId: string) => t.bot.store.dropIns.find((await firstMeeting()).id, userId);
  const actions = async () =>
    (await t.bot.store.audit.list({ guildId: t.world.guildId })).map((event) => event.action);

  it('shows the agreement first, records the acceptance, and opens the channels from the first reminder to the end', async () => {
    const { dan } = t.world.users;
    const settings = await offerDropIns(2);
    expect(settings.content).toContain('drop-in places 2 per meeting');
    const c = await circle();

    const offer = await t.run(dan, 'meeting', { subcommand: 'drop-in', options: { circle: 'Peer Group' } });
    expect(offer.ephemeral).toBe(true);
    expect(offer.content).toContain(`drop-in place at its meeting of <t:${unix(first)}:F>`);
    expect(JSON.stringify(offer.embeds)).toContain('confidentiality agreement (version 1)');
    const accepted = await t.click(dan, offer.message, buttonId(offer, 'I accept'));
    expect(accepted.ephemeral).toBe(true);
    expect(accepted.content).toContain(`opens <t:${unix(reminderAt)}:F>`);
    expect(accepted.content).toContain(`ends when the meeting ends, <t:${unix(endsAt)}:F>`);
    expect((await t.bot.store.agreements.acceptances(c.id, dan)).map((a) => a.version)).toEqual([1]);
    expect(await dropInOf(dan)).toMatchObject({ status: 'requested', acceptedVersion: 1, grantedAt: null });
    // Never on the roster.
    expect(await t.bot.store.memberships.find(c.id, dan)).toBeNull();

    clock.set(new Date(reminderAt.getTime() - MINUTE));
    await t.bot.tick();
    expect(await canSeeBoth(dan)).toEqual([false, false]);

    clock.set(reminderAt);
    await t.bot.tick();
    expect(await canSeeBoth(dan)).toEqual([true, true]);
    expect(await dropInOf(dan)).toMatchObject({ status: 'granted', grantedAt: reminderAt });
    expect(await actions()).toContain('dropin.granted');

    // A sweep and a moderator's repair inside the window keep the drop-in.
    await t.bot.sweep();
    const repair = await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'repair',
      options: { circle: 'Peer Group' },
    });
    expect(repair.ephemeral).toBe(true);
    expect(await canSeeBoth(dan)).toEqual([true, true]);

    // Checks in on the reminder, as a participant.
    const reminder = t.emu.messages(c.textChannelId).at(-1)!;
    const checkIn = await t.click(dan, reminder, buttonId(reminder, 'Check in'));
    expect(checkIn.content).toContain('You are checked in to **Peer Group**');
    const meeting = await firstMeeting();
    expect(await t.bot.store.attendance.listForMeeting(meeting.id)).toEqual([
      expect.objectContaining({ userId: dan, roles: ['participant'] }),
    ]);

    // Absent from the roster and the rotation.
    const info = await t.run(t.world.users.alice, 'circle', {
      subcommand: 'info',
      options: { circle: 'Peer Group' },
    });
    expect(info.content).not.toContain(dan);
    const rotation = await t.run(t.world.users.alice, 'facilitator', {
      subcommand: 'rotation',
      options: { circle: 'Peer Group' },
    });
    expect(rotation.content).not.toContain(dan);
    expect((await circle()).capacity).toBe(c.capacity);

    clock.set(endsAt);
    await t.bot.tick();
    expect(await canSeeBoth(dan)).toEqual([false, false]);
    const ended = await t.bot.store.dropIns.find(meeting.id, dan);
    expect(ended).toMatchObject({ status: 'ended', endedAt: endsAt });
    expect(await actions()).toContain('dropin.ended');
    // A sweep after the window leaves them out.
    await t.bot.sweep();
    expect(await canSeeBoth(dan)).toEqual([false, false]);
  });

  it('removes access after the end when the bot was down across it, and a sweep after the window removes a leftover overwrite', async () => {
    const { dan } = t.world.users;
    await offerDropIns(1);
    await takePlace(dan);
    const meeting = await firstMeeting();
    clock.set(reminderAt);
    await t.bot.tick();
    expect(await canSeeBoth(dan)).toEqual([true, true]);

    // The sweep alone takes the overwrite away once the meeting is over.
    clock.set(new Date(endsAt.getTime() + MINUTE));
    await t.bot.sweep();
    expect(await canSeeBoth(dan)).toEqual([false, false]);

    // The bot stops with the drop-in still granted and starts again after the end.
    const c = await circle();
    t.emu.putOverwrite(c.textChannelId, { id: dan, type: 1, allow: '1024', deny: '0' });
    await t.restartBot();
    await t.bot.tick();
    expect(t.emu.canView(dan, c.textChannelId)).toBe(false);
    expect(await t.bot.store.dropIns.find(meeting.id, dan)).toMatchObject({ status: 'ended' });
  });

  it('a drop-in brings a case while their place is current; not taken, it is withdrawn with its text after the meeting', async () => {
    const { dan, alice } = t.world.users;
    await offerDropIns(1);
    await takePlace(dan);
    const early = await t.run(dan, 'case', { subcommand: 'submit', options: { circle: 'Peer Group' } });
    expect(early.ephemeral).toBe(true);
    expect(early.content).toContain('Only members of **Peer Group** can bring cases to it');

    clock.set(reminderAt);
    await t.bot.tick();
    const form = await t.run(dan, 'case', { subcommand: 'submit', options: { circle: 'Peer Group' } });
    const saved = await t.emu
      .as(dan)
      .submitModal(t.world.guildId, form.modal!, { label: 'A rupture after a holiday', question: '' })
      .reply();
    expect(saved.content).toContain('number 1 in the queue');
    const queue = await t.run(alice, 'case', { subcommand: 'queue', options: { circle: 'Peer Group' } });
    expect(queue.content).toContain(dan);

    clock.set(endsAt);
    await t.bot.tick();
    const c = await circle();
    const [request] = await t.bot.store.cases.listByCircle(c.id, [
      'open',
      'presenting',
      'presented',
      'withdrawn',
    ]);
    expect(request).toMatchObject({ userId: dan, status: 'withdrawn', label: null, question: null });
  });

  it('opens the channels at once to someone who books after the first reminder', async () => {
    const { dan } = t.world.users;
    await offerDropIns(1);
    clock.set(new Date(reminderAt.getTime() + 5 * MINUTE));
    const accepted = await takePlace(dan);
    expect(accepted.content).toContain('is open now');
    expect(await canSeeBoth(dan)).toEqual([true, true]);
  });

  it('refuses clearly: places full, a circle without drop-ins, a member of the circle', async () => {
    const { dan, erin, alice, moderator } = t.world.users;
    const none = await t.run(dan, 'meeting', { subcommand: 'drop-in', options: { circle: 'Peer Group' } });
    expect(none.ephemeral).toBe(true);
    expect(none.content).toContain('**Peer Group** does not offer drop-in places.');

    await offerDropIns(1);
    const member = await t.run(alice, 'meeting', {
      subcommand: 'drop-in',
      options: { circle: 'Peer Group' },
    });
    expect(member.content).toContain('drop-in places are for people outside it');

    // Both see the offer; the first to accept takes the one place, the second is refused.
    const offerDan = await t.run(dan, 'meeting', {
      subcommand: 'drop-in',
      options: { circle: 'Peer Group' },
    });
    const offerErin = await t.run(erin, 'meeting', {
      subcommand: 'drop-in',
      options: { circle: 'Peer Group' },
    });
    await t.click(dan, offerDan.message, buttonId(offerDan, 'I accept'));
    const late = await t.click(erin, offerErin.message, buttonId(offerErin, 'I accept'));
    expect(late.content).toContain('were taken in the meantime');
    expect(await dropInOf(erin)).toBeNull();
    // Asking again finds the next week's meeting, which still has its place.
    const next = await t.run(erin, 'meeting', { subcommand: 'drop-in', options: { circle: 'Peer Group' } });
    expect(next.content).toContain(`<t:${unix(first) + 7 * 24 * 3600}:F>`);
    const again = await t.run(dan, 'meeting', { subcommand: 'drop-in', options: { circle: 'Peer Group' } });
    expect(again.content).toContain('You already have a drop-in place');

    // Autocomplete offers only circles with drop-in places.
    await t.run(moderator, 'circle-admin', {
      subcommand: 'create',
      options: { name: 'Study Circle', kind: 'study' },
    });
    const choices = await t.emu.as(dan).autocomplete(t.world.guildId, 'meeting', {
      subcommand: 'drop-in',
      focused: 'circle',
      options: { circle: '' },
    });
    expect(choices).toEqual([{ name: 'Peer Group', value: 'Peer Group' }]);
  });

  it('a leader turns drop-ins off for one meeting: places not yet open are withdrawn by DM, open ones stay', async () => {
    const { dan, erin, alice } = t.world.users;
    await offerDropIns(2);
    await takePlace(erin);
    const off = await t.run(alice, 'meeting', {
      subcommand: 'drop-ins',
      options: { circle: 'Peer Group', places: 'off' },
    });
    expect(off.ephemeral).toBe(true);
    expect(off.content).toContain('1 drop-in place(s) not yet open were withdrawn');
    expect(await dropInOf(erin)).toMatchObject({ status: 'cancelled' });
    expect(t.emu.dmMessages(erin).at(-1)?.content).toContain('Your drop-in place at **Peer Group**');
    const refused = await t.run(dan, 'meeting', { subcommand: 'drop-in', options: { circle: 'Peer Group' } });
    expect(refused.content).toContain(`<t:${unix(first) + 7 * 24 * 3600}:F>`); // the next one that offers them

    await t.run(alice, 'meeting', {
      subcommand: 'drop-ins',
      options: { circle: 'Peer Group', places: 'on' },
    });
    await takePlace(dan);
    clock.set(reminderAt);
    await t.bot.tick();
    const offAgain = await t.run(alice, 'meeting', {
      subcommand: 'drop-ins',
      options: { circle: 'Peer Group', places: 'off' },
    });
    expect(offAgain.content).toContain('1 drop-in(s) already in the channels keep their place');
    expect(await canSeeBoth(dan)).toEqual([true, true]);
    const notLeader = await t.run(dan, 'meeting', {
      subcommand: 'drop-ins',
      options: { circle: 'Peer Group', places: 'on' },
    });
    expect(notLeader.content).toContain('Only moderators and the circle’s leaders');
  });

  it('moving a meeting closes an opened place until the new time’s first reminder', async () => {
    const { dan, alice } = t.world.users;
    await offerDropIns(1);
    await takePlace(dan);
    const meeting = await firstMeeting();
    clock.set(reminderAt);
    await t.bot.tick();
    expect(await canSeeBoth(dan)).toEqual([true, true]);

    const later = new Date(first.getTime() + 7 * 24 * 60 * MINUTE);
    await t.run(alice, 'meeting', {
      subcommand: 'move',
      options: { circle: 'Peer Group', date: later.toISOString().slice(0, 10), time: '12:00' },
    });
    const moved = (await t.bot.store.meetings.findById(meeting.id))!;
    expect(moved.startsAt.getTime()).toBeGreaterThan(first.getTime());
    expect(await canSeeBoth(dan)).toEqual([false, false]);
    expect(await t.bot.store.dropIns.find(meeting.id, dan)).toMatchObject({ status: 'requested' });
    expect(await actions()).toContain('dropin.closed-until-moved-meeting');
    await t.bot.tick();
    expect(await canSeeBoth(dan)).toEqual([false, false]);

    clock.set(new Date(moved.startsAt.getTime() - 15 * MINUTE));
    await t.bot.tick();
    expect(await canSeeBoth(dan)).toEqual([true, true]);
  });

  it('cancelling the meeting cancels its drop-ins and removes their access', async () => {
    const { dan, alice } = t.world.users;
    await offerDropIns(1);
    await takePlace(dan);
    const meeting = await firstMeeting();
    clock.set(reminderAt);
    await t.bot.tick();
    expect(await canSeeBoth(dan)).toEqual([true, true]);
    const asked = await t.run(alice, 'meeting', { subcommand: 'cancel', options: { circle: 'Peer Group' } });
    expect(await canSeeBoth(dan)).toEqual([true, true]); // nothing changes before the confirmation
    await t.click(alice, asked.message, buttonId(asked, 'Cancel the meeting'));
    expect(await canSeeBoth(dan)).toEqual([false, false]);
    expect(await t.bot.store.dropIns.find(meeting.id, dan)).toMatchObject({ status: 'cancelled' });
    expect(t.emu.dmMessages(dan).at(-1)?.content).toContain('is cancelled, and your drop-in place with it');
  });

  it('never fills more places than offered when people accept at the same moment', async () => {
    const { bob, carol, dan, erin } = t.world.users;
    await offerDropIns(2);
    const people = [bob, carol, dan, erin];
    const offers = await Promise.all(
      people.map((userId) =>
        t.run(userId, 'meeting', { subcommand: 'drop-in', options: { circle: 'Peer Group' } }),
      ),
    );
    const replies = await Promise.all(
      people.map((userId, i) => t.click(userId, offers[i]!.message, buttonId(offers[i], 'I accept'))),
    );
    const meeting = await firstMeeting();
    expect(await t.bot.store.dropIns.count(meeting.id, ['requested', 'granted'])).toBe(2);
    expect(replies.filter((r) => r.content.includes('You have a drop-in place'))).toHaveLength(2);
    expect(replies.filter((r) => r.content.includes('were taken in the meantime'))).toHaveLength(2);
  });
});
