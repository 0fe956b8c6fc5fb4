import {
  DiscordAPIError,
  RESTJSONErrorCodes,
  type Client,
  type Guild,
  type GuildChannel,
  type GuildChannelCreateOptions,
  type NonThreadGuildBasedChannel,
} from 'discord.js';
import type { ChannelCheck, ChannelPolicy, RefusalCode } from '../services/kernel/index.js';
import { compareOverwrites, desiredOverwrites, toOverwriteData, type PlainOverwrite } from './overwrites.js';

type Ids = { everyoneId: string; botId: string };
type Read =
  { channel: NonThreadGuildBasedChannel } | Exclude<ChannelCheck, { status: 'as-written' | 'drifted' }>;

/** The Discord error code of a refusal or a vanished channel, or null for any other error. */
function refusal(error: unknown): RefusalCode | 'missing' | null {
  if (!(error instanceof DiscordAPIError)) return null;
  if (error.code === RESTJSONErrorCodes.UnknownChannel) return 'missing';
  if (error.code === RESTJSONErrorCodes.MissingAccess) return 50001;
  if (error.code === RESTJSONErrorCodes.MissingPermissions) return 50013;
  return null;
}

/** A channel's overwrites as plain data. */
export function plainOverwrites(channel: GuildChannel): PlainOverwrite[] {
  return channel.permissionOverwrites.cache.map((o) => ({
    id: o.id,
    type: o.type,
    allow: o.allow.bitfield,
    deny: o.deny.bitfield,
  }));
}

async function read(client: Client<true>, channelId: string, force: boolean): Promise<Read> {
  try {
    const cached = force ? undefined : client.channels.cache.get(channelId);
    const channel = cached ?? (await client.channels.fetch(channelId, { force: true }));
    if (!channel || !('guild' in channel) || channel.isThread()) return { status: 'missing' };
    return { channel };
  } catch (error) {
    const code = refusal(error);
    if (code === null) throw error;
    return code === 'missing' ? { status: 'missing' } : { status: 'refused', code, drift: null };
  }
}

function check(channel: GuildChannel, policy: ChannelPolicy, ids: Ids): ChannelCheck {
  const drift = compareOverwrites(plainOverwrites(channel), desiredOverwrites(policy, ids), ids);
  return drift ? { status: 'drifted', drift } : { status: 'as-written' };
}

/** Compares a circle channel's overwrites with its policy (from the cache when it holds the channel). */
export async function inspectChannel(
  client: Client<true>,
  channelId: string,
  policy: ChannelPolicy,
  ids: (guild: Guild) => Ids,
): Promise<ChannelCheck> {
  const found = await read(client, channelId, false);
  return 'channel' in found ? check(found.channel, policy, ids(found.channel.guild)) : found;
}

/**
 * Writes a circle channel's overwrites in one request, then reads the channel back from Discord:
 * a channel that another bot changes again at once, or that does not take the change, is `drifted`.
 */
export async function rewriteChannel(
  client: Client<true>,
  channelId: string,
  policy: ChannelPolicy,
  reason: string,
  ids: (guild: Guild) => Ids,
): Promise<ChannelCheck> {
  const found = await read(client, channelId, false);
  if (!('channel' in found)) return found;
  const { channel } = found;
  const before = check(channel, policy, ids(channel.guild));
  try {
    await channel.permissionOverwrites.set(
      toOverwriteData(desiredOverwrites(policy, ids(channel.guild))),
      reason,
    );
  } catch (error) {
    const code = refusal(error);
    if (code === null) throw error;
    if (code === 'missing') return { status: 'missing' };
    return { status: 'refused', code, drift: before.status === 'drifted' ? before.drift : null };
  }
  const after = await read(client, channelId, true);
  return 'channel' in after ? check(after.channel, policy, ids(after.channel.guild)) : after;
}

function sameChannel(a: GuildChannel, b: GuildChannel): boolean {
  const key = (c: GuildChannel) =>
    JSON.stringify(
      plainOverwrites(c)
        .map((o) => [o.id, o.type, o.allow.toString(), o.deny.toString()])
        .sort(),
    );
  return a.name === b.name && a.type === b.type && a.parentId === b.parentId && key(a) === key(b);
}

/**
 * Creates a channel so that a retry cannot leave an extra one behind. discord.js retries a create
 * whose answer was lost (a 5xx after Discord made the channel), which makes a second, identical
 * channel. The server's channels are listed before and after: new channels identical to the one
 * returned (name, type, category, overwrites) are those retries, and are deleted. When the create
 * fails altogether, new channels with the requested name, type and category are deleted too.
 * (Another process creating an identical channel in the same instant would be taken for one.)
 */
export async function createOnce(
  guild: Guild,
  options: GuildChannelCreateOptions & { name: string },
): Promise<GuildChannel> {
  const before = new Set((await guild.channels.fetch()).keys());
  const extras = async (keep: (c: GuildChannel) => boolean): Promise<void> => {
    const now = await guild.channels.fetch();
    for (const channel of now.values()) {
      if (!channel || before.has(channel.id) || !keep(channel)) continue;
      await channel.delete('A retried create made this channel twice').catch((error: unknown) => {
        if (refusal(error) !== 'missing') throw error;
      });
    }
  };
  let created: GuildChannel;
  try {
    created = await guild.channels.create(options);
  } catch (error) {
    const parentId = typeof options.parent === 'string' ? options.parent : (options.parent?.id ?? null);
    await extras((c) => c.type === options.type && c.parentId === parentId && c.name === options.name).catch(
      () => undefined,
    );
    throw error;
  }
  // The channel asked for exists: it is returned whatever happens to the clean-up, so that the
  // caller tracks it. A copy the clean-up could not delete is as private as the channel itself.
  await extras((c) => c.id !== created.id && sameChannel(c, created)).catch(() => undefined);
  return created;
}
