import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databases, type TestDatabase } from '../support/databases.js';
import { buttonId, firstMeetingTomorrow, startE2E, weeklyAt, type E2E } from '../support/e2e.js';
import { FakeClock } from '../support/fake-chat-platform.js';

describe.each(databases)('cases end to end on $name', (database) => {
  let db: TestDatabase;
  let t: E2E;
  let clock: FakeClock;
  const first = firstMeetingTomorrow();

  const setUpCircle = async (name: string, kind: string) => {
    const { moderator, alice, bob } = t.world.users;
    await t.run(moderator, 'circle-admin', { subcommand: 'create', options: { name, kind } });
    for (const userId of [alice, bob]) {
      const join = await t.run(userId, 'circle', { subcommand: 'join', options: { circle: name } });
      await t.click(userId, join.message, buttonId(join, 'I accept'));
    }
    await t.run(moderator, 'circle-admin', {
      subcommand: 'settings',
      options: { circle: name, leader: alice },
    });
    await t.run(moderator, 'circle-admin', {
      subcommand: 'schedule',
      options: { circle: name, ...weeklyAt(first) },
    });
    return (await t.bot.store.circles.findByName(t.world.guildId, name))!;
  };

  beforeEach(async () => {
    db = await database.create();
    clock = new FakeClock(new Date());
    t = await startE2E(db, { clock });
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  it('a member submits a case through the form; the start prompt lists it; /case next takes it', async () => {
    const circle = await setUpCircle('Peer Group', 'peer-consultation');
    const { alice, bob } = t.world.users;
    const form = await t.run(bob, 'case', { subcommand: 'submit', options: { circle: 'Peer Group' } });
    expect(form.modal?.custom_id).toBe(`case:${circle.id}:routine`);
    const refused = await t.emu
      .as(bob)
      .submitModal(t.world.guildId, form.modal!, { label: 'Ms Varga, DOB 3/9/1961', question: '' })
      .reply();
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toContain("a person's name or initials and a date");
    expect(refused.content).not.toContain('Varga');
    const again = await t.click(bob, refused.message, buttonId(refused, 'Edit and resubmit'));
    expect(JSON.stringify(again.modal)).toContain('Ms Varga, DOB 3/9/1961');
    expect(await t.bot.store.cases.listByCircle(circle.id, ['open'])).toEqual([]);
    expect(t.logs.lines.join('\n')).not.toContain('Varga');

    const saved = await t.emu
      .as(bob)
      .submitModal(t.world.guildId, again.modal!, {
        label: 'Grief after a patient’s suicide',
        question: 'How do I hold this?',
      })
      .reply();
    expect(saved.content).toContain('number 1 in the queue');
    const queue = await t.run(alice, 'case', { subcommand: 'queue', options: { circle: 'Peer Group' } });
    expect(queue.content).toContain(`1. <@${bob}>: Grief after a patient’s suicide`);

    clock.set(new Date(first.getTime() + 5_000));
    await t.bot.tick();
    const prompt = t.emu.messages(circle.textChannelId).at(-1)!;
    expect(prompt.content).toContain(`1. <@${bob}>`);
    expect(prompt.content).not.toContain('Grief'); // labels stay out of the channel's history

    const refusedNext = await t.run(bob, 'case', { subcommand: 'next', options: { circle: 'Peer Group' } });
    expect(refusedNext.content).toContain('Only the facilitator of the meeting under way');
    const next = await t.run(alice, 'case', { subcommand: 'next', options: { circle: 'Peer Group' } });
    expect(next.content).toContain(`Next case in **Peer Group**: <@${bob}>`);
    expect(t.emu.messages(circle.textChannelId).at(-1)!.content).toContain('Next case: <@');
    clock.advance(11_000);
    const empty = await t.run(alice, 'case', { subcommand: 'next', options: { circle: 'Peer Group' } });
    expect(empty.content).toContain('is empty');
  });

  it('a Balint circle’s start prompt collects presenters with its button, without any text', async () => {
    const circle = await setUpCircle('Balint Group', 'balint');
    const { alice, bob } = t.world.users;
    clock.set(new Date(first.getTime() + 5_000));
    await t.bot.tick();
    const prompt = t.emu.messages(circle.textChannelId).at(-1)!;
    expect(prompt.content).toContain('**Who has a case?**');
    const first_ = await t.click(bob, prompt, buttonId(prompt, 'I have a case'));
    expect(first_.content).toContain('number 1');
    clock.advance(1000);
    const second = await t.click(alice, prompt, buttonId(prompt, 'I have a case'));
    expect(second.content).toContain('number 2');
    const twice = await t.click(bob, prompt, buttonId(prompt, 'I have a case'));
    expect(twice.content).toContain('already have a case');
    const queue = await t.run(alice, 'case', { subcommand: 'queue', options: { circle: 'Balint Group' } });
    expect(queue.content).toContain(`1. <@${bob}>\n2. <@${alice}>`);
    const rows = await t.bot.store.cases.listByCircle(circle.id, ['open']);
    expect(rows.map((r) => [r.label, r.question])).toEqual([
      [null, null],
      [null, null],
    ]);
  });
});
