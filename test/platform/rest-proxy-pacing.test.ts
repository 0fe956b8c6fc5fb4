import { afterEach, describe, expect, it, vi } from 'vitest';
import { slidingWindowGate } from '../../src/rest-proxy.js';

describe("the REST proxy's global pacing", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('admits at most the limit in any window, in the order asked', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T12:00:00Z') });
    const gate = slidingWindowGate(3, 1000);
    const admitted: { call: number; at: number }[] = [];
    const calls = Array.from({ length: 8 }, (_, call) =>
      gate().then(() => admitted.push({ call, at: Date.now() })),
    );
    await vi.advanceTimersByTimeAsync(500);
    // Later calls meet the window of the first three, whenever they come.
    const late = gate().then(() => admitted.push({ call: 8, at: Date.now() }));
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all([...calls, late]);

    expect(admitted.map((a) => a.call)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    for (const [i, a] of admitted.entries()) {
      const inWindow = admitted.filter((b) => b.at >= a.at && b.at < a.at + 1000);
      expect(inWindow.length, `window from call ${i}`).toBeLessThanOrEqual(3);
    }
    const start = admitted[0]!.at;
    expect(admitted.map((a) => a.at - start)).toEqual([0, 0, 0, 1000, 1000, 1000, 2000, 2000, 2000]);
  });
});
