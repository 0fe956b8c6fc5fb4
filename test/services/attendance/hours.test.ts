import { describe, expect, it } from 'vitest';
import { contactHours, recordSummary } from '../../../src/services/attendance/hours.js';

const span = (minutes: number) => ({
  startsAt: new Date('2026-03-29T00:30:00Z'),
  endsAt: new Date(Date.parse('2026-03-29T00:30:00Z') + minutes * 60_000),
});

describe('contact hours', () => {
  it('are the meeting’s span in quarter hours, rounded to the nearest', () => {
    expect(contactHours(span(90))).toBe(1.5);
    expect(contactHours(span(50))).toBe(0.75);
    expect(contactHours(span(52))).toBe(0.75);
    expect(contactHours(span(53))).toBe(1);
    expect(contactHours(span(7))).toBe(0);
    expect(contactHours(span(-30))).toBe(0);
  });

  it('count in instants, so a meeting across a daylight-saving change keeps its real length', () => {
    // 19:00–20:30 in Berlin on the night the clocks go forward is still 90 minutes of meeting.
    expect(
      contactHours({ startsAt: new Date('2026-03-28T18:00:00Z'), endsAt: new Date('2026-03-28T19:30:00Z') }),
    ).toBe(1.5);
  });
});

describe('the totals of a record', () => {
  it('count meetings and hours per circle and role, and sessions led and co-led once each', () => {
    const a = { id: 'a', name: 'A' };
    const b = { id: 'b', name: 'B' };
    const [first, second, third] = ['2026-01-05', '2026-01-12', '2026-01-19'].map(
      (day) => new Date(`${day}T18:00:00Z`),
    ) as [Date, Date, Date];
    const summary = recordSummary([
      {
        circle: a,
        meeting: { startsAt: first },
        roles: ['participant', 'facilitator', 'leader'],
        hours: 1.5,
      },
      { circle: a, meeting: { startsAt: second }, roles: ['participant', 'co-leader'], hours: 1.5 },
      { circle: b, meeting: { startsAt: third }, roles: ['presenter'], hours: 1 },
    ]);
    expect(summary).toEqual({
      meetings: 3,
      hours: 4,
      circles: [
        { circleId: 'a', name: 'A', meetings: 2, hours: 3, led: [first], coLed: [second] },
        { circleId: 'b', name: 'B', meetings: 1, hours: 1, led: [], coLed: [] },
      ],
      roles: [
        { role: 'participant', meetings: 2, hours: 3 },
        { role: 'presenter', meetings: 1, hours: 1 },
        { role: 'facilitator', meetings: 1, hours: 1.5 },
        { role: 'leader', meetings: 1, hours: 1.5 },
        { role: 'co-leader', meetings: 1, hours: 1.5 },
      ],
      led: 1,
      coLed: 1,
    });
  });
});
