import type { Core } from './core.js';
import { ApiError, errors } from './errors.js';
import type { RestServer } from './http.js';
import { botChannel, requirePerms } from './access.js';
import { isObject, optArray } from './body.js';
import type { MessageInput } from './messages.js';
import { P, has } from './permissions.js';
import type { ChannelRecord, Json, JsonObject } from './types.js';

const KNOWN_FIELDS = new Set([
  'content',
  'embeds',
  'components',
  'flags',
  'nonce',
  'enforce_nonce',
  'tts',
  'attachments',
]);

/** Validates a create/edit message body and converts it to {@link MessageInput}. */
export function messageInput(body: JsonObject, opts: { requireContent: boolean }): MessageInput {
  const content = body['content'];
  if (content !== undefined && content !== null && typeof content !== 'string') {
    throw errors.invalidForm('content', 'STRING_TYPE_CONVERT', 'Could not interpret value as string.');
  }
  if (typeof content === 'string' && content.length > 2000) {
    throw errors.invalidForm('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  }
  const embeds = optArray(body, 'embeds');
  if (embeds && embeds.length > 10)
    throw errors.invalidForm('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  const components = optArray(body, 'components');
  const flags = typeof body['flags'] === 'number' ? body['flags'] : 0;
  if (opts.requireContent && !content && !embeds?.length && !components?.length) {
    throw new ApiError(400, 50006, 'Cannot send an empty message');
  }
  const nonce = body['nonce'];
  const extra: JsonObject = {};
  for (const [key, value] of Object.entries(body)) if (!KNOWN_FIELDS.has(key)) extra[key] = value;
  return {
    ...(typeof content === 'string' ? { content } : {}),
    ...(embeds ? { embeds } : {}),
    ...(components ? { components } : {}),
    flags,
    nonce: typeof nonce === 'string' || typeof nonce === 'number' ? nonce : null,
    tts: body['tts'] === true,
    type: isObject(body['message_reference']) ? 19 : 0,
    extra,
  };
}

/** 50007 unless the bot may DM the recipient (DMs open and a shared guild). */
export function checkDmAllowed(core: Core, channel: ChannelRecord): void {
  const recipient = channel.recipientId ? core.state.users.get(channel.recipientId) : undefined;
  if (!recipient || recipient.bot || !recipient.dmsOpen) throw errors.cannotDm();
  const shared = [...core.state.guilds.values()].some(
    (g) => g.members.has(recipient.id) && g.members.has(core.state.botUserId),
  );
  if (!shared) throw errors.cannotDm();
}

/** Registers message routes and DM creation. */
export function registerMessageRoutes(rest: RestServer, core: Core): void {
  const { state, messages } = core;

  rest.add('POST', '/channels/:channel/messages', (ctx) => {
    const { channel, perms, guild } = botChannel(core, ctx.param('channel'));
    if (guild) requirePerms(perms, P.SendMessages);
    else checkDmAllowed(core, channel);
    const input = messageInput(ctx.body, { requireContent: true });
    if (guild && !has(perms, P.EmbedLinks)) input.embeds = [];
    if (ctx.body['enforce_nonce'] === true && input.nonce !== null && input.nonce !== undefined) {
      const existing = messages.findByNonce(channel.id, state.botUserId, input.nonce);
      if (existing) return { body: state.apiMessage(existing) };
    }
    return { body: state.apiMessage(messages.create(channel.id, state.botUserId, input)) };
  });

  rest.add('GET', '/channels/:channel/messages', (ctx) => {
    const { channel, perms } = botChannel(core, ctx.param('channel'));
    if (!has(perms, P.ReadMessageHistory)) return { body: [] };
    const limit = Number(ctx.query.get('limit') ?? '50');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw errors.invalidForm('limit', 'NUMBER_TYPE_MAX', 'int value should be between 1 and 100.');
    let list = messages.inChannel(channel.id);
    const before = ctx.query.get('before');
    const after = ctx.query.get('after');
    const around = ctx.query.get('around');
    if (before) list = list.filter((m) => BigInt(m.id) < BigInt(before));
    if (after) list = list.filter((m) => BigInt(m.id) > BigInt(after)).slice(0, limit);
    if (around) {
      const index = list.findIndex((m) => BigInt(m.id) >= BigInt(around));
      const start = Math.max(0, (index < 0 ? list.length : index) - Math.floor(limit / 2));
      list = list.slice(start, start + limit);
    }
    return {
      body: list
        .slice(-limit)
        .reverse()
        .map((m) => state.apiMessage(m)) as Json[],
    };
  });

  rest.add('GET', '/channels/:channel/messages/:message', (ctx) => {
    const { channel, perms } = botChannel(core, ctx.param('channel'));
    requirePerms(perms, P.ReadMessageHistory);
    return { body: state.apiMessage(messages.get(channel.id, ctx.param('message'))) };
  });

  rest.add('PATCH', '/channels/:channel/messages/:message', (ctx) => {
    const { channel } = botChannel(core, ctx.param('channel'));
    const message = messages.get(channel.id, ctx.param('message'));
    if (message.authorId !== state.botUserId)
      throw new ApiError(403, 50005, 'Cannot edit a message authored by another user');
    messageInput(ctx.body, { requireContent: false });
    return { body: state.apiMessage(messages.edit(message, ctx.body)) };
  });

  rest.add('DELETE', '/channels/:channel/messages/:message', (ctx) => {
    const { channel, perms, guild } = botChannel(core, ctx.param('channel'));
    const message = messages.get(channel.id, ctx.param('message'));
    if (message.authorId !== state.botUserId) {
      if (!guild) throw errors.missingPermissions();
      requirePerms(perms, P.ManageMessages);
    }
    messages.delete(message);
    return undefined;
  });

  rest.add('POST', '/users/@me/channels', (ctx) => {
    const recipient = ctx.body['recipient_id'];
    if (typeof recipient !== 'string')
      throw errors.invalidForm('recipient_id', 'BASE_TYPE_REQUIRED', 'This field is required');
    const user = state.users.get(recipient);
    if (!user || user.id === state.botUserId) throw errors.unknownUser();
    return { body: state.apiChannel(state.dmChannel(user.id)) };
  });
}
