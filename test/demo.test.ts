import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('npm run demo', () => {
  it('plays a circle from set-up to its first meeting and checks each step', async () => {
    // The script exits 1 when a step it checks did not happen (see scripts/demo.ts).
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      timeout: 110_000,
      maxBuffer: 10 * 1024 * 1024,
    });
    const order = [
      'Circlekeeper set-up',
      '/circle-admin schedule',
      'clicks [I accept]',
      'Your label was not saved',
      'Fifteen minutes before the first meeting',
      'clicks [Check in]',
      'You facilitate Tuesday Peers',
      'starts now',
      'Next case: @bob',
      'has ended',
      'dan       cannot see the channel',
      'The case label never appears in the channel',
    ].map((line) => {
      const at = stdout.indexOf(line);
      expect(at, line).toBeGreaterThanOrEqual(0);
      return at;
    });
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The refused label shows only where the person typed it: the bot's answer never repeats it.
    expect(stdout.split('Mr Alvarez').length - 1).toBe(1);
  });
});
