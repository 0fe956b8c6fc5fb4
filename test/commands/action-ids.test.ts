import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { componentHandlers } from '../../src/commands/index.js';
import { ACTIONS, actionId, parseAction, type ActionPrefix } from '../../src/services/kernel/index.js';

const prefixes = Object.keys(ACTIONS) as ActionPrefix[];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'generated') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

describe('the action table', () => {
  it('every button and form id of the table has exactly one handler, and every handler an entry', () => {
    for (const prefix of prefixes) {
      expect(componentHandlers.filter((handler) => handler.action === prefix).map((h) => h.action)).toEqual([
        prefix,
      ]);
    }
    expect(componentHandlers).toHaveLength(prefixes.length);
  });

  it('reads back every id it builds, with its arguments', () => {
    for (const prefix of prefixes) {
      const args = ACTIONS[prefix].map((name, i) => `${name}-${i}`);
      const id = [prefix, ...args].join(':');
      expect(parseAction(id)).toEqual({ prefix, args });
    }
    expect(actionId('agree', 'c1', '3')).toBe('agree:c1:3');
    expect(parseAction(actionId('case', 'c1', 'urgent'))).toEqual({ prefix: 'case', args: ['c1', 'urgent'] });
  });

  it('takes no unknown prefix and no id with the wrong number of arguments', () => {
    expect(parseAction('nosuch:1')).toBeNull();
    expect(parseAction('agree:c1')).toBeNull();
    expect(parseAction('agree:c1:2:3')).toBeNull();
    expect(parseAction('waitlist')).toBeNull();
    expect(parseAction('toString:x')).toBeNull();
    expect(parseAction('')).toBeNull();
  });

  it('no code builds a button or form id by hand', () => {
    const byHand = /(?:setCustomId\(\s*`|customId:\s*[`'"][^`'"]*:)/u;
    const offenders = sourceFiles(path.resolve('src')).filter((file) =>
      byHand.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
