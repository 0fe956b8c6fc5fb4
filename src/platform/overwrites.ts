import { OverwriteType, PermissionFlagsBits, type OverwriteData } from 'discord.js';
import type { ChannelPolicy, DriftReport } from '../services/kernel/index.js';

const P = PermissionFlagsBits;

/**
 * What a member may do in a circle channel. Attachments are denied whatever the server allows:
 * cases are told, not filed, and a file is the likeliest way for a record to leak.
 */
const MEMBER = {
  text: {
    allow: P.ViewChannel | P.SendMessages | P.ReadMessageHistory | P.AddReactions,
    deny: P.AttachFiles,
  },
  voice: { allow: P.ViewChannel | P.Connect | P.Speak | P.UseVAD, deny: 0n },
};
const READ_ONLY = {
  text: {
    allow: P.ViewChannel | P.ReadMessageHistory,
    deny: P.SendMessages | P.AddReactions | P.AttachFiles,
  },
  voice: { allow: P.ViewChannel, deny: P.Connect },
};
/**
 * The bot keeps what it needs to post and to manage the channel's overwrites, and every bit the
 * member overwrites set (allowed or denied, read-only included): Discord lets a bot write only
 * the bits it holds itself, so this is what lets it write them whatever the server's roles say.
 */
export const BOT_ALLOW = {
  text:
    P.ViewChannel |
    P.SendMessages |
    P.ReadMessageHistory |
    P.EmbedLinks |
    P.ManageChannels |
    P.ManageRoles |
    P.AddReactions |
    P.AttachFiles,
  voice: P.ViewChannel | P.Connect | P.Speak | P.UseVAD | P.ManageChannels | P.ManageRoles,
};

/** Every bit a member overwrite of a channel kind sets, full or read-only. */
export function memberBits(kind: ChannelPolicy['kind']): bigint {
  return MEMBER[kind].allow | MEMBER[kind].deny | READ_ONLY[kind].allow | READ_ONLY[kind].deny;
}

export interface PlainOverwrite {
  id: string;
  type: OverwriteType;
  allow: bigint;
  deny: bigint;
}

/** The exact overwrites a circle channel should carry. */
export function desiredOverwrites(
  policy: ChannelPolicy,
  ids: { everyoneId: string; botId: string },
): PlainOverwrite[] {
  const member = policy.readOnly ? READ_ONLY[policy.kind] : MEMBER[policy.kind];
  return [
    { id: ids.everyoneId, type: OverwriteType.Role, allow: 0n, deny: P.ViewChannel },
    { id: ids.botId, type: OverwriteType.Member, allow: BOT_ALLOW[policy.kind], deny: 0n },
    ...policy.memberIds
      .filter((id) => id !== ids.botId)
      .map((id) => ({ id, type: OverwriteType.Member, allow: member.allow, deny: member.deny })),
  ];
}

export function memberOverwrite(kind: ChannelPolicy['kind']): { allow: bigint; deny: bigint } {
  return MEMBER[kind];
}

export function toOverwriteData(overwrites: PlainOverwrite[]): OverwriteData[] {
  return overwrites.map((o) => ({ id: o.id, type: o.type, allow: o.allow, deny: o.deny }));
}

/**
 * Compares actual overwrites with the desired ones. Returns null when they match exactly.
 */
export function compareOverwrites(
  actual: PlainOverwrite[],
  desired: PlainOverwrite[],
  ids: { everyoneId: string; botId: string },
): DriftReport | null {
  const want = new Map(desired.map((o) => [o.id, o]));
  const have = new Map(actual.map((o) => [o.id, o]));
  const unexpectedViewers: string[] = [];
  const missingMembers: string[] = [];
  let otherChanges = 0;
  let botUpkeep = 0;
  for (const o of actual) {
    const w = want.get(o.id);
    if (!w) {
      if ((o.allow & P.ViewChannel) !== 0n) unexpectedViewers.push(o.id);
      else otherChanges++;
    } else if (o.allow !== w.allow || o.deny !== w.deny || o.type !== w.type) {
      if (o.id === ids.everyoneId && (o.deny & P.ViewChannel) === 0n) unexpectedViewers.push('everyone');
      else otherChanges++;
      // The bot's overwrite holding a subset of what it should: missing bits, nothing else.
      const subset = (o.allow & ~w.allow) === 0n && o.deny === w.deny && o.type === w.type;
      if (o.id === ids.botId && subset) botUpkeep++;
    }
  }
  for (const w of desired) {
    if (have.has(w.id)) continue;
    if (w.id === ids.everyoneId) unexpectedViewers.push('everyone');
    else if (w.type === OverwriteType.Member && w.id !== ids.botId) missingMembers.push(w.id);
    else otherChanges++;
  }
  if (unexpectedViewers.length + missingMembers.length + otherChanges === 0) return null;
  const botUpkeepOnly =
    unexpectedViewers.length + missingMembers.length === 0 && otherChanges === 1 && botUpkeep === 1;
  return { unexpectedViewers, missingMembers, otherChanges, ...(botUpkeepOnly ? { botUpkeepOnly } : {}) };
}
