import {
  DiscordAPIError,
  RESTJSONErrorCodes,
  Routes,
  type APIChannel,
  type APIGuildChannel,
  type ChannelType,
  type Client,
  type GuildChannelType,
} from 'discord.js';
import type { ChannelCheck, ChannelPolicy, DriftReport, RefusalCode } from '../services/kernel/index.js';
import { compareOverwrites, desiredOverwrites, type PlainOverwrite } from './overwrites.js';

type Ids = { everyoneId: string; botId: string };
/** A guild channel as Discord answers it over REST. */
export type RestChannel = APIGuildChannel<GuildChannelType> & { guild_id: string };
type Read = { channel: RestChannel } | Exclude<ChannelCheck, { status: 'as-written' | 'drifted' }>;

/** The Discord error code of a refusal or a vanished channel, or null for any other error. */
export function refusal(error: unknown): RefusalCode | 'missing' | null {
  if (!(error instanceof DiscordAPIError)) return null;
  if (error.code === RESTJSONErrorCodes.UnknownChannel) return 'missing';
  if (error.code === RESTJSONErrorCodes.MissingAccess) return 50001;
  if (error.code === RESTJSONErrorCodes.MissingPermissions) return 50013;
  return null;
}

/** A channel's overwrites as plain data. */
export function plainOverwrites(channel: RestChannel): PlainOverwrite[] {
  return (channel.permission_overwrites ?? []).map((o) => ({
    id: o.id,
    type: o.type,
    allow: BigInt(o.allow),
    deny: BigInt(o.deny),
  }));
}

/** The overwrites every circle channel of a guild is compared with: @everyone is the guild's id. */
export function channelIds(client: Client<true>, channel: RestChannel): Ids {
  return { everyoneId: channel.guild_id, botId: client.user.id };
}

/** Overwrites in the shape Discord's REST API takes them. */
export function apiOverwrites(
  overwrites: PlainOverwrite[],
): { id: string; type: number; allow: string; deny: string }[] {
  return overwrites.map((o) => ({
    id: o.id,
    type: o.type,
    allow: o.allow.toString(),
    deny: o.deny.toString(),
  }));
}

/**
 * Reads a guild channel from Discord over REST, never from the cache: the cache of a process may not
 * hold the channel (another shard's guild) or may be behind what Discord holds. Null when it is gone.
 */
export async function fetchRestChannel(client: Client<true>, channelId: string): Promise<RestChannel | null> {
  try {
    const channel = (await client.rest.get(Routes.channel(channelId))) as APIChannel;
    return 'guild_id' in channel && channel.guild_id ? (channel as unknown as RestChannel) : null;
  } catch (error) {
    if (refusal(error) === 'missing') return null;
    throw error;
  }
}

/** Replaces a channel's overwrites in one request. */
export async function writeOverwrites(
  client: Client<true>,
  channelId: string,
  overwrites: PlainOverwrite[],
  reason: string,
): Promise<void> {
  await client.rest.patch(Routes.channel(channelId), {
    body: { permission_overwrites: apiOverwrites(overwrites) },
    reason,
  });
}

/**
 * Reads a channel the bot may not be able to view: Discord refuses it one by one (50001) but lists
 * it among its server's channels. The server is known when this process's cache holds the channel.
 */
async function readListed(client: Client<true>, channelId: string): Promise<RestChannel | null> {
  const cached = client.channels.cache.get(channelId);
  if (!cached || !('guildId' in cached)) return null;
  const listed = (await client.rest.get(Routes.guildChannels(cached.guildId))) as RestChannel[];
  return listed.find((c) => c.id === channelId) ?? null;
}

async function read(client: Client<true>, channelId: string): Promise<Read> {
  try {
    const channel = await fetchRestChannel(client, channelId);
    return channel ? { channel } : { status: 'missing' };
  } catch (error) {
    const code = refusal(error);
    if (code === null || code === 'missing') throw error;
    const listed = await readListed(client, channelId).catch(() => null);
    return listed ? { channel: listed } : { status: 'refused', code, drift: null };
  }
}

/** How a channel read over REST differs from its policy, or null when it matches. */
export function channelDrift(
  client: Client<true>,
  channel: RestChannel,
  policy: ChannelPolicy,
): DriftReport | null {
  const ids = channelIds(client, channel);
  return compareOverwrites(plainOverwrites(channel), desiredOverwrites(policy, ids), ids);
}

function check(client: Client<true>, channel: RestChannel, policy: ChannelPolicy): ChannelCheck {
  const drift = channelDrift(client, channel, policy);
  return drift ? { status: 'drifted', drift } : { status: 'as-written' };
}

/** Compares a circle channel's overwrites, read from Discord, with its policy. */
export async function inspectChannel(
  client: Client<true>,
  channelId: string,
  policy: ChannelPolicy,
): Promise<ChannelCheck> {
  const found = await read(client, channelId);
  return 'channel' in found ? check(client, found.channel, policy) : found;
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
): Promise<ChannelCheck> {
  const found = await read(client, channelId);
  if (!('channel' in found)) return found;
  const { channel } = found;
  const before = check(client, channel, policy);
  try {
    await writeOverwrites(client, channelId, desiredOverwrites(policy, channelIds(client, channel)), reason);
  } catch (error) {
    const code = refusal(error);
    if (code === null) throw error;
    if (code === 'missing') return { status: 'missing' };
    return { status: 'refused', code, drift: before.status === 'drifted' ? before.drift : null };
  }
  const after = await read(client, channelId);
  return 'channel' in after ? check(client, after.channel, policy) : after;
}

/** What a new channel is made with. */
export interface NewChannel {
  name: string;
  type: ChannelType;
  parentId?: string;
  overwrites: PlainOverwrite[];
  reason: string;
}

function overwriteKey(channel: RestChannel): string {
  return JSON.stringify(
    plainOverwrites(channel)
      .map((o) => [o.id, o.type, o.allow.toString(), o.deny.toString()])
      .sort(),
  );
}

function sameChannel(a: RestChannel, b: RestChannel): boolean {
  return (
    a.name === b.name &&
    a.type === b.type &&
    (a.parent_id ?? null) === (b.parent_id ?? null) &&
    overwriteKey(a) === overwriteKey(b)
  );
}

/**
 * Creates a channel so that a retry cannot leave an extra one behind. discord.js retries a create
 * whose answer was lost (a 5xx after Discord made the channel), which makes a second, identical
 * channel. The server's channels are listed before and after: new channels identical to the one
 * returned (name, type, category, overwrites) are those retries, and are deleted. When the create
 * fails altogether, new channels with the requested name, type and category are deleted too.
 * (Another process creating an identical channel in the same instant would be taken for one.)
 * Everything goes over REST, so it works for a guild this process does not hold in its cache.
 */
export async function createOnce(client: Client<true>, guildId: string, input: NewChannel): Promise<string> {
  const list = async () => (await client.rest.get(Routes.guildChannels(guildId))) as RestChannel[];
  const before = new Set((await list()).map((c) => c.id));
  const extras = async (keep: (c: RestChannel) => boolean): Promise<void> => {
    for (const channel of await list()) {
      if (before.has(channel.id) || !keep(channel)) continue;
      await client.rest
        .delete(Routes.channel(channel.id), { reason: 'A retried create made this channel twice' })
        .catch((error: unknown) => {
          if (refusal(error) !== 'missing') throw error;
        });
    }
  };
  let created: RestChannel;
  try {
    created = (await client.rest.post(Routes.guildChannels(guildId), {
      body: {
        name: input.name,
        type: input.type,
        ...(input.parentId ? { parent_id: input.parentId } : {}),
        permission_overwrites: apiOverwrites(input.overwrites),
      },
      reason: input.reason,
    })) as RestChannel;
  } catch (error) {
    const parentId = input.parentId ?? null;
    await extras(
      (c) => c.type === input.type && (c.parent_id ?? null) === parentId && c.name === input.name,
    ).catch(() => undefined);
    throw error;
  }
  // The channel asked for exists: it is returned whatever happens to the clean-up, so that the
  // caller tracks it. A copy the clean-up could not delete is as private as the channel itself.
  await extras((c) => c.id !== created.id && sameChannel(c, created)).catch(() => undefined);
  return created.id;
}
