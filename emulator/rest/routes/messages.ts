import { botChannel, checkDmAllowed, requirePerms } from '../../permissions/bot-access.js';
import { P, has } from '../../permissions/compute.js';
import type { EmulatorState } from '../../state/emulator-state.js';
import type { Json } from '../../state/json.js';
import { ApiError, errors } from '../errors.js';
import { attachmentInput } from '../input/attachment-input.js';
import { messageInput } from '../input/message-input.js';
import type { Router } from '../router.js';

/** Registers message routes and DM creation. */
export function registerMessageRoutes(rest: Router, state: EmulatorState): void {
  const { channels, json, records, messages } = state;
  const nextId = () => records.ids.next();

  rest.add('POST', '/channels/:channel/messages', (ctx) => {
    const { channel, perms, guild } = botChannel(state, ctx.param('channel'));
    if (guild) requirePerms(perms, P.SendMessages);
    else checkDmAllowed(state, channel);
    if (guild && ctx.files.length) requirePerms(perms, P.AttachFiles);
    const attachments = attachmentInput(ctx.body, ctx.files, { nextId });
    const input = messageInput(ctx.body, { requireContent: true, attachments });
    if (guild && !has(perms, P.EmbedLinks)) input.embeds = [];
    if (ctx.body['enforce_nonce'] === true && input.nonce !== null && input.nonce !== undefined) {
      const existing = messages.findByNonce(channel.id, records.botUserId, input.nonce);
      if (existing) return { body: json.apiMessage(existing) };
    }
    return { body: json.apiMessage(messages.create(channel.id, records.botUserId, input)) };
  });

  rest.add('GET', '/channels/:channel/messages', (ctx) => {
    const { channel, perms } = botChannel(state, ctx.param('channel'));
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
        .map((m) => json.apiMessage(m)) as Json[],
    };
  });

  rest.add('GET', '/channels/:channel/messages/:message', (ctx) => {
    const { channel, perms } = botChannel(state, ctx.param('channel'));
    requirePerms(perms, P.ReadMessageHistory);
    return { body: json.apiMessage(messages.get(channel.id, ctx.param('message'))) };
  });

  rest.add('PATCH', '/channels/:channel/messages/:message', (ctx) => {
    const { channel } = botChannel(state, ctx.param('channel'));
    const message = messages.get(channel.id, ctx.param('message'));
    if (message.authorId !== records.botUserId)
      throw new ApiError(403, 50005, 'Cannot edit a message authored by another user');
    const attachments = attachmentInput(ctx.body, ctx.files, { nextId, existing: message.attachments });
    messageInput(ctx.body, { requireContent: false });
    return { body: json.apiMessage(messages.edit(message, ctx.body, { attachments })) };
  });

  rest.add('DELETE', '/channels/:channel/messages/:message', (ctx) => {
    const { channel, perms, guild } = botChannel(state, ctx.param('channel'));
    const message = messages.get(channel.id, ctx.param('message'));
    if (message.authorId !== records.botUserId) {
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
    const user = records.users.get(recipient);
    if (!user || user.id === records.botUserId) throw errors.unknownUser();
    return { body: json.apiChannel(channels.dmChannel(user.id)) };
  });
}
