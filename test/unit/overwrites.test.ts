import { OverwriteType, PermissionFlagsBits as P } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { compareOverwrites, desiredOverwrites } from '../../src/platform/overwrites.js';

const ids = { everyoneId: '1', botId: '2' };

describe('circle channel overwrites', () => {
  it('deny @everyone, allow the bot, and allow each active member by a member overwrite', () => {
    const desired = desiredOverwrites({ kind: 'text', memberIds: ['10', '11'], readOnly: false }, ids);
    expect(desired.map((o) => [o.id, o.type])).toEqual([
      ['1', OverwriteType.Role],
      ['2', OverwriteType.Member],
      ['10', OverwriteType.Member],
      ['11', OverwriteType.Member],
    ]);
    expect(desired[0]!.deny & P.ViewChannel).toBe(P.ViewChannel);
    expect(desired[2]!.allow & P.ViewChannel).toBe(P.ViewChannel);
    expect(desired[2]!.deny & P.AttachFiles).toBe(P.AttachFiles);
  });

  it('make archived channels read-only for former members', () => {
    const [, , member] = desiredOverwrites({ kind: 'text', memberIds: ['10'], readOnly: true }, ids);
    expect(member!.allow & P.ViewChannel).toBe(P.ViewChannel);
    expect(member!.deny & P.SendMessages).toBe(P.SendMessages);
    const [, , voice] = desiredOverwrites({ kind: 'voice', memberIds: ['10'], readOnly: true }, ids);
    expect(voice!.deny & P.Connect).toBe(P.Connect);
  });

  it('find nothing to repair when the overwrites match', () => {
    const desired = desiredOverwrites({ kind: 'voice', memberIds: ['10'], readOnly: false }, ids);
    expect(compareOverwrites([...desired].reverse(), desired, ids)).toBeNull();
  });

  it('name a role or member outside the roster that was allowed to view', () => {
    const desired = desiredOverwrites({ kind: 'text', memberIds: ['10'], readOnly: false }, ids);
    const actual = [
      ...desired,
      { id: '50', type: OverwriteType.Role, allow: P.ViewChannel, deny: 0n },
      { id: '60', type: OverwriteType.Member, allow: P.ViewChannel | P.SendMessages, deny: 0n },
    ];
    expect(compareOverwrites(actual, desired, ids)).toEqual({
      unexpectedViewers: ['50', '60'],
      missingMembers: [],
      otherChanges: 0,
    });
  });

  it('flag @everyone once its View Channel deny is gone, and members who lost access', () => {
    const desired = desiredOverwrites({ kind: 'text', memberIds: ['10'], readOnly: false }, ids);
    const actual = desired.filter((o) => o.id !== '10').map((o) => (o.id === '1' ? { ...o, deny: 0n } : o));
    expect(compareOverwrites(actual, desired, ids)).toEqual({
      unexpectedViewers: ['everyone'],
      missingMembers: ['10'],
      otherChanges: 0,
    });
  });
});
