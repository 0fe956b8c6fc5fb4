import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chooseLogFormat, createLogger } from '../src/logger.js';

class Lines extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

describe('log format', () => {
  it('is pretty on a terminal and JSON elsewhere, unless LOG_FORMAT says', () => {
    expect(chooseLogFormat(undefined, true)).toBe('pretty');
    expect(chooseLogFormat(undefined, false)).toBe('json');
    expect(chooseLogFormat(undefined, undefined)).toBe('json');
    expect(chooseLogFormat('json', true)).toBe('json');
    expect(chooseLogFormat('pretty', false)).toBe('pretty');
  });

  it('writes JSON lines, or readable lines with the same fields', () => {
    const json = new Lines();
    createLogger('info', json).info({ circleId: 'c1', code: 'x' }, 'reminder not sent');
    expect(JSON.parse(json.text)).toMatchObject({ circleId: 'c1', code: 'x', msg: 'reminder not sent' });

    const pretty = new Lines();
    createLogger('info', pretty, 'pretty').info({ circleId: 'c1', code: 'x' }, 'reminder not sent');
    expect(pretty.text).toContain('reminder not sent');
    expect(pretty.text).toContain('circleId: "c1"');
    expect(() => JSON.parse(pretty.text) as unknown).toThrow();
  });
});
