import { describe, expect, it } from 'vitest';
import { notifiedBy } from '../../emulator/state/mentions.js';

describe('who a message notifies (the emulator follows Discord)', () => {
  const content = 'Hi <@1>, <@!2> and <@&3>, @everyone';
  it('without allowed_mentions every mention notifies', () => {
    expect(notifiedBy(content, {})).toEqual({ users: ['1', '2'], roles: ['3'], everyone: true });
  });
  it('an empty parse notifies nobody', () => {
    expect(notifiedBy(content, { allowed_mentions: { parse: [] } })).toEqual({
      users: [],
      roles: [],
      everyone: false,
    });
  });
  it('listed users notify, others only named', () => {
    expect(notifiedBy(content, { allowed_mentions: { parse: [], users: ['2', '9'] } })).toEqual({
      users: ['2'],
      roles: [],
      everyone: false,
    });
  });
  it('parse users and roles, without everyone', () => {
    expect(notifiedBy(`${content} @here`, { allowed_mentions: { parse: ['users', 'roles'] } })).toEqual({
      users: ['1', '2'],
      roles: ['3'],
      everyone: false,
    });
  });
});
