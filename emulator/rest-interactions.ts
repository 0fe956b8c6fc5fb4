import type { Core } from './core.js';
import { ApiError, errors } from './errors.js';
import type { RequestContext, RestServer } from './http.js';
import { isObject } from './body.js';
import { CallbackKind, InteractionKind } from './interaction-store.js';
import type { InteractionRecord } from './interaction-store.js';
import { MessageFlag } from './messages.js';
import { messageInput } from './rest-messages.js';
import type { JsonObject, MessageRecord } from './types.js';

const invalidType = () =>
  new ApiError(400, 50035, 'Invalid Form Body', {
    type: {
      _errors: [
        {
          code: 'INTERACTION_RESPONSE_TYPE_INVALID',
          message: 'Interaction response type not allowed for this interaction',
        },
      ],
    },
  });

/** Registers `/interactions/:id/:token/callback` and the interaction webhook routes. */
export function registerInteractionRoutes(rest: RestServer, core: Core): void {
  const { state, messages, interactions, options } = core;
  const exempt = { auth: false, globalExempt: true };

  rest.add(
    'POST',
    '/interactions/:id/:token/callback',
    (ctx) => {
      const record = interactions.get(ctx.param('id'));
      if (!record || record.token !== ctx.param('token')) throw errors.unknownInteraction();
      if (Date.now() - record.createdAt > options.interactionAckTimeoutMs) throw errors.unknownInteraction();
      if (record.callback) throw errors.alreadyAcknowledged();
      const type = ctx.body['type'];
      const data = isObject(ctx.body['data']) ? ctx.body['data'] : null;
      if (typeof type !== 'number')
        throw errors.invalidForm('type', 'BASE_TYPE_REQUIRED', 'This field is required');
      const fromMessage = record.sourceMessageId !== undefined;
      let message: MessageRecord | undefined;
      switch (type) {
        case CallbackKind.Pong:
          if (record.type !== InteractionKind.Ping) throw invalidType();
          break;
        case CallbackKind.ChannelMessage:
        case CallbackKind.DeferredChannelMessage: {
          if (record.type === InteractionKind.Autocomplete || record.type === InteractionKind.Ping)
            throw invalidType();
          const flags = typeof data?.['flags'] === 'number' ? data['flags'] : 0;
          const ephemeral = (flags & MessageFlag.Ephemeral) !== 0;
          const input =
            type === CallbackKind.ChannelMessage
              ? messageInput(data ?? {}, { requireContent: true })
              : { flags: MessageFlag.Loading | (flags & MessageFlag.Ephemeral) };
          message = messages.create(record.channelId, state.botUserId, {
            ...input,
            webhookId: state.applicationId,
            interactionId: record.id,
            type: record.type === InteractionKind.ApplicationCommand ? 20 : 0,
            ...(ephemeral ? { ephemeralFor: record.userId } : {}),
          });
          record.originalMessageId = message.id;
          record.ephemeral = ephemeral;
          break;
        }
        case CallbackKind.DeferredUpdateMessage:
        case CallbackKind.UpdateMessage: {
          if (!fromMessage || !record.sourceMessageId) throw invalidType();
          const source = state.messageMap.get(record.sourceMessageId);
          if (!source) throw errors.unknownMessage();
          if (type === CallbackKind.UpdateMessage) {
            messageInput(data ?? {}, { requireContent: false });
            messages.edit(source, data ?? {});
            message = source;
          }
          record.originalMessageId = source.id;
          record.ephemeral = source.ephemeralFor !== undefined;
          break;
        }
        case CallbackKind.AutocompleteResult: {
          if (record.type !== InteractionKind.Autocomplete) throw invalidType();
          const choices = data?.['choices'];
          if (!Array.isArray(choices) || choices.length > 25)
            throw errors.invalidForm(
              'data.choices',
              'BASE_TYPE_MAX_LENGTH',
              'Must be 25 or fewer in length.',
            );
          break;
        }
        case CallbackKind.Modal:
          if (record.type === InteractionKind.ModalSubmit || record.type === InteractionKind.Autocomplete)
            throw invalidType();
          if (
            !data ||
            typeof data['custom_id'] !== 'string' ||
            typeof data['title'] !== 'string' ||
            !Array.isArray(data['components'])
          ) {
            throw errors.invalidForm(
              'data',
              'BASE_TYPE_REQUIRED',
              'custom_id, title and components are required',
            );
          }
          break;
        default:
          throw errors.invalidForm(
            'type',
            'BASE_TYPE_CHOICES',
            'Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.',
          );
      }
      record.callback = { type, data, time: Date.now(), receivedAt: performance.now() };
      interactions.changed(record);
      if (ctx.query.get('with_response') !== 'true') return undefined;
      const original =
        message ?? (record.originalMessageId ? state.messageMap.get(record.originalMessageId) : undefined);
      const body: JsonObject = {
        interaction: {
          id: record.id,
          type: record.type,
          activity_instance_id: null,
          response_message_id: original?.id ?? null,
          response_message_loading: original ? (original.flags & MessageFlag.Loading) !== 0 : null,
          response_message_ephemeral: original ? original.ephemeralFor !== undefined : null,
        },
        resource: { type, ...(message ? { message: state.apiMessage(message) } : {}) },
      };
      return { body };
    },
    exempt,
  );

  const resolve = (ctx: RequestContext): InteractionRecord => {
    const record = interactions.byToken(ctx.param('token'));
    if (!record || ctx.param('app') !== state.applicationId) throw errors.unknownWebhook();
    if (Date.now() - record.createdAt > options.interactionTokenLifetimeMs)
      throw errors.invalidWebhookToken();
    return record;
  };
  const target = (record: InteractionRecord, id: string): MessageRecord => {
    const messageId = id === '@original' ? record.originalMessageId : id;
    const allowed =
      messageId === record.originalMessageId ||
      (messageId !== undefined && record.followUpIds.includes(messageId));
    const message = messageId && allowed ? state.messageMap.get(messageId) : undefined;
    if (!message || message.deleted) throw errors.unknownMessage();
    return message;
  };

  rest.add(
    'POST',
    '/webhooks/:app/:token',
    (ctx) => {
      const record = resolve(ctx);
      if (!record.callback) throw errors.unknownWebhook();
      const input = messageInput(ctx.body, { requireContent: true });
      const original = record.originalMessageId ? state.messageMap.get(record.originalMessageId) : undefined;
      let message: MessageRecord;
      if (
        record.callback.type === CallbackKind.DeferredChannelMessage &&
        original &&
        !record.originalEdited
      ) {
        message = messages.edit(original, ctx.body);
        record.originalEdited = true;
      } else {
        const ephemeral = ((input.flags ?? 0) & MessageFlag.Ephemeral) !== 0;
        message = messages.create(record.channelId, state.botUserId, {
          ...input,
          webhookId: state.applicationId,
          interactionId: record.id,
          ...(ephemeral ? { ephemeralFor: record.userId } : {}),
        });
        record.followUpIds.push(message.id);
      }
      interactions.changed(record);
      return ctx.query.get('wait') === 'true' ? { body: state.apiMessage(message) } : undefined;
    },
    exempt,
  );

  rest.add(
    'GET',
    '/webhooks/:app/:token/messages/:message',
    (ctx) => {
      const record = resolve(ctx);
      return { body: state.apiMessage(target(record, ctx.param('message'))) };
    },
    exempt,
  );

  rest.add(
    'PATCH',
    '/webhooks/:app/:token/messages/:message',
    (ctx) => {
      const record = resolve(ctx);
      const message = target(record, ctx.param('message'));
      messageInput(ctx.body, { requireContent: false });
      messages.edit(message, ctx.body);
      if (message.id === record.originalMessageId) record.originalEdited = true;
      interactions.changed(record);
      return { body: state.apiMessage(message) };
    },
    exempt,
  );

  rest.add(
    'DELETE',
    '/webhooks/:app/:token/messages/:message',
    (ctx) => {
      const record = resolve(ctx);
      messages.delete(target(record, ctx.param('message')));
      interactions.changed(record);
      return undefined;
    },
    exempt,
  );
}
