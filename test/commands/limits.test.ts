import { ApplicationCommandOptionType as Type } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.js';
import {
  attendanceRule,
  ATTENDANCE_RULE_MAX_LENGTH,
  capacity,
  CAPACITY_MAX,
  CAPACITY_MIN,
  CIRCLE_KIND_LABELS,
  CIRCLE_KINDS,
  CIRCLE_NAME_MAX,
  CIRCLE_NAME_MIN,
  circleName,
  FACILITATION_LABELS,
  parse,
  reminderLeads,
  REMINDERS_TEXT_MAX_LENGTH,
} from '../../src/services/circles/index.js';
import { CODE_TEXT_MAX_LENGTH, normaliseCode } from '../../src/services/attendance/index.js';
import { URGENCY_LABELS } from '../../src/services/cases/index.js';
import {
  canonicalTimeZone,
  DURATION_MAX,
  DURATION_MIN,
  EVERY_WEEKS_MAX,
  EVERY_WEEKS_MIN,
  parseLocalDate,
  parseLocalTime,
  parseSchedule,
  timeZoneNames,
} from '../../src/services/meetings/index.js';
import { ValidationError } from '../../src/services/kernel/index.js';

interface Option {
  type: Type;
  name: string;
  autocomplete?: boolean;
  choices?: { name: string; value: string | number }[];
  min_length?: number;
  max_length?: number;
  min_value?: number;
  max_value?: number;
  options?: Option[];
}

/** Every option below a subcommand of every registered command, as `/command sub option`. */
function leafOptions(): [string, Option][] {
  const found: [string, Option][] = [];
  const walk = (options: readonly Option[] | undefined, path: string) => {
    for (const option of options ?? []) {
      if (option.type === Type.Subcommand || option.type === Type.SubcommandGroup)
        walk(option.options, `${path} ${option.name}`);
      else found.push([`${path} ${option.name}`, option]);
    }
  };
  for (const command of commands) {
    const data = command.data as { name: string; options?: Option[] };
    walk(data.options, `/${data.name}`);
  }
  return found;
}

/** The option at `/command sub name`. */
function option(path: string): Option {
  const found = leafOptions().find(([at]) => at === path)?.[1];
  if (!found) throw new Error(`no option ${path}`);
  return found;
}

describe('limits declared on every option', () => {
  it('gives every text option a maximum length and every number option a range', () => {
    const missing = leafOptions().flatMap(([path, o]) => {
      if (o.type === Type.String && typeof o.max_length !== 'number') return [`${path}: no max_length`];
      if (
        (o.type === Type.Integer || o.type === Type.Number) &&
        (typeof o.min_value !== 'number' || typeof o.max_value !== 'number')
      )
        return [`${path}: no min_value/max_value`];
      return [];
    });
    expect(missing).toEqual([]);
  });

  it('keeps every choice within the declared limits, and names it other than by its raw value', () => {
    for (const [path, o] of leafOptions()) {
      for (const choice of o.choices ?? []) {
        if (typeof choice.value === 'string') {
          expect(choice.value.length, path).toBeLessThanOrEqual(o.max_length!);
          expect(choice.value.length, path).toBeGreaterThanOrEqual(o.min_length ?? 0);
        } else {
          expect(choice.value, path).toBeGreaterThanOrEqual(o.min_value!);
          expect(choice.value, path).toBeLessThanOrEqual(o.max_value!);
        }
        expect(choice.name, path).not.toBe(choice.value);
        expect(choice.name, path).toMatch(/^[A-Z]/);
      }
    }
  });

  it('names circle kinds, facilitation and urgency readably', () => {
    expect(option('/circle-admin create kind').choices).toEqual(
      CIRCLE_KINDS.map((value) => ({ name: CIRCLE_KIND_LABELS[value], value })),
    );
    expect(option('/circle-admin create kind').choices?.map((c) => c.name)).toEqual([
      'Balint group',
      'Peer consultation',
      'Peer supervision',
      'Study group',
    ]);
    expect(option('/circle-admin create facilitation').choices?.map((c) => c.name)).toEqual([
      FACILITATION_LABELS.rotating,
      FACILITATION_LABELS.designated,
    ]);
    expect(option('/case submit urgency').choices?.map((c) => c.name)).toEqual([
      URGENCY_LABELS.routine,
      URGENCY_LABELS.urgent,
    ]);
  });
});

describe('declared limits equal the services’ own checks', () => {
  const refused = (f: () => unknown) => expect(f).toThrow(ValidationError);

  it('a circle name', () => {
    const { min_length, max_length } = option('/circle-admin create name');
    expect([min_length, max_length]).toEqual([CIRCLE_NAME_MIN, CIRCLE_NAME_MAX]);
    expect(parse(circleName, 'n'.repeat(max_length!))).toHaveLength(max_length!);
    refused(() => parse(circleName, 'n'.repeat(max_length! + 1)));
    refused(() => parse(circleName, 'n'.repeat(min_length! - 1)));
    for (const [path, o] of leafOptions().filter(([, o]) => o.name === 'circle'))
      expect(o.max_length, path).toBe(CIRCLE_NAME_MAX);
  });

  it('a capacity', () => {
    for (const path of ['/circle-admin create capacity', '/circle-admin settings capacity']) {
      const { min_value, max_value } = option(path);
      expect([min_value, max_value]).toEqual([CAPACITY_MIN, CAPACITY_MAX]);
      expect(parse(capacity, max_value)).toBe(max_value);
      refused(() => parse(capacity, max_value! + 1));
      refused(() => parse(capacity, min_value! - 1));
    }
  });

  it('a schedule’s repetition, duration and weekday', () => {
    const base = { weekday: 1, time: '10:00', timeZone: 'UTC' };
    const now = new Date('2026-03-01T10:00:00Z');
    const weeks = option('/circle-admin schedule every-weeks');
    expect([weeks.min_value, weeks.max_value]).toEqual([EVERY_WEEKS_MIN, EVERY_WEEKS_MAX]);
    expect(parseSchedule({ ...base, everyWeeks: weeks.max_value }, now).everyWeeks).toBe(weeks.max_value);
    refused(() => parseSchedule({ ...base, everyWeeks: weeks.max_value! + 1 }, now));
    refused(() => parseSchedule({ ...base, everyWeeks: weeks.min_value! - 1 }, now));
    const duration = option('/circle-admin schedule duration');
    expect([duration.min_value, duration.max_value]).toEqual([DURATION_MIN, DURATION_MAX]);
    refused(() => parseSchedule({ ...base, duration: duration.max_value! + 1 }, now));
    refused(() => parseSchedule({ ...base, duration: duration.min_value! - 1 }, now));
    const weekday = option('/circle-admin schedule weekday');
    refused(() => parseSchedule({ ...base, weekday: weekday.max_value! + 1 }, now));
    refused(() => parseSchedule({ ...base, weekday: weekday.min_value! - 1 }, now));
  });

  it('times, dates and time zones', () => {
    for (const path of ['/circle-admin schedule time', '/meeting move time']) {
      const { min_length, max_length } = option(path);
      expect(parseLocalTime('19:30'.slice(0, max_length))).toBe('19:30');
      expect(parseLocalTime('9:30'.slice(0, min_length))).toBe('09:30');
      expect(parseLocalTime('019:30')).toBeNull();
    }
    const dates = leafOptions().filter(
      ([, o]) => /such as 20\d\d-/.test(JSON.stringify(o)) || o.name === 'from',
    );
    expect(dates.length).toBeGreaterThan(8);
    for (const [path, o] of dates) {
      expect(parseLocalDate('2026-12-01'.slice(0, o.max_length)), path).toBe('2026-12-01');
      expect(parseLocalDate('2026-12-011'), path).toBeNull();
      expect(o.min_length, path).toBe(o.max_length);
    }
    const zone = option('/circle-admin schedule timezone');
    expect(Math.max(...timeZoneNames().map((z) => z.length))).toBeLessThanOrEqual(zone.max_length!);
    expect(canonicalTimeZone('Europe/Berlin'.padEnd(zone.max_length!))).toBe('Europe/Berlin');
    expect(canonicalTimeZone('Europe/Berlin'.padEnd(zone.max_length! + 1))).toBeNull();
  });

  it('reminders, attendance expectations and verification codes', () => {
    const reminders = option('/circle-admin settings reminders');
    expect(reminders.max_length).toBe(REMINDERS_TEXT_MAX_LENGTH);
    expect(reminderLeads('6d23h59m, 6d23h58m, 6d23h57m, 6d23h56m')).toHaveLength(4);
    expect(reminderLeads(`1d,${' '.repeat(reminders.max_length! - 6)}15m`)).toEqual([1440, 15]);
    refused(() => reminderLeads(`1d,${' '.repeat(reminders.max_length! - 5)}15m`));
    const attendance = option('/circle-admin settings attendance');
    expect(attendance.max_length).toBe(ATTENDANCE_RULE_MAX_LENGTH);
    expect(attendanceRule('52 out of 52').attendanceWindow).toBe(52);
    expect(attendanceRule(`6 of 8`.padEnd(attendance.max_length!)).attendanceMinimum).toBe(6);
    refused(() => attendanceRule(`6 of 8`.padEnd(attendance.max_length! + 1)));
    const code = option('/attendance verify code');
    expect(code.max_length).toBe(CODE_TEXT_MAX_LENGTH);
    expect(normaliseCode('7K3Q-M9XA-2PRT-H4WD'.padEnd(code.max_length!))).toBe('7K3QM9XA2PRTH4WD');
    expect(normaliseCode('7K3Q-M9XA-2PRT-H4WD'.padEnd(code.max_length! + 1))).toBeNull();
  });
});
