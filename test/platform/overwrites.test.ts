import { OverwriteType, PermissionFlagsBits as P } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { REQUIRED_PERMISSIONS } from '../../src/platform/discord-chat-platform.js';
import {
  BOT_ALLOW,
  compareOverwrites,
  desiredOverwrites,
  memberBits,
} from '../../src/platform/overwrites.js';

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

  it.each([
    ['text', false],
    ['text', true],
    ['voice', false],
    ['voice', true],
  ] as const)('give the bot every bit its %s member overwrites set (read-only: %s)', (kind, readOnly) => {
    const [, bot, member] = desiredOverwrites({ kind, memberIds: ['10'], readOnly }, ids);
    expect((member!.allow | member!.deny) & ~bot!.allow).toBe(0n);
  });

  it('ask in the invite for every bit the bot writes on a circle channel', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const invite = BigInt(/permissions=(\d+)/.exec(readme)![1]!);
    const written = BOT_ALLOW.text | BOT_ALLOW.voice | memberBits('text') | memberBits('voice');
    expect(written & ~invite).toBe(0n);
    const required = Object.values(REQUIRED_PERMISSIONS).reduce((all, bit) => all | bit, 0n);
    expect(required).toBe(invite);
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

  it('tell upkeep of the bot’s own overwrite (bits it lacks) from drift that matters', () => {
    const desired = desiredOverwrites({ kind: 'text', memberIds: ['10'], readOnly: false }, ids);
    const older = desired.map((o) => (o.id === '2' ? { ...o, allow: o.allow & ~P.AttachFiles } : o));
    expect(compareOverwrites(older, desired, ids)).toEqual({
      unexpectedViewers: [],
      missingMembers: [],
      otherChanges: 1,
      botUpkeepOnly: true,
    });
    const andAnOutsider = [...older, { id: '50', type: OverwriteType.Role, allow: P.ViewChannel, deny: 0n }];
    expect(compareOverwrites(andAnOutsider, desired, ids)?.botUpkeepOnly).toBeUndefined();
    const botDenied = desired.map((o) => (o.id === '2' ? { ...o, deny: P.SendMessages } : o));
    expect(compareOverwrites(botDenied, desired, ids)?.botUpkeepOnly).toBeUndefined();
  });
});
