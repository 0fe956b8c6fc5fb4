import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplyView } from '../../emulator/index.js';
import { databases, type TestDatabase } from '../support/databases.js';
import { buttonId, startE2E, type E2E } from '../support/e2e.js';
import { FakeClock } from '../support/fake-chat-platform.js';
import { pdfText } from '../support/pdf-text.js';

const MINUTE = 60_000;
const CIRCLE = 'Berlin Peers';
/** Sundays at 19:00 in Berlin: 18:00 UTC until 28 March 2027, 17:00 UTC from then on. */
const STARTS = ['2027-03-21T18:00:00Z', '2027-03-28T17:00:00Z', '2027-04-04T17:00:00Z'].map((iso) =>
  Date.parse(iso),
);

const csv = (reply: ReplyView, index: number) =>
  parse<Record<string, string>>(reply.attachments[index]!.data, { bom: true, columns: true });

describe.each(databases)('attendance for credit end to end on $name', (database) => {
  let db: TestDatabase;
  let t: E2E;
  let clock: FakeClock;

  beforeEach(async () => {
    db = await database.create();
    clock = new FakeClock(new Date('2027-03-15T10:00:00Z'));
    t = await startE2E(db, { clock });
    const { moderator, alice, bob, carol, dan } = t.world.users;
    await t.run(moderator, 'circle-admin', {
      subcommand: 'create',
      options: { name: CIRCLE, kind: 'peer-consultation', facilitation: 'designated' },
    });
    for (const userId of [alice, bob, carol, dan]) {
      const join = await t.run(userId, 'circle', { subcommand: 'join', options: { circle: CIRCLE } });
      await t.click(userId, join.message, buttonId(join, 'I accept'));
    }
    const settings = await t.run(moderator, 'circle-admin', {
      subcommand: 'settings',
      options: { circle: CIRCLE, leader: alice, 'co-leader': carol, attendance: '2 of 3' },
    });
    expect(settings.content).toContain('attendance asked at least 2 of the last 3 meetings');
    await t.run(moderator, 'circle-admin', {
      subcommand: 'schedule',
      options: { circle: CIRCLE, weekday: 7, time: '19:00', timezone: 'Europe/Berlin', duration: 90 },
    });
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  it('runs a series across a daylight-saving change and exports, certifies and verifies what happened', async () => {
    const { alice, bob, carol, dan } = t.world.users;
    const circle = (await t.bot.store.circles.findByName(t.world.guildId, CIRCLE))!;
    const present = [
      [alice, bob, carol],
      [alice, bob],
      [alice, bob, carol],
    ];
    for (const [index, start] of STARTS.entries()) {
      if (index === 1) {
        const form = await t.run(bob, 'case', { subcommand: 'submit', options: { circle: CIRCLE } });
        const saved = await t.emu
          .as(bob)
          .submitModal(t.world.guildId, form.modal!, { label: 'Stuck with a silent client', question: '' })
          .reply();
        expect(saved.content).toContain('number 1 in the queue');
      }
      clock.set(new Date(start - 10 * MINUTE));
      await t.bot.tick();
      const reminder = t.emu.messages(circle.textChannelId).at(-1)!;
      for (const userId of present[index]!) {
        const checkIn = await t.click(userId, reminder, buttonId(reminder, 'Check in'));
        expect(checkIn.content).toContain('You are checked in');
      }
      if (index === 1) {
        clock.set(new Date(start + 5_000));
        await t.bot.tick();
        const next = await t.run(alice, 'case', { subcommand: 'next', options: { circle: CIRCLE } });
        expect(next.content).toContain(`Next case in **${CIRCLE}**: <@${bob}>`);
      }
      clock.set(new Date(start + 91 * MINUTE));
      await t.bot.tick();
    }

    // Dan fell below "2 of 3" with the second meeting: one private reminder, nothing in the channel.
    const notes = t.emu.dmMessages(dan).filter((m) => m.content.includes('A private note'));
    expect(notes.map((m) => m.content)).toEqual([
      expect.stringContaining(`**${CIRCLE}**: you have attended 0 of the 2 meetings so far`),
    ]);
    for (const userId of [alice, bob, carol]) {
      expect(t.emu.dmMessages(userId).filter((m) => m.content.includes('A private note'))).toEqual([]);
    }
    expect(
      t.emu
        .messages(circle.textChannelId)
        .map((m) => m.content)
        .join('\n'),
    ).not.toMatch(/private note|attended/);

    clock.set(new Date('2027-04-10T10:00:00Z'));
    const refused = await t.run(bob, 'attendance', { subcommand: 'export', options: { circle: CIRCLE } });
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toContain('Only moderators and the circle’s leaders can export its attendance.');
    expect(refused.attachments).toEqual([]);

    const exported = await t.run(alice, 'attendance', {
      subcommand: 'export',
      options: { circle: CIRCLE, from: '2027-03-01' },
    });
    expect(exported.ephemeral).toBe(true);
    expect(exported.attachments.map((a) => a.filename)).toEqual([
      'attendance-berlin-peers-2027-03-01-to-2027-04-10.csv',
      'leadership-berlin-peers-2027-03-01-to-2027-04-10.csv',
    ]);
    expect(exported.content).toContain(`<@${alice}> led 3, co-led 0; <@${carol}> led 0, co-led 2`);
    const rows = csv(exported, 0)
      .map((r) => [
        r['date'],
        r['start'],
        r['end'],
        r['time_zone'],
        r['member'],
        r['roles'],
        r['contact_hours'],
      ])
      .sort((a, b) => `${a[0]}${a[4]}`.localeCompare(`${b[0]}${b[4]}`));
    const lead = 'participant; facilitator; leader';
    const coLead = 'participant; co-facilitator; co-leader';
    const at = (date: string) => [date, '19:00', '20:30', 'Europe/Berlin'];
    expect(rows).toEqual([
      [...at('2027-03-21'), 'alice', lead, '1.5'],
      [...at('2027-03-21'), 'bob', 'participant', '1.5'],
      [...at('2027-03-21'), 'carol', coLead, '1.5'],
      [...at('2027-03-28'), 'alice', lead, '1.5'],
      [...at('2027-03-28'), 'bob', 'participant; presenter', '1.5'],
      [...at('2027-04-04'), 'alice', lead, '1.5'],
      [...at('2027-04-04'), 'bob', 'participant', '1.5'],
      [...at('2027-04-04'), 'carol', coLead, '1.5'],
    ]);
    const first = csv(exported, 0).find((r) => r['date'] === '2027-03-21')!;
    expect(first).toMatchObject({
      circle: CIRCLE,
      kind: 'peer-consultation',
      facilitators: 'alice; carol',
      leaders: 'alice; carol',
    });
    expect(csv(exported, 0).find((r) => r['date'] === '2027-03-28')!['facilitators']).toBe('alice');
    const log = csv(exported, 1).map((r) => [r['leader'], r['date'], r['led_or_co_led']]);
    expect(log).toEqual([
      ['alice', '2027-03-21', 'led'],
      ['carol', '2027-03-21', 'co-led'],
      ['alice', '2027-03-28', 'led'],
      ['alice', '2027-04-04', 'led'],
      ['carol', '2027-04-04', 'co-led'],
    ]);

    const certificate = await t.run(bob, 'attendance', {
      subcommand: 'certificate',
      options: { circle: CIRCLE, from: '2027-03-01' },
    });
    expect(certificate.ephemeral).toBe(true);
    const [pdf] = certificate.attachments;
    expect(pdf!.filename).toBe('certificate-berlin-peers-2027-03-01-to-2027-04-10.pdf');
    const code = /Verification code: `([0-9A-Z-]{19})`/.exec(certificate.content)![1]!;
    const text = (await pdfText(pdf!.data)).text.replace(/\s+/g, ' ');
    for (const part of [
      `Member: bob (Discord id ${bob})`,
      `Circle: ${CIRCLE} (peer consultation)`,
      'Period: 2027-03-01 to 2027-04-10; times in Europe/Berlin',
      '2027-03-21 19:00–20:30 participant 1.5 alice, carol',
      '2027-03-28 19:00–20:30 participant, presenter 1.5 alice',
      '2027-04-04 19:00–20:30 participant 1.5 alice, carol',
      'Total: 3 meetings, 4.5 hours of contact time',
      'by its leaders: alice and carol',
      `Verification code: ${code}`,
    ]) {
      expect(text).toContain(part);
    }
    const verified = await t.run(dan, 'attendance', { subcommand: 'verify', options: { code } });
    expect(verified.content).toContain(
      `Genuine and unchanged: a certificate issued <t:${Date.parse('2027-04-10T10:00:00Z') / 1000}:D> to <@${bob}> for **${CIRCLE}**, 2027-03-01 to 2027-04-10: 3 meetings, 4.5 hours.`,
    );
    const wrong = await t.run(dan, 'attendance', {
      subcommand: 'verify',
      options: { code: 'nonsense-nonsense-u' },
    });
    expect(wrong.content).toContain('A verification code has 16 letters and digits');

    const mine = await t.run(dan, 'attendance', { subcommand: 'mine', options: {} });
    expect(mine.content).toContain(
      `**Attendance in ${CIRCLE}**: 0 of the last 3 meetings (at least 2 of 3 asked) — below what the circle asks`,
    );
    const standing = await t.run(alice, 'attendance', {
      subcommand: 'standing',
      options: { circle: CIRCLE },
    });
    expect(standing.ephemeral).toBe(true);
    expect(standing.content).toContain('1 of 4 active members are below it');
    expect(standing.content).toContain(`• ⚠ <@${dan}>: 0 of the last 3 meetings`);
    const aliceMine = await t.run(alice, 'attendance', { subcommand: 'mine', options: {} });
    expect(aliceMine.content).toContain(`**Leadership**: led 3, co-led 0`);
    expect(aliceMine.content).toContain(
      `• **${CIRCLE}**: led 3 (${STARTS.map((s) => `<t:${s / 1000}:d>`).join(', ')}), co-led 0`,
    );
  });
});
