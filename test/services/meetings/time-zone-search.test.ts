import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  COMMON_TIME_ZONES,
  suggestTimeZoneNames,
  TIME_ZONE_ABBREVIATIONS,
  timeZoneNames,
  timeZoneRefusal,
} from '../../../src/services/meetings/index.js';

describe('time zone suggestions', () => {
  it('lists the server’s zones first on an empty field, then common zones, never the alphabet', () => {
    const names = suggestTimeZoneNames('', ['America/Halifax', 'Europe/Berlin']);
    expect(names.slice(0, 3)).toEqual(['America/Halifax', 'Europe/Berlin', 'Europe/London']);
    expect(names).toHaveLength(25);
    expect(names).not.toContain('Africa/Abidjan');
    expect(new Set(names).size).toBe(names.length);
  });

  it('lists common zones on an empty field of a server without schedules', () => {
    expect(suggestTimeZoneNames('')).toEqual([...COMMON_TIME_ZONES]);
  });

  it('finds a zone by part of its name, in any case', () => {
    expect(suggestTimeZoneNames('berlin')[0]).toBe('Europe/Berlin');
    expect(suggestTimeZoneNames('BERL')[0]).toBe('Europe/Berlin');
    expect(suggestTimeZoneNames('europe/ber')).toEqual(['Europe/Berlin']);
  });

  it('finds cities typed with spaces or accents', () => {
    expect(suggestTimeZoneNames('new york')[0]).toBe('America/New_York');
    expect(suggestTimeZoneNames('são paulo')[0]).toBe('America/Sao_Paulo');
    expect(suggestTimeZoneNames('sao paulo')[0]).toBe('America/Sao_Paulo');
    expect(suggestTimeZoneNames('mumbai')[0]).toBe('Asia/Kolkata');
    expect(suggestTimeZoneNames('munich')[0]).toBe('Europe/Berlin');
  });

  it('turns abbreviations into the IANA zones they mean, never the abbreviation itself', () => {
    const est = suggestTimeZoneNames('EST');
    expect(est.slice(0, 2)).toEqual(['America/New_York', 'America/Toronto']);
    expect(est).not.toContain('EST');
    expect(suggestTimeZoneNames('cet').slice(0, 2)).toEqual(['Europe/Berlin', 'Europe/Paris']);
    expect(suggestTimeZoneNames('PST')[0]).toBe('America/Los_Angeles');
    expect(suggestTimeZoneNames('GMT')[0]).toBe('Europe/London');
    expect(suggestTimeZoneNames('IST')[0]).toBe('Asia/Kolkata');
  });

  it('puts the server’s matching zones before other matches', () => {
    expect(suggestTimeZoneNames('america/', ['America/Halifax'])[0]).toBe('America/Halifax');
  });

  it('offers at most 25 zones, each one the runtime knows', () => {
    const known = new Set(timeZoneNames());
    for (const typed of ['a', 'e', 'america', '', 'x']) {
      const names = suggestTimeZoneNames(typed, ['Mars/Olympus']);
      expect(names.length).toBeLessThanOrEqual(25);
      for (const name of names) expect(known.has(name)).toBe(true);
    }
    for (const [abbreviation, zones] of Object.entries(TIME_ZONE_ABBREVIATIONS))
      expect(zones.filter((zone) => known.has(zone)).length, abbreviation).toBeGreaterThan(0);
    for (const zone of COMMON_TIME_ZONES) expect(known.has(zone), zone).toBe(true);
  });
});

describe('time zones refused', () => {
  it.each(['EST', 'CET', 'PST8PDT', 'EST5EDT', 'GMT+5', 'UTC+2', '+02:00', 'Etc/GMT+5', 'Etc/GMT-2'])(
    'refuses %s, which the runtime may accept',
    (typed) => {
      expect(canonicalTimeZone(typed)).toBeNull();
    },
  );

  it('keeps UTC and IANA names', () => {
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('Etc/UTC')).toBe('UTC');
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
  });

  it('explains an abbreviation or an offset with the IANA zones meant', () => {
    expect(timeZoneRefusal('EST')).toContain('abbreviation');
    expect(timeZoneRefusal('EST')).toContain('America/New_York or America/Toronto');
    expect(timeZoneRefusal('PST8PDT')).toContain('America/Los_Angeles');
    expect(timeZoneRefusal('CET')).toContain('Europe/Berlin');
    expect(timeZoneRefusal('GMT+5')).toContain('fixed offset');
    expect(timeZoneRefusal('Etc/GMT-2')).toContain('fixed offset');
    expect(timeZoneRefusal('Mars/Olympus')).toContain('is not a time zone I know');
  });
});
