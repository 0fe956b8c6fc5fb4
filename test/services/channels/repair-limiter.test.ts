import { describe, expect, it } from 'vitest';
import { RepairLimiter } from '../../../src/services/channels/repair-limiter.js';

const at = (ms: number) => new Date(Date.UTC(2026, 2, 1) + ms);
const MINUTE = 60_000;

describe('repair limiter', () => {
  it('allows three repairs of a channel a minute, then pauses it for one minute', () => {
    const limiter = new RepairLimiter();
    expect([0, 1, 2].map((i) => limiter.take('c', at(i)))).toEqual([true, true, true]);
    expect(limiter.take('c', at(3))).toBe(false);
    expect(limiter.waiting('c', at(MINUTE))).toBe(true);
    expect(limiter.take('other', at(3))).toBe(true);
    expect(limiter.waiting('c', at(MINUTE + 4))).toBe(false);
    expect(limiter.take('c', at(MINUTE + 4))).toBe(true);
  });

  it('doubles the pause each time a channel uses up its repairs again, up to an hour', () => {
    const limiter = new RepairLimiter();
    let now = 0;
    const pauses: number[] = [];
    for (let round = 0; round < 9; round++) {
      while (limiter.take('c', at(now))) now += 1;
      const start = now;
      while (limiter.waiting('c', at(now))) now += MINUTE / 4;
      pauses.push(Math.ceil((now - start) / MINUTE));
    }
    expect(pauses).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('counts a channel quiet once its repairs are a window old, and forgets it', () => {
    const limiter = new RepairLimiter();
    limiter.take('c', at(0));
    expect(limiter.quiet('c', at(30_000))).toBe(false);
    expect(limiter.quiet('c', at(MINUTE))).toBe(true);
    expect(limiter.quiet('never-repaired', at(0))).toBe(true);
    limiter.forget('c');
    expect([1, 2, 3].map((i) => limiter.take('c', at(i)))).toEqual([true, true, true]);
  });

  it('pauses a slow fight too: ten repairs an hour, however they are spread', () => {
    const limiter = new RepairLimiter();
    const taken: boolean[] = [];
    for (let i = 0; i < 11; i++) {
      if (i > 0) limiter.forget('c'); // the channel looked settled between two changes
      taken.push(limiter.take('c', at(i * 90_000))); // a change every 90 s: never 3 in a minute
    }
    expect(taken).toEqual([...Array<boolean>(10).fill(true), false]);
    expect(limiter.waiting('c', at(10 * 90_000 + 1))).toBe(true);
  });
});
