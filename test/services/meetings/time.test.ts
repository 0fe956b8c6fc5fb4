import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  firstMeetingDate,
  localTime,
  occurrencesBetween,
  parseLeadTimes,
  parseLocalDate,
  parseLocalTime,
  zonedInstant,
} from '../../../src/services/meetings/time.js';
import type { Weekday } from '../../../src/services/meetings/model.js';

const iso = (d: Date) => d.toISOString();

function weekly(timeZone: string, weekday: Weekday, time: string, startsOn: string, everyWeeks = 1) {
  return { weekday, localTime: time, timeZone, everyWeeks, durationMinutes: 90, startsOn };
}

describe('meeting times across time zones', () => {
  it.each([
    // zone, weekday, local time, first date, [UTC of the weeks around the change]
    [
      'America/New_York',
      7,
      '19:00',
      '2026-03-01',
      ['2026-03-02T00:00:00.000Z', '2026-03-08T23:00:00.000Z', '2026-03-15T23:00:00.000Z'],
    ],
    [
      'America/New_York',
      7,
      '19:00',
      '2026-10-25',
      ['2026-10-25T23:00:00.000Z', '2026-11-02T00:00:00.000Z', '2026-11-09T00:00:00.000Z'],
    ],
    [
      'Europe/Berlin',
      2,
      '18:30',
      '2026-03-24',
      ['2026-03-24T17:30:00.000Z', '2026-03-31T16:30:00.000Z', '2026-04-07T16:30:00.000Z'],
    ],
    [
      'Europe/Berlin',
      2,
      '18:30',
      '2026-10-20',
      ['2026-10-20T16:30:00.000Z', '2026-10-27T17:30:00.000Z', '2026-11-03T17:30:00.000Z'],
    ],
    [
      'Australia/Sydney',
      3,
      '09:00',
      '2026-03-25',
      ['2026-03-24T22:00:00.000Z', '2026-03-31T22:00:00.000Z', '2026-04-07T23:00:00.000Z'],
    ],
    [
      'Australia/Sydney',
      3,
      '09:00',
      '2026-09-23',
      ['2026-09-22T23:00:00.000Z', '2026-09-29T23:00:00.000Z', '2026-10-06T22:00:00.000Z'],
    ],
    [
      'Asia/Kolkata',
      4,
      '20:00',
      '2026-03-05',
      ['2026-03-05T14:30:00.000Z', '2026-03-12T14:30:00.000Z', '2026-03-19T14:30:00.000Z'],
    ],
    [
      'Asia/Tokyo',
      5,
      '07:15',
      '2026-10-30',
      ['2026-10-29T22:15:00.000Z', '2026-11-05T22:15:00.000Z', '2026-11-12T22:15:00.000Z'],
    ],
  ] as const)('%s keeps %s %s local across the change', (zone, weekday, time, first, expected) => {
    const schedule = weekly(zone, weekday, time, first);
    const from = new Date(Date.parse(`${first}T00:00:00Z`) - 86_400_000);
    const found = occurrencesBetween(schedule, from, new Date(from.getTime() + 22 * 86_400_000));
    expect(found.map((o) => iso(o.startsAt)).slice(0, 3)).toEqual(expected);
    for (const o of found) expect(localTime(o.startsAt, zone)).toBe(time);
  });

  it('repeats every 2 and every 3 weeks from the first date', () => {
    const two = occurrencesBetween(
      weekly('Europe/Berlin', 1, '10:00', '2026-01-05', 2),
      new Date('2026-01-01Z'),
      new Date('2026-03-01Z'),
    );
    expect(two.map((o) => o.date)).toEqual(['2026-01-05', '2026-01-19', '2026-02-02', '2026-02-16']);
    const three = occurrencesBetween(
      weekly('America/New_York', 5, '12:00', '2026-01-01', 3),
      new Date('2026-01-01Z'),
      new Date('2026-03-01Z'),
    );
    expect(three.map((o) => o.date)).toEqual(['2026-01-02', '2026-01-23', '2026-02-13']);
  });

  it('keeps the rhythm when asked from a later date', () => {
    const schedule = weekly('Europe/Berlin', 1, '10:00', '2026-01-05', 3);
    const later = occurrencesBetween(schedule, new Date('2026-06-01Z'), new Date('2026-07-15Z'));
    expect(later.map((o) => o.date)).toEqual(['2026-06-01', '2026-06-22', '2026-07-13']);
  });

  it('moves a local time that does not exist forward by the gap', () => {
    expect(iso(zonedInstant('2026-03-08', '02:30', 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    expect(localTime(zonedInstant('2026-03-08', '02:30', 'America/New_York'), 'America/New_York')).toBe(
      '03:30',
    );
    expect(iso(zonedInstant('2026-03-29', '02:15', 'Europe/Berlin'))).toBe('2026-03-29T01:15:00.000Z');
  });

  it('a weekly series through the change day keeps its other weeks and moves only the missing hour', () => {
    const spring = occurrencesBetween(
      weekly('America/New_York', 7, '02:30', '2026-03-01'),
      new Date('2026-02-28Z'),
      new Date('2026-03-20Z'),
    );
    expect(spring.map((o) => iso(o.startsAt))).toEqual([
      '2026-03-01T07:30:00.000Z',
      '2026-03-08T07:30:00.000Z',
      '2026-03-15T06:30:00.000Z',
    ]);
    expect(spring.map((o) => localTime(o.startsAt, 'America/New_York'))).toEqual(['02:30', '03:30', '02:30']);
    const autumn = occurrencesBetween(
      weekly('America/New_York', 7, '01:30', '2026-10-25'),
      new Date('2026-10-24Z'),
      new Date('2026-11-10Z'),
    );
    expect(autumn.map((o) => iso(o.startsAt))).toEqual([
      '2026-10-25T05:30:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-08T06:30:00.000Z',
    ]);
  });

  it('takes the first of a local time that occurs twice', () => {
    expect(iso(zonedInstant('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(zonedInstant('2026-10-25', '02:30', 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('finds the first meeting day on or after the start date', () => {
    expect(firstMeetingDate('2026-11-22', 7)).toBe('2026-11-22');
    expect(firstMeetingDate('2026-11-22', 1)).toBe('2026-11-23');
  });
});

describe('parsing what moderators type', () => {
  it.each([
    ['19:30', '19:30'],
    ['7:05', '07:05'],
    ['25:00', null],
    ['19:60', null],
    ['noon', null],
  ])('time %s', (input, out) => {
    expect(parseLocalTime(input)).toBe(out);
  });
  it.each([
    ['2026-02-28', '2026-02-28'],
    ['2026-02-30', null],
    ['28/02/2026', null],
  ])('date %s', (input, out) => {
    expect(parseLocalDate(input)).toBe(out);
  });
  it.each([
    ['europe/berlin', 'Europe/Berlin'],
    ['UTC', 'UTC'],
    ['Mars/Olympus', null],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['EST', null],
    ['utc', 'UTC'],
    ['', null],
  ])('zone %s', (input, out) => {
    expect(canonicalTimeZone(input)).toBe(out);
  });
  it.each([
    ['15m', [15]],
    ['1d, 15m', [1440, 15]],
    ['2h30m 1h', [150, 60]],
    ['soon', null],
    ['', null],
  ])('lead times %s', (input, out) => {
    expect(parseLeadTimes(input)).toEqual(out);
  });
});
