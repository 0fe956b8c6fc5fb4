import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CAPACITY_MAX, CAPACITY_MIN, CIRCLE_NAME_MAX } from '../../src/services/circles/index.js';
import { DURATION_MAX, DURATION_MIN } from '../../src/services/meetings/index.js';
import { databases, type TestDatabase } from '../support/databases.js';
import { buttonId, startE2E, type E2E } from '../support/e2e.js';

interface RegisteredOption {
  type: number;
  name: string;
  choices?: { name: string; value: string | number }[];
  max_length?: number;
  min_length?: number;
  min_value?: number;
  max_value?: number;
  options?: RegisteredOption[];
}

describe.each(databases)('limits and readable choices in the command forms on $name', (database) => {
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

  /** The options Discord received at registration, by `/command sub option`. */
  const registered = () => {
    const found = new Map<string, RegisteredOption>();
    const walk = (options: RegisteredOption[] | undefined, path: string) => {
      for (const o of options ?? []) {
        if (o.type === 1 || o.type === 2) walk(o.options, `${path} ${o.name}`);
        else found.set(`${path} ${o.name}`, o);
      }
    };
    for (const command of [...t.emu.commands(), ...t.emu.commands({ guildId: t.world.guildId })])
      walk(command.options, `/${command.name}`);
    return found;
  };

  it('registers every option with its limits and readable choice names', () => {
    const options = registered();
    expect(options.size).toBeGreaterThan(50);
    for (const [path, o] of options) {
      if (o.type === 3) expect(o.max_length, path).toEqual(expect.any(Number));
      if (o.type === 4 || o.type === 10) {
        expect(o.min_value, path).toEqual(expect.any(Number));
        expect(o.max_value, path).toEqual(expect.any(Number));
      }
    }
    expect(options.get('/circle-admin create name')?.max_length).toBe(CIRCLE_NAME_MAX);
    expect(options.get('/circle-admin create capacity')).toMatchObject({
      min_value: CAPACITY_MIN,
      max_value: CAPACITY_MAX,
    });
    expect(options.get('/circle-admin schedule duration')).toMatchObject({
      min_value: DURATION_MIN,
      max_value: DURATION_MAX,
    });
    expect(options.get('/circle-admin schedule time')).toMatchObject({ min_length: 4, max_length: 5 });
    expect(options.get('/meeting move date')).toMatchObject({ min_length: 10, max_length: 10 });
    expect(options.get('/circle-admin create kind')?.choices).toEqual([
      { name: 'Balint group', value: 'balint' },
      { name: 'Peer consultation', value: 'peer-consultation' },
      { name: 'Peer supervision', value: 'peer-supervision' },
      { name: 'Study group', value: 'study' },
    ]);
    expect(options.get('/circle-admin create facilitation')?.choices).toEqual([
      { name: 'Rotating facilitator', value: 'rotating' },
      { name: 'Designated leaders', value: 'designated' },
    ]);
    expect(options.get('/case submit urgency')?.choices).toEqual([
      { name: 'Routine', value: 'routine' },
      { name: 'Urgent', value: 'urgent' },
    ]);
  });

  it('names the kind and facilitation readably in replies', async () => {
    const { moderator, alice } = t.world.users;
    const created = await t.run(moderator, 'circle-admin', {
      subcommand: 'create',
      options: { name: 'Thursday Peers', kind: 'peer-consultation', facilitation: 'designated' },
    });
    expect(created.content).toContain('(Peer consultation, 8 places, designated leaders)');
    const list = await t.run(alice, 'circle', { subcommand: 'list' });
    expect(list.content).toContain('**Thursday Peers** (Peer consultation)');
    const info = await t.run(alice, 'circle', { subcommand: 'info', options: { circle: 'Thursday Peers' } });
    expect(info.content).toContain('**Thursday Peers**: Peer consultation, designated leaders');
    expect(info.content).not.toContain('peer-consultation');
  });

  describe('time zones', () => {
    const typeZone = async (typed: string) =>
      (await t.emu.as(t.world.users.moderator).autocomplete(t.world.guildId, 'circle-admin', {
        subcommand: 'schedule',
        options: { circle: 'Peer Group', weekday: 1, time: '10:00', timezone: typed },
        focused: 'timezone',
      })) as { name: string; value: string }[];
    const schedule = (timezone: string) =>
      t.run(t.world.users.moderator, 'circle-admin', {
        subcommand: 'schedule',
        options: { circle: 'Peer Group', weekday: 1, time: '10:00', timezone },
      });

    beforeEach(async () => {
      const { moderator, alice } = t.world.users;
      await t.run(moderator, 'circle-admin', {
        subcommand: 'create',
        options: { name: 'Peer Group', kind: 'peer-consultation' },
      });
      const join = await t.run(alice, 'circle', { subcommand: 'join', options: { circle: 'Peer Group' } });
      await t.click(alice, join.message, buttonId(join, 'I accept'));
    });

    it('lists the server’s zones first on an empty field, then common zones', async () => {
      const before = (await typeZone('')).map((c) => c.value);
      expect(before[0]).toBe('Europe/London');
      expect(before).not.toContain('Africa/Abidjan');
      const reply = await schedule('America/Halifax');
      expect(reply.content).toContain('(America/Halifax)');
      const after = await typeZone('');
      expect(after[0]).toEqual({ name: 'America/Halifax', value: 'America/Halifax' });
      expect(after.slice(1, 3).map((c) => c.value)).toEqual(['Europe/London', 'Europe/Berlin']);
      expect(after.length).toBeLessThanOrEqual(25);
    });

    it('suggests zones by city and by abbreviation, never the abbreviation itself', async () => {
      expect((await typeZone('berlin'))[0]).toEqual({ name: 'Europe/Berlin', value: 'Europe/Berlin' });
      expect((await typeZone('new york'))[0]?.value).toBe('America/New_York');
      const est = (await typeZone('EST')).map((c) => c.value);
      expect(est.slice(0, 2)).toEqual(['America/New_York', 'America/Toronto']);
      expect(est).not.toContain('EST');
    });

    it('refuses EST typed as a time zone with a private hint, scheduling nothing', async () => {
      const reply = await schedule('EST');
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toContain('is an abbreviation');
      expect(reply.content).toContain('America/New_York');
      const circle = await t.bot.store.circles.findByName(t.world.guildId, 'Peer Group');
      expect(await t.bot.store.schedules.get(circle!.id)).toBeNull();
      expect(t.emu.scheduledEvents(t.world.guildId)).toEqual([]);
    });
  });
});
