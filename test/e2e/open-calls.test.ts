import type { APIMessage } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databases, type TestDatabase } from '../support/databases.js';
import {
  buttonId,
  firstMeetingTomorrow,
  runConfirmed,
  startE2E,
  weeklyAt,
  type E2E,
} from '../support/e2e.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

describe.each(databases)('open calls end to end on $name', (database) => {
  let db: TestDatabase;
  let t: E2E;
  beforeEach(async () => {
    db = await database.create();
    t = await startE2E(db);
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  const mod = () => t.world.users.moderator;

  const create = async (name: string, capacity = 4) => {
    const reply = await t.run(mod(), 'circle-admin', {
      subcommand: 'create',
      options: { name, kind: 'balint', capacity },
    });
    expect(reply.content).toContain(`Created **${name}**`);
    const circle = await t.bot.store.circles.findByName(t.world.guildId, name);
    if (!circle) throw new Error(`no circle ${name}`);
    return circle;
  };

  const joinAndAccept = async (userId: string, name: string) => {
    const join = await t.run(userId, 'circle', { subcommand: 'join', options: { circle: name } });
    const accepted = await t.click(userId, join.message, buttonId(join, 'I accept'));
    expect(accepted.content).toContain(`Welcome to **${name}**`);
  };

  const announce = (name: string, channel = t.world.generalId, userId = mod()) =>
    t.run(userId, 'circle-admin', { subcommand: 'announce', options: { circle: name, channel } });

  /** The card as the emulator holds it now. */
  const card = (messageId: string, channelId = t.world.generalId): APIMessage => {
    const found = t.emu.messages(channelId).find((m) => m.id === messageId);
    if (!found) throw new Error(`no message ${messageId}`);
    return found;
  };

  const announced = async (name: string) => {
    const reply = await announce(name);
    expect(reply.ephemeral).toBe(true);
    const link = /https:\/\/discord\.com\/channels\/(\d+)\/(\d+)\/(\d+)/.exec(reply.content);
    expect(link?.[1]).toBe(t.world.guildId);
    expect(link?.[2]).toBe(t.world.generalId);
    return link![3]!;
  };

  const requestsFor = (method: string, messageId?: string) =>
    t.emu.requests.filter(
      (r) =>
        r.method === method &&
        (messageId
          ? r.path === `/channels/${t.world.generalId}/messages/${messageId}`
          : r.path === `/channels/${t.world.generalId}/messages`),
    );

  it('posts a card with the circle’s facts that pings nobody and names no member but the leader; Join runs the join flow and the card follows the places', async () => {
    const circle = await create('Tuesday Balint', 4);
    const { alice, bob, carol } = t.world.users;
    await joinAndAccept(alice, 'Tuesday Balint');
    await joinAndAccept(carol, 'Tuesday Balint');
    await t.run(mod(), 'circle-admin', {
      subcommand: 'settings',
      options: { circle: 'Tuesday Balint', leader: alice },
    });
    const first = firstMeetingTomorrow();
    await t.run(mod(), 'circle-admin', {
      subcommand: 'schedule',
      options: { circle: 'Tuesday Balint', ...weeklyAt(first) },
    });

    const messageId = await announced('Tuesday Balint');
    const posted = card(messageId);
    const unix = Math.floor(first.getTime() / 1000);
    const weekday = WEEKDAYS[(first.getUTCDay() + 6) % 7];
    expect(posted.content).toContain('Open call: Tuesday Balint');
    expect(posted.content).toContain('Balint group');
    expect(posted.content).toContain(`every ${weekday}, 90 minutes`);
    expect(posted.content).toContain(`<t:${unix}:F>`);
    expect(posted.content).toContain(`<t:${unix}:R>`);
    expect(posted.content).toContain(`**Leader:** <@${alice}>`);
    expect(posted.content).toContain('**Places left:** 2');
    // Nobody but the leader is named, and no count of members is given.
    const mentioned = [...JSON.stringify(posted).matchAll(/<@!?&?(\d+)>/g)].map((m) => m[1]);
    expect(new Set(mentioned)).toEqual(new Set([alice]));
    expect(JSON.stringify(posted)).not.toContain(carol);
    expect(posted.content).not.toMatch(/of 4|members/);
    expect(requestsFor('POST').at(-1)?.body).toMatchObject({ allowed_mentions: { parse: [] } });

    const audit = await t.bot.store.audit.list({ guildId: t.world.guildId, circleId: circle.id });
    const event = audit.find((e) => e.action === 'circle.announced');
    expect(event?.actorId).toBe(mod());
    expect(Object.values(event?.detail ?? {}).flat()).toContain(messageId);

    // Bob presses Join: the agreement, privately; he accepts and gets access.
    const join = await t.click(bob, posted, buttonId(posted, 'Join'));
    expect(join.ephemeral).toBe(true);
    expect(join.embeds[0]).toMatchObject({ title: 'Tuesday Balint: confidentiality agreement (version 1)' });
    expect(t.emu.canView(bob, circle.textChannelId)).toBe(false);
    const accepted = await t.click(bob, join.message, buttonId(join, 'I accept'));
    expect(accepted.content).toContain('Welcome to **Tuesday Balint**');
    expect(t.emu.canView(bob, circle.textChannelId)).toBe(true);

    const after = card(messageId);
    expect(after.content).toContain('**Places left:** 1');
    expect(after.content).not.toContain(bob);
    expect(buttonId(after, 'Join')).toBeTruthy();
    const edits = requestsFor('PATCH', messageId);
    expect(edits.length).toBeGreaterThan(0);
    for (const edit of edits) expect(edit.body).toMatchObject({ allowed_mentions: { parse: [] } });

    // Already a member: said so, privately.
    const again = await t.click(bob, after, buttonId(after, 'Join'));
    expect(again.ephemeral).toBe(true);
    expect(again.content).toContain('already a member of **Tuesday Balint**');

    // A moderator removes a member: one place more; a capacity change shows too.
    await runConfirmed(
      t,
      mod(),
      'circle-admin',
      { subcommand: 'remove', options: { circle: 'Tuesday Balint', member: carol } },
      'Remove',
    );
    expect(card(messageId).content).toContain('**Places left:** 2');
    await t.run(mod(), 'circle-admin', {
      subcommand: 'settings',
      options: { circle: 'Tuesday Balint', capacity: 6 },
    });
    expect(card(messageId).content).toContain('**Places left:** 4');
  });

  it('closes the card when the last place is taken, and refuses to announce a full circle', async () => {
    await create('Study Hall', 2);
    const { alice, bob, carol } = t.world.users;
    await joinAndAccept(alice, 'Study Hall');
    const messageId = await announced('Study Hall');
    expect(card(messageId).content).toContain('**Places left:** 1');

    const posted = card(messageId);
    const join = await t.click(bob, posted, buttonId(posted, 'Join'));
    await t.click(bob, join.message, buttonId(join, 'I accept'));
    const closed = card(messageId);
    expect(closed.content).toContain('Enrolment is closed. Every place is taken.');
    expect(closed.components ?? []).toEqual([]);
    expect(closed.content).not.toContain('Places left');

    // Discord no longer shows the button; /circle join offers the waitlist.
    const late = await t.run(carol, 'circle', { subcommand: 'join', options: { circle: 'Study Hall' } });
    expect(late.content).toContain('is full');

    const refused = await announce('Study Hall');
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toContain('**Study Hall** is full');
  });

  it('closes the card when the circle locks, keeps it closed when it is unlocked, and closes it on archive', async () => {
    await create('Tuesday Balint');
    const messageId = await announced('Tuesday Balint');
    expect(buttonId(card(messageId), 'Join')).toBeTruthy();

    await t.run(mod(), 'circle-admin', { subcommand: 'lock', options: { circle: 'Tuesday Balint' } });
    expect(card(messageId).content).toContain('Enrolment is closed. The circle is not taking new members.');
    expect(card(messageId).components ?? []).toEqual([]);

    const refused = await announce('Tuesday Balint');
    expect(refused.content).toContain('is locked');

    await t.run(mod(), 'circle-admin', { subcommand: 'unlock', options: { circle: 'Tuesday Balint' } });
    await t.bot.tick();
    expect(card(messageId).content).toContain('Enrolment is closed');

    // Announced again, then archived.
    const second = await announced('Tuesday Balint');
    expect(second).not.toBe(messageId);
    await runConfirmed(
      t,
      mod(),
      'circle-admin',
      { subcommand: 'archive', options: { circle: 'Tuesday Balint' } },
      'Archive',
    );
    expect(card(second).content).toContain('Enrolment is closed. The circle has ended.');
    expect(card(second).components ?? []).toEqual([]);
    expect(await announce('Tuesday Balint').then((r) => r.content)).toContain('archived');
  });

  it('announcing again closes the earlier card', async () => {
    await create('Tuesday Balint');
    const first = await announced('Tuesday Balint');
    const reply = await announce('Tuesday Balint');
    expect(reply.content).toContain('Its earlier open call is closed now.');
    expect(card(first).content).toContain('A newer open call replaced this one.');
    expect(card(first).components ?? []).toEqual([]);
    const circle = await t.bot.store.circles.findByName(t.world.guildId, 'Tuesday Balint');
    expect(await t.bot.store.openCalls.listOpen(circle!.id)).toHaveLength(1);
  });

  it('refuses a circle’s own channel, a channel the bot cannot post in, and a non-moderator, posting nothing', async () => {
    const circle = await create('Tuesday Balint');
    const before = t.discordSnapshot();

    const own = await announce('Tuesday Balint', circle.textChannelId);
    expect(own.ephemeral).toBe(true);
    expect(own.content).toContain('is a circle’s own channel');

    const mute = await announce('Tuesday Balint', t.world.staffOnlyId);
    expect(mute.ephemeral).toBe(true);
    expect(mute.content).toContain('The bot cannot post in');

    t.emu.setCommandPermissions(t.world.guildId, 'circle-admin', [
      { id: t.world.guildId, type: 1, permission: true },
    ]);
    const outsider = await announce('Tuesday Balint', t.world.generalId, t.world.users.bob);
    expect(outsider.ephemeral).toBe(true);
    expect(outsider.content).toContain('Only moderators');

    expect(t.discordSnapshot()).toEqual(before);
    expect(await t.bot.store.openCalls.listOpen(circle.id)).toEqual([]);
  });

  it('a card whose edit failed is brought up to date by the scheduler; the join itself succeeds', async () => {
    const circle = await create('Tuesday Balint', 4);
    const messageId = await announced('Tuesday Balint');
    const posted = card(messageId);
    expect(posted.content).toContain('**Places left:** 4');

    // Discord fails the edit on every retry.
    const fault = t.emu.injectFailures({ method: 'PATCH', path: /\/messages\/\d+$/, status: 500, times: 4 });
    const join = await t.click(t.world.users.bob, posted, buttonId(posted, 'Join'));
    expect(join.embeds[0]).toMatchObject({ title: 'Tuesday Balint: confidentiality agreement (version 1)' });
    expect(fault.remaining).toBe(0);
    expect(card(messageId).content).toContain('**Places left:** 4');
    const [stale] = await t.bot.store.openCalls.listOpen(circle.id);
    expect(stale).toMatchObject({ failures: 1, lastError: '500' });

    await t.bot.tick();
    expect(card(messageId).content).toContain('**Places left:** 3');
    const [fresh] = await t.bot.store.openCalls.listOpen(circle.id);
    expect(fresh).toMatchObject({ failures: 0, lastError: null });
  });

  it('a card whose message was deleted is marked closed', async () => {
    const circle = await create('Tuesday Balint');
    const messageId = await announced('Tuesday Balint');
    t.emu.deleteMessage(t.world.generalId, messageId);
    await joinAndAccept(t.world.users.bob, 'Tuesday Balint');
    expect(await t.bot.store.openCalls.listOpen(circle.id)).toEqual([]);
  });
});
